import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller } from '../_shared/context'
import { getDocs } from '../_shared/docs'

/**
 * Adds questions to the member's 错题本 (one document per member and question; a repeat mistake counts up). One read
 * finds which are already there, then one write each, made together.
 */
export async function recordWrong(
  ctx: Ctx<MemberCaller>,
  questionIds: string[],
  source: 'quiz' | 'daily' | 'wrong_book',
): Promise<void> {
  if (!questionIds.length) return
  const me = ctx.caller.member._id
  const now = ctx.clock.now()
  const _ = ctx.db.command
  const existing = await getDocs(
    ctx.db,
    COL.wrongBook,
    questionIds.map((qid) => `${me}_${qid}`),
  )
  await Promise.all(
    questionIds.map((qid) => {
      const id = `${me}_${qid}`
      return existing.has(id)
        ? ctx.db
            .collection(COL.wrongBook)
            .doc(id)
            .update({ data: { wrongCount: _.inc(1), lastWrongAt: now, source } })
        : ctx.db
            .collection(COL.wrongBook)
            .doc(id)
            .set({ data: { memberId: me, questionId: qid, wrongCount: 1, lastWrongAt: now, source } })
    }),
  )
}
