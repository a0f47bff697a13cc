import { randomBytes } from 'crypto'
import type { AttemptResult, AttemptView } from '../../src/contract/quiz.contract'
import { gradeAttempt } from '../../src/domain/grading'
import { answersShown } from '../../src/domain/quiz.rules'
import { QUESTION_TYPES } from '../../src/domain/question.types'
import { optionOrder, seededShuffle, toDisplay } from '../../src/domain/shuffle'
import { formatDateTime } from '../../src/domain/time'
import type { Ctx, MemberCaller } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import {
  PATH_SAFE_ID,
  SUBMIT_GRACE_MS,
  answersOf,
  inAudience,
  toPaperQuestion,
  type AttemptDoc,
  type QuestionDoc,
  type QuizDoc,
} from './docs'
import {
  addWrong,
  attemptsOf,
  createAttempt,
  gradingView,
  questionsById,
  startView,
  writeGrade,
  type GradingView,
  type PoolQuestion,
  type SeenAttempt,
} from './quiz.repo'
import type { QuizHandler } from '../_shared/handlers'

const expired = (a: AttemptDoc, now: Date) => now.getTime() > new Date(a.deadline).getTime() + SUBMIT_GRACE_MS

/** How many expired attempts one look at the list grades: each costs a grading; the rest wait for the next look. */
const GRADE_ON_SIGHT = 1

/**
 * Attempts whose time ran out while the member was away are graded when she next sees her tests (issue 13, defect
 * 2): the list then shows the score and counts the attempt as used, instead of 进行中 with nothing to continue.
 * Returns the attempts with those graded replaced by their submitted state.
 */
export async function gradeExpiredOnSight(
  ctx: Ctx<MemberCaller>,
  attempts: SeenAttempt[],
  quizzes: QuizDoc[],
  hasBook: boolean,
  /** The `now` the list was read with: the read decided by it which attempts came with their paper. */
  now: Date,
): Promise<AttemptDoc[]> {
  const stale = attempts.filter((a) => a.status === 'in_progress' && expired(a, now)).slice(0, GRADE_ON_SIGHT)
  if (!stale.length) return attempts
  const graded = new Map<string, AttemptDoc>()
  for (const a of stale) {
    const quiz = quizzes.find((q) => q._id === a.quizId)
    const paper = new Map(a.paper.filter((q) => !!q).map((q) => [q._id, q]))
    // A paper that did not come whole (not sent with the list, or a question gone) is read again by finalize: grading
    // against a partial key would score answers as wrong, and a graded attempt is never graded again.
    const whole = a.questionIds.every((id) => paper.has(id))
    if (quiz) graded.set(a._id, (await finalize(ctx, a, quiz, 'deadline', whole ? paper : undefined, hasBook)).doc)
  }
  return attempts.map((a) => graded.get(a._id) ?? a)
}

/**
 * Draws the member's paper: the fixed questions or a seeded random draw per type from the pool (read with the test,
 * quiz.repo.ts startView), each type's questions shuffled. Then the paper's questions in one read, returned for the
 * attempt view.
 */
async function drawPaper(
  ctx: Ctx,
  quiz: QuizDoc,
  pool: PoolQuestion[],
  seed: string,
): Promise<{ ids: string[]; questions: Map<string, QuestionDoc> }> {
  if (quiz.mode === 'fixed') {
    const found = await questionsById(ctx.db, quiz.fixedQuestionIds)
    const ids = QUESTION_TYPES.flatMap((t) =>
      seededShuffle(
        quiz.fixedQuestionIds.filter((id) => found.get(id)?.type === t),
        `${seed}/${t}`,
      ),
    )
    return { ids, questions: found }
  }
  const types = QUESTION_TYPES.filter((t) => (quiz.draw?.[t] ?? 0) > 0)
  // The same pool the aggregation used to give: active, of a type drawn, in the test's categories, in id order.
  const eligible = pool
    .filter((q) => !quiz.categories.length || quiz.categories.includes(q.category ?? ''))
    .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
  const ids: string[] = []
  for (const t of types) {
    const want = quiz.draw?.[t] ?? 0
    const ofType = eligible.filter((r) => r.type === t).map((r) => r._id)
    if (ofType.length < want) fail('QUIZ_NOT_ENOUGH_QUESTIONS')
    ids.push(...seededShuffle(ofType, `${seed}/${t}`).slice(0, want))
  }
  return { ids, questions: await questionsById(ctx.db, ids) }
}

function toAttemptView(
  a: AttemptDoc,
  quiz: QuizDoc,
  questions: ReadonlyMap<string, QuestionDoc>,
  now: Date,
): AttemptView {
  return {
    attemptId: a._id,
    quizId: quiz._id,
    quizTitle: quiz.title,
    n: a.n,
    status: a.status,
    startedAt: new Date(a.startedAt).toISOString(),
    deadline: new Date(a.deadline).toISOString(),
    serverNow: now.toISOString(),
    questions: a.questionIds
      .filter((id) => questions.has(id))
      .map((id) => toPaperQuestion(questions.get(id)!, a.optionOrders[id])),
    answers: Object.fromEntries(
      Object.entries(answersOf(a)).map(([qid, orig]) => [qid, toDisplay(a.optionOrders[qid] ?? [], orig)]),
    ),
    hides: a.hides,
  }
}

export function toResult(
  a: AttemptDoc,
  quiz: QuizDoc,
  questions: ReadonlyMap<string, QuestionDoc>,
  now: Date,
): AttemptResult {
  const { shown, note } = answersShown(quiz.reveal, quiz.closeAt, now)
  const results = new Map(a.results.map((r) => [r.qid, r]))
  const answers = answersOf(a)
  return {
    attemptId: a._id,
    quizId: quiz._id,
    quizTitle: quiz.title,
    n: a.n,
    score: a.score ?? 0,
    maxScore: a.maxScore ?? 0,
    passed: !!a.passed,
    passMark: quiz.passMark,
    correctCount: a.correctCount ?? 0,
    total: a.questionIds.length,
    submittedAt: new Date(a.submittedAt ?? now).toISOString(),
    submitKind: a.submitKind ?? 'member',
    answersShown: shown,
    revealNote: note,
    items: a.questionIds
      .filter((id) => questions.has(id))
      .map((id) => {
        const q = questions.get(id)!
        const perm = a.optionOrders[id]
        const r = results.get(id)
        return {
          ...toPaperQuestion(q, perm),
          chosen: toDisplay(perm, answers[id] ?? []),
          correct: !!r?.correct,
          partial: !!r?.partial,
          points: r?.points ?? 0,
          max: r?.max ?? quiz.points[q.type],
          ...(shown ? { answer: toDisplay(perm, q.answer), explanation: q.explanation } : {}),
        }
      }),
  }
}

/**
 * The caller's own attempt with its test, paper and 错题本 head (one request); anyone else's is "not found" (not even
 * its existence is revealed).
 */
async function myAttempt(ctx: Ctx<MemberCaller>, attemptId: string): Promise<GradingView & { quiz: QuizDoc }> {
  const v = await gradingView(ctx.db, attemptId)
  if (!v || v.attempt.memberId !== ctx.caller.member._id) throw new AppError('NOT_FOUND', '没有找到这次作答')
  if (!v.quiz) throw new AppError('NOT_FOUND', '没有找到该测试')
  return v as GradingView & { quiz: QuizDoc }
}

/**
 * Grades an attempt once, from the attempt as read and its paper's keys (read with it). The grading write is
 * conditional — still in progress, and no answer saved since it was read (`rev`, bumped by every saveAnswer) — so of
 * many concurrent submits, retries and deadline sweeps exactly one writes; the others, and a submit that lost to a
 * late answer, read the attempt again and either return the graded one or grade the newer answers. No transaction:
 * one request instead of four, and nothing to re-run. The one that writes adds the wrong answers to the 错题本 (one
 * request when `hasBook` is known).
 */
export async function finalize(
  ctx: Ctx<MemberCaller>,
  read: AttemptDoc,
  quiz: QuizDoc,
  kind: 'member' | 'deadline' | 'hide_limit',
  known?: ReadonlyMap<string, QuestionDoc>,
  hasBook?: boolean,
): Promise<{ doc: AttemptDoc; questions: ReadonlyMap<string, QuestionDoc> }> {
  let a = read
  let questions = known
  for (let round = 0; ; round++) {
    if (a.status === 'submitted') {
      // A retry (or a second tap) after the grading landed: the 错题本 write may not have (cut off by a timeout);
      // it goes in now, once per attempt (a repeat finds it marked and changes nothing).
      if (round === 0) await addWrongOf(ctx, a, quiz, hasBook)
      return { doc: a, questions: questions ?? (await questionsById(ctx.db, a.questionIds)) }
    }
    questions ??= await questionsById(ctx.db, a.questionIds)
    const now = ctx.clock.now()
    const paper = a.questionIds
      .map((id) => questions!.get(id))
      .filter((q): q is QuestionDoc => !!q)
      .map((q) => ({ id: q._id, type: q.type, answer: q.answer }))
    const g = gradeAttempt(paper, answersOf(a), {
      points: quiz.points,
      partialCredit: quiz.partialCredit,
      passMark: quiz.passMark,
    })
    const patch = {
      status: 'submitted' as const,
      submittedAt: now,
      submitKind: kind,
      score: g.score,
      maxScore: g.maxScore,
      correctCount: g.correctCount,
      passed: g.passed,
      results: g.results.map((r) => ({
        qid: r.questionId,
        correct: r.correct,
        partial: r.partial,
        points: r.points,
        max: r.max,
      })),
    }
    if (await writeGrade(ctx.db, a, patch)) {
      const doc = { ...a, ...patch, gradeWrites: (a.gradeWrites ?? 0) + 1 }
      await addWrongOf(ctx, doc, quiz, hasBook)
      return { doc, questions }
    }
    // Someone else graded it, or an answer landed after our read: read it again and decide on what is there now.
    const again = await attemptsOf(ctx.db).get(a._id)
    if (!again) throw new AppError('NOT_FOUND', '没有找到这次作答')
    // A member cannot save answers faster than a few rounds of this; more means something else is wrong.
    if (round >= 5 && again.status !== 'submitted') fail('CONFLICT')
    a = again
  }
}

/**
 * A graded attempt's wrong answers into the member's 错题本, once per attempt (one request; none without a wrong
 * answer). Only once its key may be shown (answersShown): else the 错题本 would give it away.
 */
async function addWrongOf(ctx: Ctx<MemberCaller>, a: AttemptDoc, quiz: QuizDoc, hasBook?: boolean): Promise<void> {
  const now = ctx.clock.now()
  const wrong = (a.results ?? []).filter((r) => !r.correct).map((r) => r.qid)
  if (!wrong.length || a.memberId !== ctx.caller.member._id || !answersShown(quiz.reveal, quiz.closeAt, now).shown)
    return
  await addWrong(ctx.db, a.memberId, wrong, 'quiz', now, hasBook, a._id)
}

/**
 * Starts an attempt (or resumes the one under way): the server's start time and deadline, a paper without answers.
 * Caller, then the test with her attempts and the draw's pool (one request), the paper's questions (one), the attempt
 * created under its natural key (one): four; a resume three.
 */
export const start: QuizHandler<'start'> = async (input, ctx) => {
  const me = ctx.caller.member
  const view = await startView(ctx.db, input.quizId, me._id)
  if (!view) throw new AppError('NOT_FOUND', '没有找到该测试')
  const { quiz, mine, pool, hasBook } = view
  // A test not open to the member's branch answers like no test at all (its id cannot be probed).
  if (quiz.status !== 'published' || !inAudience(quiz, me.branchId)) throw new AppError('NOT_FOUND', '没有找到该测试')
  const now = ctx.clock.now()
  for (const a of mine.filter((x) => x.status === 'in_progress')) {
    if (!expired(a, now)) return { attempt: toAttemptView(a, quiz, await questionsById(ctx.db, a.questionIds), now) }
    await finalize(ctx, a, quiz, 'deadline', undefined, hasBook)
  }
  if (now < new Date(quiz.openAt)) fail('QUIZ_NOT_OPEN', `测试将于 ${formatDateTime(quiz.openAt)} 开始`)
  if (now > new Date(quiz.closeAt)) fail('QUIZ_CLOSED')
  if (mine.length >= quiz.attemptsAllowed) fail('QUIZ_NO_ATTEMPTS_LEFT')

  const n = Math.max(0, ...mine.map((a) => a.n)) + 1
  const id = `${quiz._id}_${me._id}_${n}`
  // The draw and the option orders are seeded with server-side randomness, never with what a member can see (their
  // ids), so nobody can recompute a colleague's paper or their own next one. Both are stored with the attempt.
  const seed = `${id}/${randomBytes(16).toString('hex')}`
  const { ids: questionIds, questions } = await drawPaper(ctx, quiz, pool, seed)
  const optionOrders = Object.fromEntries(
    questionIds.map((qid) => {
      const q = questions.get(qid)!
      return [qid, optionOrder(q.options.length, `${seed}/${qid}`, q.type === 'judge')]
    }),
  )
  const deadline = new Date(Math.min(now.getTime() + quiz.durationMin * 60_000, new Date(quiz.closeAt).getTime()))
  const doc: Omit<AttemptDoc, '_id'> = {
    quizId: quiz._id,
    memberId: me._id,
    memberName: me.name,
    branchId: me.branchId,
    n,
    status: 'in_progress',
    startedAt: now,
    deadline,
    questionIds,
    optionOrders,
    answers: {},
    hides: 0,
    submittedAt: null,
    submitKind: null,
    score: null,
    maxScore: null,
    correctCount: null,
    passed: null,
    results: [],
    gradeWrites: 0,
    rev: 0,
  }
  if (!(await createAttempt(ctx.db, { _id: id, ...doc }))) {
    // Two taps on 开始: the second finds the attempt the first created and resumes it.
    const existing = (await attemptsOf(ctx.db).get(id))!
    return { attempt: toAttemptView(existing, quiz, await questionsById(ctx.db, existing.questionIds), now) }
  }
  return { attempt: toAttemptView({ _id: id, ...doc }, quiz, questions, now) }
}

/** Reopens an attempt: the paper (without answers) while under way, the result once submitted. Caller + 1. */
export const attempt: QuizHandler<'attempt'> = async (input, ctx) => {
  const v = await myAttempt(ctx, input.attemptId)
  let a = v.attempt
  let questions: ReadonlyMap<string, QuestionDoc> = v.paper
  const now = ctx.clock.now()
  if (a.status === 'in_progress' && expired(a, now))
    ({ doc: a, questions } = await finalize(ctx, a, v.quiz, 'deadline', v.paper, v.hasBook))
  return a.status === 'in_progress'
    ? { attempt: toAttemptView(a, v.quiz, questions, now), result: null }
    : { attempt: null, result: toResult(a, v.quiz, questions, now) }
}

/**
 * Saves one answer as the member goes, so closing WeChat and coming back resumes where they were.
 *
 * One conditional update, no read (issue 11: caller + 1): the attempt is hers, still under way, before its deadline,
 * the question is on its paper and has an option at the highest position chosen — all said by the `where`. The choice
 * is stored as shown (`picks`, display positions): mapping it to original options needs the attempt's option order,
 * which grading reads anyway (docs.ts answersOf). Only when the update finds nothing is the attempt read, to say why.
 * Platform: `'optionOrders.<id>.<n>'` matches the n-th element of that array ("匹配数组第 n 项元素 … 以 字段.下标 为
 * key", developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/query-array-object.html), and a string
 * against an array field matches an element ("匹配数组中的元素", same page).
 */
export const saveAnswer: QuizHandler<'saveAnswer'> = async (input, ctx) => {
  if (new Set(input.choice).size !== input.choice.length) fail('INVALID_INPUT', '所选答案不是这道题的选项')
  const now = ctx.clock.now()
  const _ = ctx.db.command
  const qid = input.questionId
  const choice = [...input.choice].sort((x, y) => x - y)
  // `rev` tells a submit grading the answers it read that one more arrived since (see finalize).
  const write = { picks: { [qid]: choice }, rev: _.inc(1) }
  if (PATH_SAFE_ID.test(qid)) {
    const highest = choice.length ? choice[choice.length - 1] : 0
    const updated = await attemptsOf(ctx.db).updateWhere(
      {
        _id: input.attemptId,
        memberId: ctx.caller.member._id,
        status: 'in_progress',
        // The grace after the deadline is for a submit already in flight, not for more answers.
        deadline: _.gte(now),
        questionIds: qid,
        [`optionOrders.${qid}.${highest}`]: _.exists(true),
      },
      write,
    )
    if (updated === 1) return { savedAt: now.toISOString() }
  }
  // Refused (or an id no bank makes): read the attempt to give the precise reason, as before.
  const a = await attemptsOf(ctx.db).get(input.attemptId)
  if (!a || a.memberId !== ctx.caller.member._id) throw new AppError('NOT_FOUND', '没有找到这次作答')
  if (a.status === 'submitted') fail('QUIZ_ALREADY_SUBMITTED')
  if (now.getTime() > new Date(a.deadline).getTime()) fail('QUIZ_TIME_UP', '已超过作答时间，答案未保存')
  // Only ids on this paper: a lookup by whatever string arrives would also find `__proto__` or `constructor`.
  const perm = a.questionIds.includes(qid) ? Object.entries(a.optionOrders).find(([id]) => id === qid)?.[1] : undefined
  if (!perm || !PATH_SAFE_ID.test(qid)) fail('INVALID_INPUT', '这道题不在本次试卷中')
  if (input.choice.some((i) => i >= perm.length)) fail('INVALID_INPUT', '所选答案不是这道题的选项')
  // Everything holds now: the attempt changed between the update and the read (a deadline sweep races it). Once more,
  // conditionally, so an attempt graded meanwhile is never written.
  if ((await attemptsOf(ctx.db).updateWhere({ _id: a._id, status: 'in_progress' }, write)) === 0)
    fail('QUIZ_ALREADY_SUBMITTED')
  return { savedAt: now.toISOString() }
}

/**
 * Hands the paper in. After the deadline (plus a short grace) the submit is refused and the saved answers are graded.
 * Caller, the attempt with its test, paper and 错题本 head (one request), the grading write, the 错题本 write: four,
 * whatever the size of the paper or the number of wrong answers. The answer carries the result, so the result page
 * does not read it again.
 */
export const submit: QuizHandler<'submit'> = async (input, ctx) => {
  const { attempt: a, quiz, paper, hasBook } = await myAttempt(ctx, input.attemptId)
  const now = ctx.clock.now()
  if (a.status === 'in_progress' && expired(a, now)) {
    await finalize(ctx, a, quiz, 'deadline', paper, hasBook)
    fail('QUIZ_TIME_UP')
  }
  // Inside the grace period after the deadline (the countdown's own auto-submit, or a slow network) the paper is
  // taken, but recorded as handed in by the clock.
  const kind = now.getTime() >= new Date(a.deadline).getTime() ? 'deadline' : 'member'
  const { doc, questions } = await finalize(ctx, a, quiz, kind, paper, hasBook)
  return { result: toResult(doc, quiz, questions, now) }
}

/** Counts the member leaving the app mid-test; shown to admins, and ends the test only if the test sets a limit. */
export const reportHide: QuizHandler<'reportHide'> = async (input, ctx) => {
  const { attempt: a, quiz, paper, hasBook } = await myAttempt(ctx, input.attemptId)
  if (a.status !== 'in_progress') return { hides: a.hides, autoSubmitted: false }
  const _ = ctx.db.command
  const attempts = attemptsOf(ctx.db)
  await attempts.updateWhere({ _id: a._id, status: 'in_progress' }, { hides: _.inc(1) })
  const after = (await attempts.get(a._id))!
  if (quiz.hideLimit !== null && after.hides > quiz.hideLimit && after.status === 'in_progress') {
    await finalize(ctx, after, quiz, 'hide_limit', paper, hasBook)
    return { hides: after.hides, autoSubmitted: true }
  }
  return { hides: after.hides, autoSubmitted: false }
}
