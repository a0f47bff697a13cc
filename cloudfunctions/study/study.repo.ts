// Typed reads and writes of the study area (articles, read receipts, reading clocks): handlers call these, never
// ctx.db.collection. Each function says what it costs, because every database call is a round trip (issue 11).
import { COL } from '../_shared/collections'
import { isDuplicateKey } from '../_shared/duplicate-key'
import type { Db } from '../_shared/context'
import type { Doc } from '../_shared/db-types'
import { joinedPage } from '../_shared/joined-page'
import { typedCollection } from '../_shared/repo'
import type { ArticleDoc, ReadDoc } from './docs'
import type { ReflectionDoc } from './reflections'

/**
 * One member's reading clock for one article, keyed `${articleId}_${memberId}`. `openedAt`: the visit under way (null
 * while paused); `bankedSeconds`: what earlier visits counted. Time accumulates across visits (a member who read 60 s
 * yesterday needs only the rest today), but only time the article was on screen.
 */
export interface ReadSession {
  _id: string
  openedAt: Date | null
  bankedSeconds?: number
}

export const articlesOf = (db: Db) => typedCollection<ArticleDoc>(db, COL.articles)
export const readsOf = (db: Db) => typedCollection<ReadDoc>(db, COL.reads)
export const readSessionsOf = (db: Db) => typedCollection<ReadSession>(db, COL.readSessions)
export const reflectionsOf = (db: Db) => typedCollection<ReflectionDoc>(db, COL.reflections)

/** An article without its body (markdown and html): what lists and the reading clock need. */
export type ArticleHead = Omit<ArticleDoc, 'markdown' | 'html'>
const BODY = ['markdown', 'html'] as const

type Reader = { session: ReadSession; receipt: ReadDoc }

/**
 * The article (without its body) with this member's reading clock and receipt for it: ONE request (joined-page.ts),
 * so opening and finishing cost the caller, this and their one write. Null when there is no such article.
 */
export async function articleForReader(
  db: Db,
  articleId: string,
  memberId: string,
): Promise<{ article: ArticleHead; session: ReadSession | null; receipt: ReadDoc | null } | null> {
  const [found] = await joinedPage<ArticleDoc, Reader, (typeof BODY)[number]>(
    db,
    COL.articles,
    { _id: articleId },
    {
      orderBy: [['_id', 'asc']],
      pageSize: 1,
      own: { memberId, from: { session: COL.readSessions, receipt: COL.reads } },
      omit: BODY,
    },
  )
  return found ? { article: found.row, session: found.own.session, receipt: found.own.receipt } : null
}

/**
 * A page of articles (without bodies), each with this member's receipt: one request. `limit` up to 100 (the
 * server-side cap); the count, where a page needs it, is `articlesOf(db).count(where)` beside it.
 */
export async function articlesWithReceipts(
  db: Db,
  where: Doc,
  memberId: string,
  opts: { orderBy: Array<[keyof ArticleHead & string, 'asc' | 'desc']>; page?: number; pageSize?: number },
): Promise<Array<{ article: ArticleHead; receipt: ReadDoc | null }>> {
  const rows = await joinedPage<ArticleDoc, Pick<Reader, 'receipt'>, (typeof BODY)[number]>(db, COL.articles, where, {
    ...opts,
    own: { memberId, from: { receipt: COL.reads } },
    omit: BODY,
  })
  return rows.map((r) => ({ article: r.row, receipt: r.own.receipt }))
}

/**
 * Adds the receipt under its natural key, once: null when written, or the receipt already there (two "finished"
 * calls at once: the first stands). A clash is recognised by code (duplicate-key.ts), never by message text.
 */
export async function addReceipt(db: Db, receipt: ReadDoc): Promise<ReadDoc | null> {
  try {
    await db.collection(COL.reads).add({ data: receipt })
    return null
  } catch (err) {
    if (!(await isDuplicateKey(db, COL.reads, receipt._id, err))) throw err
    return readsOf(db).get(receipt._id)
  }
}
