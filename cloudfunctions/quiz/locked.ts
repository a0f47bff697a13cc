import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller } from '../_shared/context'
import { inAudience, type AttemptDoc, type QuestionDoc, type QuizDoc } from './docs'

/**
 * Questions whose key practice must not give away: those that may be on a test the member can still take (published,
 * not yet closed, for their branch, attempts left). A fixed paper names its questions; a random draw may take any
 * active question of a type it draws, in its categories. Two reads, whatever the size of the bank.
 */
export async function lockedQuestions(
  ctx: Ctx<MemberCaller>,
): Promise<(q: Pick<QuestionDoc, '_id' | 'type' | 'category'>) => boolean> {
  const _ = ctx.db.command
  const me = ctx.caller.member
  const open = (
    (
      await ctx.db
        .collection(COL.quizzes)
        .where({ status: 'published', closeAt: _.gt(ctx.clock.now()) })
        .limit(100)
        .get()
    ).data as QuizDoc[]
  ).filter((q) => inAudience(q, me.branchId))
  if (!open.length) return () => false
  const mine = (
    await ctx.db
      .collection(COL.attempts)
      .where({ memberId: me._id, quizId: _.in(open.map((q) => q._id)) })
      .field({ quizId: true, status: true })
      .limit(100)
      .get()
  ).data as Array<Pick<AttemptDoc, 'quizId' | 'status'>>
  const takeable = open.filter((q) => {
    const used = mine.filter((a) => a.quizId === q._id)
    return used.length < q.attemptsAllowed || used.some((a) => a.status === 'in_progress')
  })
  const fixed = new Set(takeable.filter((q) => q.mode === 'fixed').flatMap((q) => q.fixedQuestionIds))
  const drawn = takeable.filter((q) => q.mode !== 'fixed')
  return (q) =>
    fixed.has(q._id) ||
    drawn.some(
      (z) =>
        (z.draw?.[q.type as keyof NonNullable<QuizDoc['draw']>] ?? 0) > 0 &&
        (!z.categories.length || z.categories.includes(q.category ?? '')),
    )
}
