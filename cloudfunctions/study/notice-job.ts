import { formatDateTime } from '../../src/domain/time'
import { COL } from '../_shared/collections'
import type { Ctx } from '../_shared/context'
import { isDuplicateKey } from '../_shared/duplicate-key'
import { sendWithCredit, type SubscriptionDoc } from '../_shared/subscriptions'
import { templateData, type Template } from '../_shared/templates'
import type { ArticleDoc, NoticeProgress } from './docs'

type AnyCtx = Omit<Ctx, 'caller'>

/**
 * Study notices as resumable work. Sending one message per subscriber does not fit one invocation for a large
 * organisation (each send is a few requests; the function is cut off at its timeout, 20 s), and the old code marked
 * the article notified first, so a cut-off left the rest un-notified for ever. Now:
 * - publishing (or the timer finding a scheduled article due) only QUEUES the job: `noticeStatus: 'queued'` on the
 *   article, set by the same conditional update that claimed it, so the job exists once;
 * - each timer tick (and nothing a member waits on) runs the jobs whose lease has lapsed: it takes the lease, walks
 *   the subscriptions in `_id` order from the saved cursor, and stops by itself after RUN_BUDGET_MS of real time,
 *   saving the cursor; a run that is killed instead (timeout, crash) loses its lease after LEASE_MS and the next tick
 *   continues from the last saved cursor;
 * - every send is keyed by its natural key `${articleId}_${memberId}` in `notices`, created BEFORE the send: a
 *   resumed run that meets a recipient again finds the key and skips her, so nobody gets the message twice. A run
 *   killed between creating that key and knowing the send's answer leaves it `sending`: WeChat's send has no
 *   idempotency key, so such a recipient is not sent to again (a double would be worse than a gap) and the admin sees
 *   her counted as 未确认.
 * The admin sees the progress on the article (`notice`: sent, failed, unconfirmed, done).
 */
export const RUN_BUDGET_MS = 8_000
/** Longer than the function's 20 s timeout: a lease still held is a run still alive. */
export const LEASE_MS = 30_000
const PAGE = 100

export interface NoticeDoc {
  _id: string
  articleId: string
  memberId: string
  state: 'sending' | 'sent' | 'failed' | 'no_credit'
  errCode: number | null
  at: Date
}

/** The progress a queued job starts with. */
export function queuedNotice(templateId: string): NoticeProgress {
  return { templateId, cursor: '', sent: 0, failed: 0, unconfirmed: 0, runner: null, startedAt: null, finishedAt: null }
}

/** Runs the due jobs (at most `limit`) until the time budget is spent; answers how many messages went out. */
export async function runNoticeJobs(
  ctx: AnyCtx,
  template: Template<'title' | 'category' | 'deadline'> | null,
  startedMs = Date.now(),
  limit = 5,
): Promise<number> {
  if (!template) return 0
  const _ = ctx.db.command
  const now = ctx.clock.now()
  const jobs = (
    await ctx.db
      .collection(COL.articles)
      .where({ noticeStatus: _.in(['queued', 'running']), noticeLeaseUntil: _.lt(now) })
      .limit(limit)
      .get()
  ).data as ArticleDoc[]
  let sent = 0
  for (const job of jobs) {
    if (Date.now() - startedMs >= RUN_BUDGET_MS) break
    sent += await runOne(ctx, job, template, startedMs)
  }
  return sent
}

async function runOne(
  ctx: AnyCtx,
  job: ArticleDoc,
  template: Template<'title' | 'category' | 'deadline'>,
  startedMs: number,
): Promise<number> {
  const _ = ctx.db.command
  const now = ctx.clock.now()
  const runner = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  // The lease: one conditional update, so two ticks (or a tick and a slow run) never work one job at once.
  const took = await ctx.db
    .collection(COL.articles)
    .where({ _id: job._id, noticeStatus: _.in(['queued', 'running']), noticeLeaseUntil: _.lt(now) })
    .update({
      data: {
        noticeStatus: 'running',
        noticeLeaseUntil: new Date(now.getTime() + LEASE_MS),
        notice: { runner, startedAt: job.notice?.startedAt ?? now },
      },
    })
  if (took.stats.updated !== 1) return 0
  const progress = job.notice!
  if (job.status !== 'published') {
    // Withdrawn while queued or part-way: the rest are not told about an article they can no longer open.
    await ctx.db
      .collection(COL.articles)
      .where({ _id: job._id, 'notice.runner': runner })
      .update({ data: { noticeStatus: 'done', noticeLeaseUntil: null, notice: { finishedAt: now } } })
    return 0
  }
  const where: Record<string, unknown> = { templateId: progress.templateId, credits: _.gt(0) }
  if (job.audienceBranchIds.length) where.branchId = _.in(job.audienceBranchIds)
  const data = templateData(template, {
    title: job.title,
    category: `${job.category}·必读`,
    // A required article always has a deadline (STUDY_DEADLINE_NEEDED).
    deadline: formatDateTime(job.deadline ?? now),
  })
  let cursor = progress.cursor
  // Counts since the last save (added to the article's totals by $inc), and the run's own total.
  let sent = 0
  let failed = 0
  let total = 0
  const save = (extra: Record<string, unknown>, notice: Record<string, unknown> = {}) =>
    ctx.db
      .collection(COL.articles)
      .where({ _id: job._id, 'notice.runner': runner })
      .update({ data: { ...extra, notice: { cursor, sent: _.inc(sent), failed: _.inc(failed), ...notice } } })

  for (;;) {
    const page = (
      await ctx.db
        .collection(COL.subscriptions)
        .where({ ...where, _id: _.gt(cursor) })
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .get()
    ).data as SubscriptionDoc[]
    if (!page.length) break
    for (const s of page) {
      if (Date.now() - startedMs >= RUN_BUDGET_MS) {
        // Out of time: hand the rest to the next tick, lease released.
        await save({ noticeLeaseUntil: new Date(0) })
        return total
      }
      const outcome = await sendOnce(ctx, job, s, data)
      if (outcome === 'sent') {
        sent++
        total++
      } else if (outcome === 'failed') failed++
      cursor = s._id
    }
    await save({ noticeLeaseUntil: new Date(ctx.clock.now().getTime() + LEASE_MS) })
    sent = 0
    failed = 0
  }
  const unconfirmed = (await ctx.db.collection(COL.notices).where({ articleId: job._id, state: 'sending' }).count())
    .total
  await save({ noticeStatus: 'done', noticeLeaseUntil: null }, { unconfirmed, finishedAt: ctx.clock.now() })
  return total
}

/** One recipient: the natural key first (a resumed run skips her), then the send, then its answer. */
async function sendOnce(
  ctx: AnyCtx,
  job: ArticleDoc,
  s: SubscriptionDoc,
  data: Record<string, { value: string }>,
): Promise<'sent' | 'failed' | 'no_credit' | 'skipped'> {
  const id = `${job._id}_${s.memberId}`
  const doc: Omit<NoticeDoc, '_id'> = {
    articleId: job._id,
    memberId: s.memberId,
    state: 'sending',
    errCode: null,
    at: ctx.clock.now(),
  }
  try {
    await ctx.db.collection(COL.notices).add({ data: { _id: id, ...doc } })
  } catch (err) {
    if (await isDuplicateKey(ctx.db, COL.notices, id, err)) return 'skipped'
    throw err
  }
  const outcome = await sendWithCredit(ctx, s, { page: `packages/study/pages/article/index?id=${job._id}`, data })
  const state = outcome.sent ? 'sent' : outcome.reason === 'failed' ? 'failed' : 'no_credit'
  await ctx.db
    .collection(COL.notices)
    .doc(id)
    .update({ data: { state, errCode: outcome.sent || outcome.reason !== 'failed' ? null : outcome.errCode } })
  return state
}
