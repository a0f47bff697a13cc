import { COL } from './collections'
import type { Ctx, MemberCaller } from './context'

/** `_id` = `${memberId}_${templateId}`. One consent allows one message: each acceptance adds one, each send takes one. */
export interface SubscriptionDoc {
  _id: string
  memberId: string
  openid: string
  branchId: string
  templateId: string
  credits: number
}

type AnyCtx = Ctx | Omit<Ctx, 'caller'>

export interface Message {
  page: string
  data: Record<string, { value: string }>
}

/** Records a member's answer to wx.requestSubscribeMessage; returns the credits they now hold for the template. */
export async function recordConsent(ctx: Ctx<MemberCaller>, templateId: string, accepted: boolean): Promise<number> {
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

/**
 * Spends one credit (a conditional update, so a consent is never used twice) and sends the message. False when the
 * member holds no credit. A send that fails still spends the credit, as WeChat counts the attempt.
 */
export async function sendWithCredit(
  ctx: AnyCtx,
  sub: Pick<SubscriptionDoc, '_id' | 'openid' | 'templateId' | 'memberId'>,
  message: Message,
): Promise<boolean> {
  const _ = ctx.db.command
  const spend = await ctx.db
    .collection(COL.subscriptions)
    .where({ _id: sub._id, credits: _.gt(0) })
    .update({ data: { credits: _.inc(-1) } })
  if (spend.stats.updated === 0) return false
  try {
    await ctx.cloud.openapi.subscribeMessage.send({
      touser: sub.openid,
      templateId: sub.templateId,
      page: message.page,
      miniprogramState: 'formal',
      data: message.data,
    })
    return true
  } catch (err) {
    console.error(
      `[subscribe-message] ${sub.templateId} → ${sub.memberId}: ${err instanceof Error ? err.message : String(err)}`,
    )
    return false
  }
}

/** Sends to one member if they hold a credit for the template. */
export async function sendToMember(
  ctx: AnyCtx,
  memberId: string,
  templateId: string | null,
  message: Message,
): Promise<boolean> {
  if (!templateId) return false
  const sub = (
    await ctx.db
      .collection(COL.subscriptions)
      .where({ _id: `${memberId}_${templateId}` })
      .get()
  ).data[0] as SubscriptionDoc | undefined
  return sub ? sendWithCredit(ctx, sub, message) : false
}
