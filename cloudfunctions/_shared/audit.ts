import { COL } from './collections'
import type { Caller, Ctx, MemberCaller } from './context'

/** Every manual correction leaves a trace: who did what to whom, when, and why (DESIGN §3). */
export async function writeAudit(
  ctx: Ctx<MemberCaller>,
  entry: { action: string; targetType: string; targetId: string; before?: unknown; after?: unknown; reason?: string },
  /** A natural key, for work that may be redone (a resumed import): the second write is refused as a duplicate. */
  id?: string,
): Promise<void> {
  await ctx.db.collection(COL.auditLogs).add({
    data: {
      ...(id ? { _id: id } : {}),
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
      actorId: ctx.caller.member._id,
      actorName: ctx.caller.member.name,
      at: ctx.clock.now(),
    },
  })
}

/**
 * An audit entry for a caller who is not (yet) a member: bind attempts and their refusals. The actor is the WeChat
 * identity, the only thing known about them.
 */
export async function writeAuditAs(
  ctx: Ctx<Caller>,
  entry: { action: string; targetType: string; targetId: string; before?: unknown; after?: unknown; reason?: string },
): Promise<void> {
  await ctx.db.collection(COL.auditLogs).add({
    data: {
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
      actorId: ctx.caller.member?._id ?? null,
      actorName: ctx.caller.member?.name ?? null,
      actorOpenid: ctx.caller.openid,
      at: ctx.clock.now(),
    },
  })
}
