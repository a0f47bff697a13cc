import type { Db } from './context'

/**
 * Reads one document by id, or null when there is none. `doc().get()` rejects for a missing document on the server
 * SDK, so every "maybe there" read goes through here instead of repeating the try/catch.
 */
export async function getDoc<T>(db: Db, collection: string, id: string): Promise<(T & { _id: string }) | null> {
  const res = await db.collection(collection).where({ _id: id }).limit(1).get()
  return (res.data[0] as (T & { _id: string }) | undefined) ?? null
}

/** Reads many documents by id in chunks of 100 (the server-side `get()` cap), keyed by id. */
export async function getDocs<T>(
  db: Db,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, T & { _id: string }>> {
  const out = new Map<string, T & { _id: string }>()
  const unique = [...new Set(ids)]
  const _ = db.command
  for (let i = 0; i < unique.length; i += 100) {
    const res = await db
      .collection(collection)
      .where({ _id: _.in(unique.slice(i, i + 100)) })
      .limit(100)
      .get()
    for (const d of res.data as Array<T & { _id: string }>) out.set(d._id, d)
  }
  return out
}
