import { COL } from './collections'
import type { Ctx, MemberCaller } from './context'
import { fail } from './errors'
import type { Template } from './templates'

/** `_id` = `${memberId}_${templateId}`. One consent allows one message: each acceptance adds one, each send takes one. */
export interface SubscriptionDoc {
  _id: string
  memberId: string
  openid: string
  branchId: string
  templateId: string
  credits: number
  /** Sends WeChat refused (the credit was given back each time), and the last refusal. */
  failures?: number
  lastFailure?: { errCode: number | null; errMsg: string; at: Date }
}

type AnyCtx = Ctx | Omit<Ctx, 'caller'>

export interface Message {
  page: string
  data: Record<string, { value: string }>
}

/**
 * Records a member's answer to wx.requestSubscribeMessage; returns the credits they now hold for the template. Only
 * the template this deployment configured is accepted: any other id is refused and nothing is written (a member
 * could otherwise collect credits for ids nobody sends).
 */
export async function recordConsent(
  ctx: Ctx<MemberCaller>,
  configured: Template<string> | null,
  templateId: string,
  accepted: boolean,
): Promise<number> {
  if (!configured || configured.id !== templateId) fail('INVALID_INPUT', '订阅消息模板不正确，请刷新后重试')
  const me = ctx.caller.member
  const id = `${me._id}_${templateId}`
  const _ = ctx.db.command
  if (accepted) {
    const res = await ctx.db
      .collection(COL.subscriptions)
      .where({ _id: id })
      .update({ data: { credits: _.inc(1), openid: ctx.caller.openid, branchId: me.branchId } })
    if (res.stats.updated === 0) {
      await ctx.db
        .collection(COL.subscriptions)
        .doc(id)
        .set({ data: { memberId: me._id, openid: ctx.caller.openid, branchId: me.branchId, templateId, credits: 1 } })
    }
  }
  const doc = (await ctx.db.collection(COL.subscriptions).where({ _id: id }).get()).data[0] as
    SubscriptionDoc | undefined
  return doc?.credits ?? 0
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
  sub: Pick<SubscriptionDoc, '_id' | 'openid' | 'templateId' | 'memberId'>,
  message: Message,
): Promise<SendOutcome> {
  const _ = ctx.db.command
  const spend = await ctx.db
    .collection(COL.subscriptions)
    .where({ _id: sub._id, credits: _.gt(0) })
    .update({ data: { credits: _.inc(-1) } })
  if (spend.stats.updated === 0) return { sent: false, reason: 'no_credit' }
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
        data: { credits: _.inc(1), failures: _.inc(1), lastFailure: { errCode, errMsg, at: ctx.clock.now() } },
      })
    return { sent: false, reason: 'failed', errCode, errMsg }
  }
}

/** Sends to one member if they hold a credit for the template (off when the deployment configured none). */
export async function sendToMember(
  ctx: AnyCtx,
  memberId: string,
  template: Template<string> | null,
  message: Message,
): Promise<boolean> {
  if (!template) return false
  const sub = (
    await ctx.db
      .collection(COL.subscriptions)
      .where({ _id: `${memberId}_${template.id}` })
      .get()
  ).data[0] as SubscriptionDoc | undefined
  return sub ? (await sendWithCredit(ctx, sub, message)).sent : false
}
