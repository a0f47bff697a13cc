import { COL } from './collections'
import type { Ctx, MemberCaller } from './context'
import { isDuplicateKey } from './duplicate-key'
import { fail } from './errors'
import type { Template } from './templates'

/**
 * `_id` = `${memberId}_${templateId}`. One consent allows one message: each acceptance adds one, each send takes one.
 * A consent given on an item's page ("开会前提醒我" on a meeting) is HELD for that item (`held[itemKey]`): only a
 * reminder about that item spends it. WeChat itself would let any message of the template use it, but the member
 * agreed to hear about THAT meeting — pooled, her consent on one meeting's page was spent by whichever reminder the
 * timer reached first (another meeting's 会前提醒), and the meeting she asked about got none. `credits` are consents
 * given for no item in particular (any reminder of the template may spend them).
 */
export interface SubscriptionDoc {
  _id: string
  memberId: string
  openid: string
  branchId: string
  templateId: string
  credits: number
  /** Item key (`${kind}_${itemId}`, see `holdKey`) → consents held for reminders about that item only. */
  held?: Record<string, number>
  /**
   * Item key → when the hold ends (a meeting's start: its 会前提醒 is due before it). A consent still held after
   * that is free again for any reminder of the template (a test closing, required reading due): the member agreed to
   * messages of this template, and the meeting she gave it for can no longer use it.
   */
  heldUntil?: Record<string, Date>
  /** Sends WeChat refused (the credit was given back each time), and the last refusal. */
  failures?: number
  lastFailure?: { errCode: number | null; errMsg: string; at: Date }
}

type AnyCtx = Ctx | Omit<Ctx, 'caller'>

export interface Message {
  page: string
  data: Record<string, { value: string }>
}

/** The key a consent is held under for one item, and that item's reminders spend: `meeting_<id>`. */
export function holdKey(kind: string, itemId: string): string {
  return `${kind}_${itemId}`
}

/**
 * Records a member's answer to wx.requestSubscribeMessage; returns the messages she can count on: for `forItem`,
 * the consents held for that item (only its reminders spend them); otherwise her free credits for the template. Only the template this deployment
 * configured is accepted: any other id is refused and nothing is written (a member could otherwise collect credits
 * for ids nobody sends). The first consent creates the document by `add` (a second at the same moment meets the
 * duplicate key and increments instead), so two taps at once count two.
 */
export async function recordConsent(
  ctx: Ctx<MemberCaller>,
  configured: Template<string> | null,
  templateId: string,
  accepted: boolean,
  forItem?: string,
  /** With `forItem`: when the hold ends (SubscriptionDoc.heldUntil). */
  holdUntil?: Date,
): Promise<number> {
  if (!configured || configured.id !== templateId) fail('INVALID_INPUT', '订阅消息模板不正确，请刷新后重试')
  const me = ctx.caller.member
  const id = `${me._id}_${templateId}`
  const _ = ctx.db.command
  if (accepted) {
    const add = forItem
      ? { held: { [forItem]: _.inc(1) }, ...(holdUntil ? { heldUntil: { [forItem]: holdUntil } } : {}) }
      : { credits: _.inc(1) }
    const increment = () =>
      ctx.db
        .collection(COL.subscriptions)
        .where({ _id: id })
        .update({ data: { ...add, openid: ctx.caller.openid, branchId: me.branchId } })
    const res = await increment()
    if (res.stats.updated === 0) {
      const doc: Omit<SubscriptionDoc, '_id'> & { _id: string } = {
        _id: id,
        memberId: me._id,
        openid: ctx.caller.openid,
        branchId: me.branchId,
        templateId,
        credits: forItem ? 0 : 1,
        held: forItem ? { [forItem]: 1 } : {},
        heldUntil: forItem && holdUntil ? { [forItem]: holdUntil } : {},
      }
      try {
        await ctx.db.collection(COL.subscriptions).add({ data: doc })
      } catch (err) {
        if (!(await isDuplicateKey(ctx.db, COL.subscriptions, id, err))) throw err
        await increment()
      }
    }
  }
  const doc = (await ctx.db.collection(COL.subscriptions).where({ _id: id }).get()).data[0] as
    SubscriptionDoc | undefined
  // For an item, only the consents held for it: free ones may be spent first by any other reminder of the template,
  // so counting them promised her messages about this item she may never get.
  return forItem ? (doc?.held?.[forItem] ?? 0) : (doc?.credits ?? 0)
}

export type SendOutcome =
  | { sent: true }
  | { sent: false; reason: 'no_credit' }
  | { sent: false; reason: 'failed'; errCode: number | null; errMsg: string }

/**
 * Spends one credit (a conditional update, so a consent is never used twice) and sends the message. When WeChat
 * refuses the send (43101 the member turned these messages off, 47003 the data does not fit the template, a quota,
 * a network error) nothing reached the member, so the credit is given back and the failure is recorded on the
 * subscription (`failures`, `lastFailure`), where an admin or the next send can see it. Error codes:
 * developers.weixin.qq.com/miniprogram/dev/api-backend/open-api/subscribe-message/subscribeMessage.send.html
 * (40003 touser 无效, 40037 模板 id 不正确, 43101 用户拒绝接受消息, 47003 模板参数不准确, 41030 page 路径不正确).
 */
export async function sendWithCredit(
  ctx: AnyCtx,
  sub: Pick<SubscriptionDoc, '_id' | 'openid' | 'templateId' | 'memberId' | 'held' | 'heldUntil'>,
  message: Message,
  forItem?: string,
): Promise<SendOutcome> {
  const _ = ctx.db.command
  const spendFrom = async (field: string) =>
    (
      await ctx.db
        .collection(COL.subscriptions)
        .where({ _id: sub._id, [field]: _.gt(0) })
        .update({ data: { [field]: _.inc(-1) } })
    ).stats.updated === 1
  // A consent held for this item first (read with the subscription: no request when there is none), then a free one.
  const held = forItem && (sub.held?.[forItem] ?? 0) > 0 ? `held.${forItem}` : null
  // Last, a consent held for another item whose hold has ended (its meeting has started): free again, never one
  // still waiting for its own meeting's reminder.
  const now = ctx.clock.now().getTime()
  const lapsed = Object.entries(sub.held ?? {})
    .filter(([key, n]) => key !== forItem && n > 0 && !!sub.heldUntil?.[key])
    .filter(([key]) => new Date(sub.heldUntil![key]).getTime() <= now)
    .map(([key]) => `held.${key}`)
  let field = held && (await spendFrom(held)) ? held : (await spendFrom('credits')) ? 'credits' : null
  for (const key of lapsed) {
    if (field) break
    if (await spendFrom(key)) field = key
  }
  if (!field) return { sent: false, reason: 'no_credit' }
  try {
    await ctx.cloud.openapi.subscribeMessage.send({
      touser: sub.openid,
      templateId: sub.templateId,
      page: message.page,
      miniprogramState: 'formal',
      data: message.data,
    })
    return { sent: true }
  } catch (err) {
    const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown }
    const errCode = typeof e?.errCode === 'number' ? e.errCode : null
    const errMsg = String(e?.errMsg ?? e?.message ?? err)
    console.error(`[subscribe-message] ${sub.templateId} → ${sub.memberId}: ${errCode ?? ''} ${errMsg}`)
    await ctx.db
      .collection(COL.subscriptions)
      .where({ _id: sub._id })
      .update({
        data: { [field]: _.inc(1), failures: _.inc(1), lastFailure: { errCode, errMsg, at: ctx.clock.now() } },
      })
    return { sent: false, reason: 'failed', errCode, errMsg }
  }
}

/**
 * Sends to one member if they hold a credit for the template (off when the deployment configured none); `forItem`: a
 * reminder about that item, which may spend a consent held for it.
 */
export async function sendToMember(
  ctx: AnyCtx,
  memberId: string,
  template: Template<string> | null,
  message: Message,
  forItem?: string,
): Promise<boolean> {
  if (!template) return false
  const sub = (
    await ctx.db
      .collection(COL.subscriptions)
      .where({ _id: `${memberId}_${template.id}` })
      .get()
  ).data[0] as SubscriptionDoc | undefined
  return sub ? (await sendWithCredit(ctx, sub, message, forItem)).sent : false
}
