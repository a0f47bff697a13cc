import type { StudyOutputs } from '../../src/contract/study.contract'
import { formatDateTime } from '../../src/domain/time'
import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller } from '../_shared/context'
import { recordConsent, sendWithCredit, type SubscriptionDoc } from '../_shared/subscriptions'
import type { ArticleDoc } from './docs'

/** The subscribe-message template for "new required study item", set in the function's environment. */
export function templateId(): string | null {
  return process.env.STUDY_TEMPLATE_ID || null
}

/** Records a member's answer to wx.requestSubscribeMessage. */
export async function subscribe(
  input: { templateId: string; accepted: boolean },
  ctx: Ctx<MemberCaller>,
): Promise<StudyOutputs['subscribe']> {
  return { credits: await recordConsent(ctx, input.templateId, input.accepted) }
}

/**
 * Sends "new required item" messages to the audience members who have a subscription credit. The article is marked
 * notified first, conditionally, so a second publish or a timer run never sends twice; each message spends one credit
 * through a conditional update, so no consent is used twice.
 */
export async function notifyRequired(ctx: Omit<Ctx, 'caller'>, article: ArticleDoc): Promise<number> {
  const tpl = templateId()
  if (!article.required || !tpl) return 0
  const _ = ctx.db.command
  const now = ctx.clock.now()
  const claim = await ctx.db
    .collection(COL.articles)
    .where({ _id: article._id, notifiedAt: null })
    .update({ data: { notifiedAt: now } })
  if (claim.stats.updated === 0) return 0
  let sent = 0
  const where: Record<string, unknown> = { templateId: tpl, credits: _.gt(0) }
  if (article.audienceBranchIds.length) where.branchId = _.in(article.audienceBranchIds)
  // Each send spends the credit that matched `where`, so the member drops out of the next page.
  // Bounded: 1,000 pages of 100 is far beyond any organisation; a loop that cannot end is a bug waiting to happen.
  for (let round = 0; round < 1000; round++) {
    // Always the first page: each message spends the credit that put the member on it.
    const page = (await ctx.db.collection(COL.subscriptions).where(where).orderBy('_id', 'asc').limit(100).get())
      .data as SubscriptionDoc[]
    if (!page.length) break
    for (const s of page) {
      const ok = await sendWithCredit(ctx, s, {
        page: `packages/study/pages/article/index?id=${article._id}`,
        data: {
          thing1: { value: article.title.slice(0, 20) },
          thing2: { value: `${article.category}·必读` },
          time3: { value: article.deadline ? formatDateTime(article.deadline) : '尽快' },
        },
      })
      if (ok) sent++
    }
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
