// Ties in a sort are in no particular order on CloudBase, and not the same order from one request to the next.
//
// CloudBase's document database is MongoDB underneath, whose manual says of cursor.skip(): "Sorting on fields that
// contain duplicate values may return an inconsistent sort order for those duplicate fields over multiple executions
// … The easiest way to guarantee sort consistency is to include the _id field in your sort query."
// (https://www.mongodb.com/docs/manual/reference/method/cursor.skip/). So page 2 of a list sorted on a non-unique
// field may repeat rows of page 1 and never show others. SQLite hands rows over in insertion order, and a stable sort
// would keep ties in that order on every page: kinder than production. When a sorted read skips rows, the ties are
// put in an order that depends on how many it skips, so the pages of a list that forgets a unique tie-break disagree
// here as they may there. (Page 1 keeps insertion order, so single-page answers read as before.)
import type { Doc } from './ejson'

function hash(text: string, seed: number): number {
  let h = (2166136261 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0
  return h
}

/** The documents in an order of their own for a sorted read that skips `skip` rows (none: as they are). */
export function tieOrderFor(docs: Doc[], skip: number): Doc[] {
  if (!(skip > 0)) return docs
  return docs
    .map((d) => ({ d, k: hash(String(d._id ?? JSON.stringify(d)), skip) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.d)
}
