import type { Ctx } from '../_shared/context'
import { recordConsent } from '../_shared/subscriptions'
import { STUDY_REQUIRED, readTemplate } from '../_shared/templates'
import { queuedNotice, runNoticeJobs } from './notice-job'
import type { ArticleDoc } from './docs'
import type { StudyHandler } from '../_shared/handlers'
import { claimNotice, noticesDue } from './study.repo'

/** The subscribe-message template for "new required study item", as this deployment configured it (templates.ts). */
export function studyTemplate() {
  // Named here, not in templates.ts, so each function's bundle reads only its own variables (manifest test).
  const env = { STUDY_TEMPLATE_ID: process.env.STUDY_TEMPLATE_ID, STUDY_TEMPLATE_KEYS: process.env.STUDY_TEMPLATE_KEYS }
  return readTemplate(STUDY_REQUIRED, env).template
}

/** Records a member's answer to wx.requestSubscribeMessage. */
export const subscribe: StudyHandler<'subscribe'> = async (input, ctx) => {
  return { credits: await recordConsent(ctx, studyTemplate(), input.templateId, input.accepted) }
}

/**
 * Queues the "new required item" notices of a published required article: one conditional update claims it
 * (`notifiedAt` null → now) and creates its job on it, so a second publish or a timer run never queues twice. The
 * messages go out from the timer (notice-job.ts), in runs that fit the function's timeout and resume where a cut-off
 * one stopped. Answers whether a job was queued.
 */
export async function notifyRequired(ctx: Omit<Ctx, 'caller'>, article: ArticleDoc): Promise<boolean> {
  const tpl = studyTemplate()
  if (!article.required || !tpl) return false
  return claimNotice(ctx.db, article._id, ctx.clock.now(), queuedNotice(tpl.id))
}

/**
 * Timer job: queues the notices of required items whose scheduled publish time has come, then works the queued
 * jobs for at most the runner's RUN_BUDGET_MS of real time (the rest waits for the next tick).
 */
export async function dispatchDue(ctx: Omit<Ctx, 'caller'>): Promise<{ notified: number; articles: number }> {
  const due = await noticesDue(ctx.db, ctx.clock.now())
  for (const a of due) await notifyRequired(ctx, a)
  const notified = await runNoticeJobs(ctx, studyTemplate())
  return { notified, articles: due.length }
}
