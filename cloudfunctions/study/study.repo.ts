// Typed reads and writes of the study area (articles, read receipts, reading clocks, notices, 学习心得): handlers call these, never
// ctx.db.collection. Each function says what it costs, because every database call is a round trip (issue 11).
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import { isDuplicateKey } from '../_shared/duplicate-key'
import type { Db, MemberDoc } from '../_shared/context'
import type { Doc } from '../_shared/db-types'
import { joinedPage } from '../_shared/joined-page'
import { typedCollection, type Patch, type Where } from '../_shared/repo'
import type { SubscriptionDoc } from '../_shared/subscriptions'
import type { ArticleDoc, NoticeJob, ReadDoc } from './docs'
import type { NoticeDoc } from './notice-job'
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

export const studyMembersOf = (db: Db) => typedCollection<MemberDoc>(db, COL.members)
export const subscriptionsOf = (db: Db) => typedCollection<SubscriptionDoc>(db, COL.subscriptions)
export const noticesOf = (db: Db) => typedCollection<NoticeDoc>(db, COL.notices)

// ---- Editing (articles.ts)

/** Creates the article under its id, once: false when it is already there (the same new draft saved twice). */
export async function createArticle(db: Db, a: ArticleDoc): Promise<boolean> {
  try {
    await db.collection(COL.articles).add({ data: a })
    return true
  } catch (err) {
    if (!(await isDuplicateKey(db, COL.articles, a._id, err))) throw err
    return false
  }
}

/** Changes fields of an article by its id (`doc().update`, as the editor always has). One request. */
export async function updateArticle(db: Db, id: string, patch: Patch<ArticleDoc>): Promise<void> {
  await db.collection(COL.articles).doc(id).update({ data: patch })
}

/** Read receipts per article, in one aggregation (none when there are no articles). */
export async function readCountsOf(db: Db, articleIds: readonly string[]): Promise<Map<string, number>> {
  if (!articleIds.length) return new Map()
  const _ = db.command
  const res = await readsOf(db)
    .aggregate()
    .match({ articleId: _.in(articleIds) })
    .group({ _id: '$articleId', n: _.aggregate.sum(1) })
    .limit(1000)
    .end()
  return new Map(res.list.map((r) => [r._id as string, r.n as number]))
}

// ---- Notices (notify.ts, notice-job.ts)

/**
 * Claims a required article's notices: `notifiedAt` null → now, and its job stored whole (`notice` is null until now,
 * and a partial update cannot create fields inside a null). True for the one claim that lands. One request.
 */
export async function claimNotice(db: Db, articleId: string, now: Date, job: NoticeJob): Promise<boolean> {
  const claimed = await articlesOf(db).updateWhere(
    { _id: articleId, notifiedAt: null },
    { notifiedAt: now, notice: db.command.set(job) },
  )
  return claimed === 1
}

/** Published required articles whose notices are not yet queued and whose publish time has come: 20 at most. */
export function noticesDue(db: Db, now: Date): Promise<ArticleDoc[]> {
  const _ = db.command
  return articlesOf(db).find(
    { status: 'published', required: true, notifiedAt: null, publishAt: _.lte(now) },
    { limit: 20 },
  )
}

/** The next subscriptions with credit for this template (of these branches, [] = all) after `cursor`, in id order. */
export function subscribersAfter(
  db: Db,
  templateId: string,
  branchIds: string[],
  cursor: string,
  limit: number,
): Promise<SubscriptionDoc[]> {
  const _ = db.command
  const where: Where<SubscriptionDoc> = { templateId, credits: _.gt(0) }
  if (branchIds.length) where.branchId = _.in(branchIds)
  return subscriptionsOf(db).find({ ...where, _id: _.gt(cursor) }, { orderBy: [['_id', 'asc']], limit })
}

// ---- Statistics (stats.ts)

/** Active members per branch, in one aggregation. */
export async function activeCountsOf(db: Db, branchIds: string[]): Promise<Map<string, number>> {
  const _ = db.command
  const res = await studyMembersOf(db)
    .aggregate()
    .match({ status: 'active', branchId: _.in(branchIds) })
    .group({ _id: '$branchId', n: _.aggregate.sum(1) })
    .limit(1000)
    .end()
  return new Map(res.list.map((r) => [r._id as string, r.n as number]))
}

/** An article's readers per branch: how many and their seconds in all, in one aggregation. */
export async function readsByBranch(
  db: Db,
  articleId: string,
  branchIds: string[],
): Promise<Array<{ _id: string; n: number; seconds: number }>> {
  const _ = db.command
  const $ = _.aggregate
  const res = await readsOf(db)
    .aggregate()
    .match({ articleId, branchId: _.in(branchIds) })
    .group({ _id: '$branchId', n: $.sum(1), seconds: $.sum('$secondsSpent') })
    .limit(1000)
    .end()
  return res.list as Array<{ _id: string; n: number; seconds: number }>
}

/** One branch's receipts of an article, first read first: one request per thousand. */
export function receiptsOfBranch(db: Db, articleId: string, branchId: string): Promise<ReadDoc[]> {
  return aggregateAll<ReadDoc>(() => readsOf(db).aggregate().match({ articleId, branchId }).sort({ readAt: 1, _id: 1 }))
}

/** Required articles published in [from, to] (their audiences): one request, at most 1000. */
export async function requiredBetween(
  db: Db,
  from: Date,
  to: Date,
): Promise<Array<Pick<ArticleDoc, '_id' | 'audienceBranchIds'>>> {
  const _ = db.command
  const res = await articlesOf(db)
    .aggregate()
    .match({ status: 'published', required: true, publishAt: _.gte(from).and(_.lte(to)) })
    .project({ audienceBranchIds: 1 })
    .limit(1000)
    .end()
  return res.list as Array<Pick<ArticleDoc, '_id' | 'audienceBranchIds'>>
}

/** Receipts of these required articles per branch, in one aggregation. */
export async function requiredReadsByBranch(
  db: Db,
  branchIds: string[],
  articleIds: string[],
): Promise<Map<string, number>> {
  const _ = db.command
  const res = await readsOf(db)
    .aggregate()
    .match({ required: true, branchId: _.in(branchIds), articleId: _.in(articleIds) })
    .group({ _id: '$branchId', n: _.aggregate.sum(1) })
    .limit(1000)
    .end()
  return new Map(res.list.map((r) => [r._id as string, r.n as number]))
}

/** The active members of these branches (name, branch), in id order: one request per thousand. */
export function rosterOfBranches(
  db: Db,
  branchIds: string[],
): Promise<Array<Pick<MemberDoc, '_id' | 'name' | 'branchId'>>> {
  const _ = db.command
  return aggregateAll(() =>
    studyMembersOf(db)
      .aggregate()
      .match({ status: 'active', branchId: _.in(branchIds) })
      .project({ name: 1, branchId: 1 })
      .sort({ _id: 1 }),
  )
}

/** An article's receipts in these branches (who, how long, when), in id order: one request per thousand. */
export function receiptsInBranches(
  db: Db,
  articleId: string,
  branchIds: string[],
): Promise<Array<Pick<ReadDoc, '_id' | 'memberId' | 'secondsSpent' | 'readAt'>>> {
  const _ = db.command
  return aggregateAll(() =>
    readsOf(db)
      .aggregate()
      .match({ articleId, branchId: _.in(branchIds) })
      .project({ memberId: 1, secondsSpent: 1, readAt: 1 })
      .sort({ _id: 1 }),
  )
}

// ---- 学习心得 (reflections.ts)

/** Every reflection `where` matches, newest first (ties by id), 1000 a request (CloudBase's aggregate cap). */
export function allReflectionsWhere(db: Db, where: Where<ReflectionDoc>): Promise<ReflectionDoc[]> {
  return aggregateAll<ReflectionDoc>(() => reflectionsOf(db).aggregate().match(where).sort({ updatedAt: -1, _id: 1 }))
}
