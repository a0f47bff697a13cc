import type { StudyOutputs } from '../../src/contract/study.contract'
import { minReadSeconds, receiptDecision, visitSeconds } from '../../src/domain/read.rules'
import { assertSafeText } from '../_shared/content-check'
import { PAGE_SIZE } from '../_shared/paging'
import type { Ctx, MemberCaller } from '../_shared/context'
import { withCurrentBody } from './rerender'
import { AppError, fail } from '../_shared/errors'
import { iso, toCard, type ArticleDoc, type ReadDoc } from './docs'
import { studyTemplate } from './notify'
import { resolveUrls } from '../_shared/file-urls'
import {
  articleForReader,
  articlesOf,
  articlesWithReceipts,
  addReceipt,
  readsOf,
  reflectionsOf,
  readSessionsOf,
  type ArticleHead,
  type ReadSession,
} from './study.repo'
import type { StudyHandler } from '../_shared/handlers'
import { articleVisibleTo } from '../../src/domain/audience'

/** The article if this member may see it now; otherwise "not found", so another branch's items stay invisible by id too. */
async function visibleArticle(ctx: Ctx<MemberCaller>, articleId: string): Promise<ArticleDoc> {
  const a = await articlesOf(ctx.db).get(articleId)
  if (!a || !articleVisibleTo(a, ctx.caller.member.branchId, ctx.clock.now()))
    throw new AppError('NOT_FOUND', '没有找到该资料')
  return a
}

/** The article (without its body) if this member may see it now, with her reading clock and receipt: one read. */
async function readerView(ctx: Ctx<MemberCaller>, articleId: string) {
  const found = await articleForReader(ctx.db, articleId, ctx.caller.member._id)
  if (!found || !articleVisibleTo(found.article, ctx.caller.member.branchId, ctx.clock.now()))
    throw new AppError('NOT_FOUND', '没有找到该资料')
  return found
}

/** A visible article, its body as the current renderer makes it (rerender.ts). */
async function readableArticle(ctx: Ctx<MemberCaller>, articleId: string): Promise<ArticleDoc> {
  return withCurrentBody(ctx, await visibleArticle(ctx, articleId))
}

/** The query part every member-facing list shares: published, due, and addressed to the member's branch. */
function visibleWhere(ctx: Ctx<MemberCaller>) {
  const _ = ctx.db.command
  return _.and([
    { status: 'published', publishAt: _.lte(ctx.clock.now()) },
    _.or([{ audienceBranchIds: _.size(0) }, { audienceBranchIds: ctx.caller.member.branchId }]),
  ])
}

async function readSet(ctx: Ctx<MemberCaller>, ids: string[]): Promise<Map<string, ReadDoc>> {
  const me = ctx.caller.member._id
  const docs = await readsOf(ctx.db).getMany(ids.map((id) => `${id}_${me}`))
  return new Map([...docs.values()].map((r) => [r.articleId, r]))
}

/**
 * The 学习 tab: required items first (deadline order, with my progress), then the latest, by category or title.
 * Caller, the required items and the page (each one aggregation carrying my receipts, study.repo.ts), the count:
 * 4 requests, whatever the page.
 */
export const feed: StudyHandler<'feed'> = async (input, ctx) => {
  const _ = ctx.db.command
  const now = ctx.clock.now()
  const me = ctx.caller.member._id
  const page = input.page ?? 1
  const filters: Record<string, unknown>[] = [visibleWhere(ctx)]
  if (input.category) filters.push({ category: input.category })
  if (input.keyword)
    filters.push({
      title: ctx.db.RegExp({ regexp: input.keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' }),
    })
  const where = _.and(filters)
  const [required, total, items] = await Promise.all([
    page === 1 && !input.keyword
      ? articlesWithReceipts(ctx.db, _.and([visibleWhere(ctx), { required: true }]), me, {
          orderBy: [['deadline', 'asc']],
          pageSize: 50,
        })
      : [],
    articlesOf(ctx.db).count(where),
    articlesWithReceipts(ctx.db, where, me, { orderBy: [['publishAt', 'desc']], page }),
  ])
  const urls = await resolveUrls(
    ctx,
    [...required, ...items].map((r) => r.article.cover),
  )
  const requiredCards = required
    .map((r) => toCard(r.article, urls, !!r.receipt, now))
    .sort((a, b) => Number(a.read) - Number(b.read))
  return {
    required: requiredCards,
    items: items.map((r) => toCard(r.article, urls, !!r.receipt, now)),
    total,
    page,
    pageSize: PAGE_SIZE,
    subscribeTemplateId: studyTemplate()?.id ?? null,
  }
}

export const get: StudyHandler<'get'> = async (input, ctx) => {
  const a = await readableArticle(ctx, input.articleId)
  const me = ctx.caller.member._id
  const [read, reflection, urls] = await Promise.all([
    readsOf(ctx.db).get(`${a._id}_${me}`),
    reflectionsOf(ctx.db).get(`${a._id}_${me}`),
    resolveUrls(ctx, [
      a.cover,
      ...a.attachments.map((x) => x.url),
      ...[...a.html.matchAll(/src="(cloud:\/\/[^"]+)"/g)].map((m) => m[1]),
    ]),
  ])
  const now = ctx.clock.now()
  return {
    article: {
      // Images in the body may be cloud files: their links are temporary, so they are resolved on every read.
      ...toCard(a, urls, !!read, now),
      html: a.html.replace(/src="(cloud:\/\/[^"]+)"/g, (_m, id: string) => `src="${urls.get(id) ?? id}"`),
      attachments: a.attachments.map((x) => ({
        ...x,
        url: urls.get(x.url) ?? x.url,
        fileID: x.url.startsWith('cloud://') ? x.url : null,
      })),
      sourceDate: iso(a.sourceDate),
      minReadSeconds: minReadSeconds(a.readMinutes),
      readAt: iso(read?.readAt),
      secondsSpent: read?.secondsSpent ?? null,
      reflection: reflection ? { text: reflection.text, updatedAt: iso(reflection.updatedAt)! } : null,
    },
  }
}

/**
 * Starts (or resumes) the reading clock, on the server: the phone's clock is not trusted for a receipt. A visit that
 * was never paused (the app was killed, the pause was lost) counts nothing: nobody can say how long it stayed on
 * screen, and counting its wall time would let "open, close, come back tomorrow" pass for reading.
 */
export const open: StudyHandler<'open'> = async (input, ctx) => {
  const me = ctx.caller.member._id
  const { article: a, session } = await readerView(ctx, input.articleId)
  const now = ctx.clock.now()
  const banked = session?.bankedSeconds ?? 0
  await readSessionsOf(ctx.db).put({ _id: `${a._id}_${me}`, openedAt: now, bankedSeconds: banked })
  return {
    openedAt: now.toISOString(),
    minReadSeconds: minReadSeconds(a.readMinutes),
    secondsSoFar: banked,
  }
}

/**
 * The visit ends without reaching the end (the page was hidden or left): its seconds are banked. The update is
 * conditional on the visit still being the one read, so a repeated or concurrent pause banks it once.
 */
async function pause(
  a: ArticleHead,
  session: ReadSession | null,
  ctx: Ctx<MemberCaller>,
): Promise<StudyOutputs['finish']> {
  const need = minReadSeconds(a.readMinutes)
  const banked = session?.bankedSeconds ?? 0
  if (!session?.openedAt)
    return { recorded: false, already: false, secondsSpent: banked, needSeconds: need, reason: 'not_finished' }
  const openedAt = new Date(session.openedAt)
  const total = banked + visitSeconds(openedAt, ctx.clock.now())
  const updated = await readSessionsOf(ctx.db).updateWhere(
    { _id: session._id, openedAt },
    { openedAt: null, bankedSeconds: total },
  )
  // Another pause of the same visit got there first: its total stands (the same visit, counted once).
  const counted = updated ? total : banked
  return { recorded: false, already: false, secondsSpent: counted, needSeconds: need, reason: 'not_finished' }
}

/**
 * The member reached the end (or, with reachedEnd false, left the page: the visit is banked). A receipt is written
 * only if the visits add up to long enough; it is keyed by article and member, so repeated calls write one receipt
 * and keep the first reading time. The article, her clock and any receipt come in one read (study.repo.ts): a first
 * finish costs the caller, that read and the receipt's add.
 */
export const finish: StudyHandler<'finish'> = async (input, ctx) => {
  const { article: a, session, receipt } = await readerView(ctx, input.articleId)
  if (!input.reachedEnd) return pause(a, session, ctx)
  const me = ctx.caller.member
  const id = `${a._id}_${me._id}`
  const already = (first: ReadDoc) =>
    ({ recorded: true, already: true, secondsSpent: first.secondsSpent, needSeconds: null, reason: null }) as const
  // A receipt from an earlier visit stands, whatever this visit adds.
  if (receipt) return already(receipt)
  const now = ctx.clock.now()
  const d = receiptDecision({
    openedAt: session?.openedAt ? new Date(session.openedAt) : null,
    bankedSeconds: session?.bankedSeconds ?? 0,
    now,
    reachedEnd: true,
    readMinutes: a.readMinutes,
  })
  if (!d.record)
    return {
      recorded: false,
      already: false,
      secondsSpent: d.secondsSpent,
      needSeconds: d.needSeconds,
      reason: d.reason,
    }
  const first = await addReceipt(ctx.db, {
    _id: id,
    articleId: a._id,
    memberId: me._id,
    branchId: me.branchId,
    required: a.required,
    secondsSpent: d.secondsSpent,
    readAt: now,
  })
  // Two "finished" calls at once: the first receipt stands.
  if (first) return already(first)
  return { recorded: true, already: false, secondsSpent: d.secondsSpent, needSeconds: null, reason: null }
}

/** A 学习心得 on a required item, checked by the platform's content security API before it is stored. */
export const reflect: StudyHandler<'reflect'> = async (input, ctx) => {
  const a = await visibleArticle(ctx, input.articleId)
  if (!a.required) fail('INVALID_INPUT', '只有必读资料可以提交学习心得')
  await assertSafeText(ctx, input.text, 'STUDY_TEXT_RISKY')
  const me = ctx.caller.member
  const now = ctx.clock.now()
  await reflectionsOf(ctx.db).put({
    _id: `${a._id}_${me._id}`,
    articleId: a._id,
    memberId: me._id,
    branchId: me.branchId,
    text: input.text,
    updatedAt: now,
  })
  return { reflection: { text: input.text, updatedAt: now.toISOString() } }
}

/** Required items the member has not read yet: the badge on 首页. */
export const unreadRequired: StudyHandler<'unreadRequired'> = async (_input, ctx) => {
  const _ = ctx.db.command
  const required = await articlesOf(ctx.db).find(_.and([visibleWhere(ctx), { required: true }]), {
    fields: { _id: true },
    limit: 100,
  })
  const reads = await readSet(
    ctx,
    required.map((a) => a._id),
  )
  return { count: required.filter((a) => !reads.has(a._id)).length }
}
