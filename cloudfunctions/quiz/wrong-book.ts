import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller } from '../_shared/context'

/** Adds questions to the member's 错题本 (one document per member and question; a repeat mistake counts up). */
export async function recordWrong(ctx: Ctx<MemberCaller>, questionIds: string[], source: 'quiz' | 'daily' | 'wrong_book'): Promise<void> {
  const me = ctx.caller.member._id
  const now = ctx.clock.now()
  const _ = ctx.db.command
  for (const qid of questionIds) {
    const id = `${me}_${qid}`
    const res = await ctx.db.collection(COL.wrongBook).where({ _id: id }).update({ data: { wrongCount: _.inc(1), lastWrongAt: now, source } })
    if (res.stats.updated === 0) await ctx.db.collection(COL.wrongBook).doc(id).set({ data: { memberId: me, questionId: qid, wrongCount: 1, lastWrongAt: now, source } })
  }
}
