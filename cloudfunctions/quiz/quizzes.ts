import { createHash } from 'crypto'
import type { MyQuiz } from '../../src/contract/quiz.contract'
import { countedAttempt } from '../../src/domain/grading'
import { QUESTION_TYPES } from '../../src/domain/question.types'
import { COL } from '../_shared/collections'
import type { Ctx } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { atRevision, revisionOf, saveAtRevision } from '../_shared/revision'
import { orgsOf } from '../_shared/orgs'
import { maxScoreOf } from '../../src/domain/quiz.rules'
import { inAudience, toQuizView, type AttemptDoc, type QuestionDoc, type QuizDoc } from './docs'
// attempts.ts imports loadQuiz from here: the cycle is between function bodies only, resolved by the time either runs.
import { gradeExpiredOnSight } from './attempts'
import { attemptsOf, availableView, createOnce, questionsById, questionsOf, quizzesOf } from './quiz.repo'
import type { QuizHandler } from '../_shared/handlers'
import type { Where } from '../_shared/repo'

/** The paper rules: once members may have started, these must not change under them. */
const PAPER_FIELDS = [
  'mode',
  'draw',
  'categories',
  'fixedQuestionIds',
  'points',
  'durationMin',
  'partialCredit',
] as const

/** Whether `fields` would change the paper rules of `stored`. */
const paperChanged = (stored: QuizDoc, fields: Pick<QuizDoc, (typeof PAPER_FIELDS)[number]>) =>
  PAPER_FIELDS.some((f) => JSON.stringify(stored[f]) !== JSON.stringify(fields[f]))

export async function loadQuiz(ctx: Ctx, quizId: string): Promise<QuizDoc> {
  const quiz = await quizzesOf(ctx.db).get(quizId)
  if (!quiz) throw new AppError('NOT_FOUND', '没有找到该测试')
  return quiz
}

export const saveQuiz: QuizHandler<'saveQuiz'> = async (input, ctx) => {
  const openAt = new Date(input.openAt)
  const closeAt = new Date(input.closeAt)
  if (!(openAt < closeAt)) fail('INVALID_INPUT', '截止时间应晚于开始时间')
  if (input.mode === 'random' && (!input.draw || input.draw.single + input.draw.multi + input.draw.judge === 0))
    fail('INVALID_INPUT', '请设置各题型的抽题数量')
  if (input.mode === 'fixed' && !input.fixedQuestionIds?.length) fail('INVALID_INPUT', '固定试卷请选择题目')
  const orgs = await orgsOf(ctx)
  const badBranch = (input.audienceBranchIds ?? []).find((b) => orgs.get(b)?.type !== 'branch')
  if (badBranch) fail('INVALID_INPUT', '参加支部中有无效的支部')
  let fixedTypes: QuestionDoc['type'][] = []
  if (input.mode === 'fixed') {
    const found = await questionsById(ctx.db, input.fixedQuestionIds!)
    const missing = input.fixedQuestionIds!.filter((id) => !found.has(id))
    if (missing.length) fail('INVALID_INPUT', `固定试卷中有 ${missing.length} 道题不存在`)
    fixedTypes = [...new Set(input.fixedQuestionIds)].map((id) => found.get(id)!.type)
  }
  const now = ctx.clock.now()
  const doc: Omit<QuizDoc, '_id' | 'createdBy' | 'createdAt' | 'status'> = {
    title: input.title,
    openAt,
    closeAt,
    durationMin: input.durationMin,
    mode: input.mode,
    draw: input.mode === 'random' ? input.draw! : null,
    categories: input.categories ?? [],
    fixedQuestionIds: input.mode === 'fixed' ? [...new Set(input.fixedQuestionIds)] : [],
    points: input.points,
    passMark: input.passMark,
    attemptsAllowed: input.attemptsAllowed ?? 1,
    scoreRule: input.scoreRule ?? 'highest',
    reveal: input.reveal ?? 'after_submit',
    partialCredit: input.partialCredit ?? false,
    audienceBranchIds: [...new Set(input.audienceBranchIds ?? [])],
    hideLimit: input.hideLimit ?? null,
    maxScore: maxScoreOf(input.points, input.mode === 'random' ? input.draw! : null, fixedTypes),
    updatedAt: now,
  }
  if (input.quizId) {
    const before = await loadQuiz(ctx, input.quizId)
    if (before.status === 'published' && paperChanged(before, doc)) fail('QUIZ_PUBLISHED')
    // Only on the revision the editor opened: another admin's save meanwhile is never overwritten (revision.ts). And
    // only while the test is as published (or not) as read: a publish landing after this read froze the paper, so a
    // change to it is refused as on a published test (publishing does not move the revision).
    const saved = await saveAtRevision({
      db: ctx.db,
      records: quizzesOf(ctx.db),
      before,
      revision: input.revision,
      fields: doc,
      where: { status: before.status },
      recheck: (now) => {
        if (now.status === 'published' && paperChanged(now, doc)) fail('QUIZ_PUBLISHED')
      },
      notFound: '没有找到该测试',
    })
    return { quiz: toQuizView(saved) }
  }
  // Derived from the title and opening time: submitting the same new test twice creates it once.
  const id = `qz_${createHash('sha256').update(`${input.title}|${openAt.toISOString()}`).digest('hex').slice(0, 12)}`
  const full: Omit<QuizDoc, '_id'> = { ...doc, status: 'draft', createdBy: ctx.caller.member._id, createdAt: now }
  if (!(await createOnce(ctx.db, COL.quizzes, { _id: id, ...full }))) {
    const existing = await loadQuiz(ctx, id)
    // The same draft saved twice is a retry; a published test of that title and time is a different thing.
    if (existing.status === 'published') fail('CONFLICT', '已有同名、同一开始时间的测试，请修改名称或时间')
    return { quiz: toQuizView(existing) }
  }
  return { quiz: toQuizView({ _id: id, ...full }) }
}

/** One test's settings, for the edit form. */
export const getQuiz: QuizHandler<'getQuiz'> = async (input, ctx) => {
  return { quiz: toQuizView(await loadQuiz(ctx, input.quizId)) }
}

/** How many active questions of each type the quiz can draw from. One aggregation. */
export async function availableByType(ctx: Ctx, categories: string[]): Promise<Record<string, number>> {
  const _ = ctx.db.command
  const $ = _.aggregate
  const match: Record<string, unknown> = { status: 'active' }
  if (categories.length) match.category = _.in(categories)
  const res = await questionsOf(ctx.db)
    .aggregate()
    .match(match)
    .group({ _id: '$type', n: $.sum(1) })
    .limit(10)
    .end()
  return Object.fromEntries(res.list.map((r) => [r._id as string, r.n as number]))
}

/** The bank's supply for a draw, asked before the publish confirmation so the admin sees it before she agrees. */
export const supply: QuizHandler<'supply'> = async (input, ctx) => {
  const have = await availableByType(ctx, input.categories ?? [])
  return { single: have.single ?? 0, multi: have.multi ?? 0, judge: have.judge ?? 0 }
}

export const publishQuiz: QuizHandler<'publishQuiz'> = async (input, ctx) => {
  const quiz = await loadQuiz(ctx, input.quizId)
  if (quiz.mode === 'random') {
    const have = await availableByType(ctx, quiz.categories)
    const short = QUESTION_TYPES.filter((t) => (have[t] ?? 0) < (quiz.draw?.[t] ?? 0))
    if (short.length)
      fail(
        'QUIZ_NOT_ENOUGH_QUESTIONS',
        `题库中符合条件的试题不足：${short.map((t) => `${{ single: '单选', multi: '多选', judge: '判断' }[t]}题需 ${quiz.draw![t]} 道，现有 ${have[t] ?? 0} 道`).join('；')}`,
      )
  } else {
    const found = await questionsById(ctx.db, quiz.fixedQuestionIds)
    const missing = quiz.fixedQuestionIds.filter((id) => found.get(id)?.status !== 'active')
    if (missing.length) fail('QUIZ_NOT_ENOUGH_QUESTIONS', `固定试卷中有 ${missing.length} 道题已停用或不存在`)
  }
  if (quiz.status !== 'published') {
    // Published only as checked above: on condition of the revision read, so an editor save landing between the check
    // and this write (a draw the bank cannot fill, a question since disabled) never goes live unchecked.
    const where = { _id: quiz._id, status: quiz.status, revision: atRevision(ctx.db, revisionOf(quiz)) }
    const n = await quizzesOf(ctx.db).updateWhere(where as Where<QuizDoc>, {
      status: 'published',
      updatedAt: ctx.clock.now(),
    })
    if (n === 0) {
      const now = await quizzesOf(ctx.db).get(quiz._id)
      if (!now) throw new AppError('NOT_FOUND', '没有找到该测试')
      // Published meanwhile by another call (that one checked its paper): the same answer as a retry.
      if (now.status === 'published') return { quiz: toQuizView(now) }
      fail('CONFLICT', '测试在发布前刚被修改，请确认最新内容后重新发布')
    }
  }
  return { quiz: toQuizView({ ...quiz, status: 'published' }) }
}

/** Distinct members who have submitted, per quiz: one aggregation. */
async function takenCounts(
  ctx: Ctx,
  quizIds: string[],
  extra: Record<string, unknown> = {},
): Promise<Map<string, number>> {
  if (!quizIds.length) return new Map()
  const _ = ctx.db.command
  const $ = _.aggregate
  const res = await attemptsOf(ctx.db)
    .aggregate()
    .match({ quizId: _.in(quizIds), status: 'submitted', ...extra })
    .group({ _id: { quizId: '$quizId', memberId: '$memberId' } })
    .group({ _id: '$_id.quizId', n: $.sum(1) })
    .limit(1000)
    .end()
  return new Map(res.list.map((r) => [r._id as string, r.n as number]))
}

export const quizzes: QuizHandler<'quizzes'> = async (input, ctx) => {
  const _ = ctx.db.command
  const me = ctx.caller.member
  // A branch admin follows published tests for their branch; drafts are the committee's work in progress.
  const where =
    me.role === 'org_admin'
      ? {}
      : _.and([{ status: 'published' }, _.or([{ audienceBranchIds: _.size(0) }, { audienceBranchIds: me.branchId }])])
  const { rows: list, total, page, pageSize } = await quizzesOf(ctx.db).page(where, [['openAt', 'desc']], input.page)
  const taken = await takenCounts(
    ctx,
    list.map((x) => x._id),
    me.role === 'org_admin' ? {} : { branchId: me.branchId },
  )
  return { items: list.map((x) => ({ ...toQuizView(x), taken: taken.get(x._id) ?? 0 })), total, page, pageSize }
}

/**
 * The tests a member may take, with where they stand in each. Caller, then the tests with her attempts (one request);
 * an attempt whose time ran out while she was away comes with its paper and is graded here (issue 13): the grading
 * write and the 错题本 write, four in all.
 */
export const available: QuizHandler<'available'> = async (_input, ctx) => {
  const me = ctx.caller.member
  const now = ctx.clock.now()
  const view = await availableView(ctx.db, me._id, me.branchId, now)
  const list = view.quizzes
  if (!list.length) return { items: [] }
  const attempts = await gradeExpiredOnSight(ctx, view.mine, list, view.hasBook, now)
  const items = list
    .filter((x) => inAudience(x, me.branchId))
    .map((quiz): MyQuiz => {
      const mine = attempts.filter((a) => a.quizId === quiz._id)
      const submitted = mine.filter((a) => a.status === 'submitted') as Array<AttemptDoc & { score: number }>
      const live = mine.find((a) => a.status === 'in_progress' && now.getTime() <= new Date(a.deadline).getTime())
      const counted = countedAttempt(submitted, quiz.scoreRule)
      const open = now >= new Date(quiz.openAt) && now <= new Date(quiz.closeAt)
      const state: MyQuiz['state'] = live
        ? 'in_progress'
        : now < new Date(quiz.openAt)
          ? 'upcoming'
          : submitted.length >= quiz.attemptsAllowed
            ? 'done'
            : open
              ? 'open'
              : 'closed'
      const view = toQuizView(quiz)
      return {
        quiz: {
          id: view.id,
          title: view.title,
          openAt: view.openAt,
          closeAt: view.closeAt,
          durationMin: view.durationMin,
          questionCount: view.questionCount,
          maxScore: view.maxScore,
          passMark: view.passMark,
          attemptsAllowed: view.attemptsAllowed,
        },
        state,
        attemptsUsed: mine.length,
        inProgressAttemptId: live?._id ?? null,
        countedScore: counted?.score ?? null,
        passed: counted ? counted.passed : null,
        lastAttemptId: [...submitted].sort((a, b) => b.n - a.n)[0]?._id ?? null,
      }
    })
  return { items }
}
