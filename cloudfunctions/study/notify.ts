import type { StudyOutputs } from '../../src/contract/study.contract'
import { formatDateTime } from '../../src/domain/time'
import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller } from '../_shared/context'
import { recordConsent, sendWithCredit, type SubscriptionDoc } from '../_shared/subscriptions'
import { STUDY_REQUIRED, readTemplate, templateData } from '../_shared/templates'
import type { ArticleDoc } from './docs'

/** The subscribe-message template for "new required study item", as this deployment configured it (templates.ts). */
export function studyTemplate() {
  // Named here, not in templates.ts, so each function's bundle reads only its own variables (manifest test).
  const env = { STUDY_TEMPLATE_ID: process.env.STUDY_TEMPLATE_ID, STUDY_TEMPLATE_KEYS: process.env.STUDY_TEMPLATE_KEYS }
  return readTemplate(STUDY_REQUIRED, env).template
}

/** Records a member's answer to wx.requestSubscribeMessage. */
export async function subscribe(
  input: { templateId: string; accepted: boolean },
  ctx: Ctx<MemberCaller>,
): Promise<StudyOutputs['subscribe']> {
  return { credits: await recordConsent(ctx, studyTemplate(), input.templateId, input.accepted) }
}

/**
 * Sends "new required item" messages to the audience members who have a subscription credit. The article is marked
 * notified first, conditionally, so a second publish or a timer run never sends twice; each message spends one credit
 * through a conditional update, so no consent is used twice.
 */
export async function notifyRequired(ctx: Omit<Ctx, 'caller'>, article: ArticleDoc): Promise<number> {
  const tpl = studyTemplate()
  if (!article.required || !tpl) return 0
  const _ = ctx.db.command
  const now = ctx.clock.now()
  const claim = await ctx.db
    .collection(COL.articles)
    .where({ _id: article._id, notifiedAt: null })
    .update({ data: { notifiedAt: now } })
  if (claim.stats.updated === 0) return 0
  let sent = 0
  const where: Record<string, unknown> = { templateId: tpl.id, credits: _.gt(0) }
  if (article.audienceBranchIds.length) where.branchId = _.in(article.audienceBranchIds)
  const data = templateData(tpl, {
    title: article.title,
    category: `${article.category}·必读`,
    // A required article always has a deadline (STUDY_DEADLINE_NEEDED).
    deadline: article.deadline ? formatDateTime(article.deadline) : formatDateTime(now),
  })
  // Pages by _id after the last one seen: a refused send gives its credit back, so the member would stay on a
  // "first page" query and be sent to again. Bounded: 1,000 pages of 100 is far beyond any organisation.
  let after = ''
  for (let round = 0; round < 1000; round++) {
    const page = (
      await ctx.db
        .collection(COL.subscriptions)
        .where({ ...where, _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(100)
        .get()
    ).data as SubscriptionDoc[]
    if (!page.length) break
    for (const s of page) {
      const outcome = await sendWithCredit(ctx, s, {
        page: `packages/study/pages/article/index?id=${article._id}`,
        data,
      })
      if (outcome.sent) sent++
    }
    after = page[page.length - 1]._id
  }
  return sent
}

/** Timer job: notify for required items whose scheduled publish time has come. */
export async function dispatchDue(ctx: Omit<Ctx, 'caller'>): Promise<{ notified: number; articles: number }> {
  const _ = ctx.db.command
  const due = (
    await ctx.db
      .collection(COL.articles)
      .where({ status: 'published', required: true, notifiedAt: null, publishAt: _.lte(ctx.clock.now()) })
      .limit(20)
      .get()
  ).data as ArticleDoc[]
  let notified = 0
  for (const a of due) notified += await notifyRequired(ctx, a)
  return { notified, articles: due.length }
}
