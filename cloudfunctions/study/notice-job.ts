import { formatDateTime } from '../../src/domain/time'
import { COL } from '../_shared/collections'
import type { Ctx } from '../_shared/context'
import { keyedOnce, queuedState, runDue, type JobKind } from '../_shared/job-runner'
import { sendWithCredit, type SubscriptionDoc } from '../_shared/subscriptions'
import { templateData, type Template } from '../_shared/templates'
import type { ArticleDoc, NoticeJob } from './docs'
import { noticesOf, subscribersAfter } from './study.repo'

type AnyCtx = Omit<Ctx, 'caller'>
type StudyTemplate = Template<'title' | 'category' | 'deadline'>

/**
 * Study notices as a job of the shared runner (_shared/job-runner.ts: lease, cursor saved after each batch, stops
 * itself well before the timeout). Sending one message per subscriber does not fit one invocation for a large
 * organisation, so publishing (or the timer finding a scheduled article due) only QUEUES the job on the article
 * (notify.ts), and each timer tick works it: the items are the article's audience's subscriptions in `_id` order, the
 * cursor the last one handled. Every send is keyed `${articleId}_${memberId}` in `notices` (`keyedOnce`), so nobody
 * gets the message twice; one a killed run left `sending` is counted 未确认. The admin sees the progress on the article.
 */
const PAGE = 100
/** Sends between cursor saves: a cut-off run meets at most these again, each skipped by its key. */
const BATCH = 10

export interface NoticeDoc {
  _id: string
  articleId: string
  memberId: string
  state: 'sending' | 'sent' | 'failed' | 'no_credit'
  errCode: number | null
  at: Date
}

/** The job a published required article starts with (stored whole on the article). */
export function queuedNotice(templateId: string): NoticeJob {
  return { ...queuedState(''), templateId, unconfirmed: 0 }
}

function noticeKind(template: StudyTemplate): JobKind<ArticleDoc, string, SubscriptionDoc> {
  return {
    collection: COL.articles,
    field: 'notice',
    batch: BATCH,
    // Withdrawn while queued or part-way: the rest are not told about an article they can no longer open.
    live: (job) => job.status === 'published',
    async page(ctx, job, cursor) {
      const subs = await subscribersAfter(ctx.db, job.notice!.templateId, job.audienceBranchIds, cursor, PAGE)
      return subs.map((s) => ({ item: s, cursor: s._id }))
    },
    step(ctx, job, s) {
      const data = templateData(template, {
        title: job.title,
        category: `${job.category}·必读`,
        // A required article always has a deadline (STUDY_DEADLINE_NEEDED).
        deadline: formatDateTime(job.deadline ?? ctx.clock.now()),
      })
      const key = { _id: `${job._id}_${s.memberId}`, articleId: job._id, memberId: s.memberId, errCode: null }
      return keyedOnce(ctx, COL.notices, { ...key, at: ctx.clock.now() }, async () => {
        const outcome = await sendWithCredit(ctx, s, { page: `packages/study/pages/article/index?id=${job._id}`, data })
        if (outcome.sent) return { state: 'sent' }
        return outcome.reason === 'failed' ? { state: 'failed', errCode: outcome.errCode } : { state: 'no_credit' }
      })
    },
    async finish(ctx, job) {
      // The final figures from the keyed sends themselves: a run cut off by the timeout loses the outcomes since its
      // last save, and the resumed run never meets those recipients again (their credit is spent, so the page skips
      // them), so the counts saved along the way can fall short. Three counts, whatever the roster's size.
      const n = (state: NoticeDoc['state']) => noticesOf(ctx.db).count({ articleId: job._id, state })
      const [sent, failed, unconfirmed] = await Promise.all([n('sent'), n('failed'), n('sending')])
      return { unconfirmed, counts: { sent, failed } }
    },
  }
}

/** Runs the due notice jobs until the time budget is spent; answers how many messages went out. */
export async function runNoticeJobs(ctx: AnyCtx, template: StudyTemplate | null): Promise<number> {
  if (!template) return 0
  return (await runDue(ctx, noticeKind(template))).sent ?? 0
}
