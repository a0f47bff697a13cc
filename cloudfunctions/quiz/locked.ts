import type { Ctx, MemberCaller } from '../_shared/context'
import { inAudience, type QuestionDoc, type QuizDoc } from './docs'
import { openQuizzesWithMine } from './quiz.repo'

/**
 * Questions whose key practice must not give away: those that may be on a test the member can still take (published,
 * not yet closed, for their branch, attempts left). A fixed paper names its questions; a random draw may take any
 * active question of a type it draws, in its categories. One read (the open tests with her attempts at them),
 * whatever the size of the bank.
 */
export async function lockedQuestions(
  ctx: Ctx<MemberCaller>,
): Promise<(q: Pick<QuestionDoc, '_id' | 'type' | 'category'>) => boolean> {
  const me = ctx.caller.member
  const open = (await openQuizzesWithMine(ctx.db, me._id, ctx.clock.now())).filter((q) => inAudience(q, me.branchId))
  if (!open.length) return () => false
  const takeable = open.filter((q) => {
    const used = q.mine
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
