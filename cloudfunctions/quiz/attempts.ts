import { randomBytes } from 'crypto'
import { isDuplicateKey } from '../_shared/duplicate-key'
import { aggregateAll } from '../_shared/aggregate-all'
import type { AttemptResult, AttemptView, QuizOutputs } from '../../src/contract/quiz.contract'
import { gradeAttempt } from '../../src/domain/grading'
import { QUESTION_TYPES } from '../../src/domain/question.types'
import { optionOrder, seededShuffle, toDisplay } from '../../src/domain/shuffle'
import { formatDateTime } from '../../src/domain/time'
import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller } from '../_shared/context'
import { getDoc, getDocs } from '../_shared/docs'
import { AppError, fail } from '../_shared/errors'
import {
  SUBMIT_GRACE_MS,
  answersOf,
  inAudience,
  toPaperQuestion,
  type AttemptDoc,
  type QuestionDoc,
  type QuizDoc,
} from './docs'
import { loadQuiz } from './quizzes'
import { recordWrong } from './wrong-book'

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
  attempts: AttemptDoc[],
  quizzes: QuizDoc[],
): Promise<AttemptDoc[]> {
  const now = ctx.clock.now()
  const stale = attempts.filter((a) => a.status === 'in_progress' && expired(a, now)).slice(0, GRADE_ON_SIGHT)
  if (!stale.length) return attempts
  const graded = new Map<string, AttemptDoc>()
  for (const a of stale) {
    const quiz = quizzes.find((q) => q._id === a.quizId)
    if (quiz) graded.set(a._id, (await finalize(ctx, a, quiz, 'deadline')).doc)
  }
  return attempts.map((a) => graded.get(a._id) ?? a)
}

/**
 * Draws the member's paper: the fixed questions or a seeded random draw per type, each type's questions shuffled.
 * Fixed papers read their questions (with keys) once, returned for the attempt view; a random draw reads the pool of
 * every type it draws in one aggregation (ids and types only), then the drawn questions in one read.
 */
async function drawPaper(
  ctx: Ctx,
  quiz: QuizDoc,
  seed: string,
): Promise<{ ids: string[]; questions: Map<string, QuestionDoc> }> {
  const _ = ctx.db.command
  if (quiz.mode === 'fixed') {
    const found = await getDocs<QuestionDoc>(ctx.db, COL.questions, quiz.fixedQuestionIds)
    const ids = QUESTION_TYPES.flatMap((t) =>
      seededShuffle(
        quiz.fixedQuestionIds.filter((id) => found.get(id)?.type === t),
        `${seed}/${t}`,
      ),
    )
    return { ids, questions: found }
  }
  const types = QUESTION_TYPES.filter((t) => (quiz.draw?.[t] ?? 0) > 0)
  const match: Record<string, unknown> = { status: 'active', type: _.in(types) }
  if (quiz.categories.length) match.category = _.in(quiz.categories)
  const pool = types.length
    ? await aggregateAll<{ _id: string; type: string }>(() =>
        ctx.db.collection(COL.questions).aggregate().match(match).project({ _id: 1, type: 1 }).sort({ _id: 1 }),
      )
    : []
  const ids: string[] = []
  for (const t of types) {
    const want = quiz.draw?.[t] ?? 0
    const ofType = pool.filter((r) => r.type === t).map((r) => r._id)
    if (ofType.length < want) fail('QUIZ_NOT_ENOUGH_QUESTIONS')
    ids.push(...seededShuffle(ofType, `${seed}/${t}`).slice(0, want))
  }
  return { ids, questions: await getDocs<QuestionDoc>(ctx.db, COL.questions, ids) }
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

function answersShown(quiz: QuizDoc, now: Date): { shown: boolean; note: string | null } {
  if (quiz.reveal === 'after_submit') return { shown: true, note: null }
  if (quiz.reveal === 'after_close') {
    return now > new Date(quiz.closeAt)
      ? { shown: true, note: null }
      : { shown: false, note: `答案和解析将于 ${formatDateTime(quiz.closeAt)} 测试截止后公布` }
  }
  return { shown: false, note: '本次测试不公布答案和解析' }
}

export function toResult(
  a: AttemptDoc,
  quiz: QuizDoc,
  questions: ReadonlyMap<string, QuestionDoc>,
  now: Date,
): AttemptResult {
  const { shown, note } = answersShown(quiz, now)
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

/** The caller's own attempt; anyone else's is "not found" (not even its existence is revealed). */
async function myAttempt(ctx: Ctx<MemberCaller>, attemptId: string): Promise<AttemptDoc> {
  const a = await getDoc<AttemptDoc>(ctx.db, COL.attempts, attemptId)
  if (!a || a.memberId !== ctx.caller.member._id) throw new AppError('NOT_FOUND', '没有找到这次作答')
  return a
}

/**
 * Grades an attempt once, from the attempt as read and the paper's key in one read (100 ids per request: a paper of
 * any allowed size). The grading write is conditional — still in progress, and no answer saved since it was read
 * (`rev`, bumped by every saveAnswer) — so of many concurrent submits, retries and deadline sweeps exactly one writes;
 * the others, and a submit that lost to a late answer, read the attempt again and either return the graded one or
 * grade the newer answers. No transaction: one request instead of four, and nothing to re-run.
 */
export async function finalize(
  ctx: Ctx<MemberCaller>,
  read: AttemptDoc,
  quiz: QuizDoc,
  kind: 'member' | 'deadline' | 'hide_limit',
  known?: ReadonlyMap<string, QuestionDoc>,
): Promise<{ doc: AttemptDoc; questions: ReadonlyMap<string, QuestionDoc> }> {
  let a = read
  let questions = known
  const _ = ctx.db.command
  for (let round = 0; ; round++) {
    if (a.status === 'submitted') return { doc: a, questions: questions ?? (await paperOf(ctx, a)) }
    questions ??= await paperOf(ctx, a)
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
    const res = await ctx.db
      .collection(COL.attempts)
      .where({ _id: a._id, status: 'in_progress', rev: a.rev ?? _.exists(false) })
      .update({ data: { ...patch, gradeWrites: _.inc(1) } })
    if (res.stats.updated === 1) {
      const doc = { ...a, ...patch, gradeWrites: (a.gradeWrites ?? 0) + 1 }
      if (answersShown(quiz, now).shown)
        await recordWrong(
          ctx,
          doc.results.filter((r) => !r.correct).map((r) => r.qid),
          'quiz',
        )
      return { doc, questions }
    }
    // Someone else graded it, or an answer landed after our read: read it again and decide on what is there now.
    const again = await getDoc<AttemptDoc>(ctx.db, COL.attempts, a._id)
    if (!again) throw new AppError('NOT_FOUND', '没有找到这次作答')
    // A member cannot save answers faster than a few rounds of this; more means something else is wrong.
    if (round >= 5 && again.status !== 'submitted') fail('CONFLICT')
    a = again
  }
}

/** The paper's questions with their keys: one read for a paper of up to 100 questions (getDocs reads 100 per call). */
function paperOf(ctx: Ctx, a: AttemptDoc): Promise<Map<string, QuestionDoc>> {
  return getDocs<QuestionDoc>(ctx.db, COL.questions, a.questionIds)
}

/** Starts an attempt (or resumes the one under way): the server's start time and deadline, a paper without answers. */
export async function start(input: { quizId: string }, ctx: Ctx<MemberCaller>): Promise<QuizOutputs['start']> {
  const quiz = await loadQuiz(ctx, input.quizId)
  const me = ctx.caller.member
  // A test not open to the member's branch answers like no test at all (its id cannot be probed).
  if (quiz.status !== 'published' || !inAudience(quiz, me.branchId)) throw new AppError('NOT_FOUND', '没有找到该测试')
  const now = ctx.clock.now()
  const mine = (await ctx.db.collection(COL.attempts).where({ quizId: quiz._id, memberId: me._id }).limit(100).get())
    .data as AttemptDoc[]
  for (const a of mine.filter((x) => x.status === 'in_progress')) {
    if (!expired(a, now))
      return { attempt: toAttemptView(a, quiz, await getDocs<QuestionDoc>(ctx.db, COL.questions, a.questionIds), now) }
    await finalize(ctx, a, quiz, 'deadline')
  }
  if (now < new Date(quiz.openAt)) fail('QUIZ_NOT_OPEN', `测试将于 ${formatDateTime(quiz.openAt)} 开始`)
  if (now > new Date(quiz.closeAt)) fail('QUIZ_CLOSED')
  if (mine.length >= quiz.attemptsAllowed) fail('QUIZ_NO_ATTEMPTS_LEFT')

  const n = Math.max(0, ...mine.map((a) => a.n)) + 1
  const id = `${quiz._id}_${me._id}_${n}`
  // The draw and the option orders are seeded with server-side randomness, never with what a member can see (their
  // ids), so nobody can recompute a colleague's paper or their own next one. Both are stored with the attempt.
  const seed = `${id}/${randomBytes(16).toString('hex')}`
  const { ids: questionIds, questions } = await drawPaper(ctx, quiz, seed)
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
  try {
    await ctx.db.collection(COL.attempts).add({ data: { _id: id, ...doc } })
  } catch (err) {
    // Two taps on 开始: the second finds the attempt the first created and resumes it.
    if (!(await isDuplicateKey(ctx.db, COL.attempts, id, err))) throw err
    const existing = (await getDoc<AttemptDoc>(ctx.db, COL.attempts, id))!
    return {
      attempt: toAttemptView(
        existing,
        quiz,
        await getDocs<QuestionDoc>(ctx.db, COL.questions, existing.questionIds),
        now,
      ),
    }
  }
  return { attempt: toAttemptView({ _id: id, ...doc }, quiz, questions, now) }
}

/** Reopens an attempt: the paper (without answers) while under way, the result once submitted. */
export async function attempt(input: { attemptId: string }, ctx: Ctx<MemberCaller>): Promise<QuizOutputs['attempt']> {
  let a = await myAttempt(ctx, input.attemptId)
  const quiz = await loadQuiz(ctx, a.quizId)
  const now = ctx.clock.now()
  let questions: ReadonlyMap<string, QuestionDoc>
  if (a.status === 'in_progress' && expired(a, now)) ({ doc: a, questions } = await finalize(ctx, a, quiz, 'deadline'))
  else questions = await paperOf(ctx, a)
  return a.status === 'in_progress'
    ? { attempt: toAttemptView(a, quiz, questions, now), result: null }
    : { attempt: null, result: toResult(a, quiz, questions, now) }
}

/** Question ids as the bank makes them (`q_` + a hash): safe to name inside a field path. */
const PATH_SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

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
export async function saveAnswer(
  input: { attemptId: string; questionId: string; choice: number[] },
  ctx: Ctx<MemberCaller>,
): Promise<QuizOutputs['saveAnswer']> {
  if (new Set(input.choice).size !== input.choice.length) fail('INVALID_INPUT', '所选答案不是这道题的选项')
  const now = ctx.clock.now()
  const _ = ctx.db.command
  const qid = input.questionId
  const choice = [...input.choice].sort((x, y) => x - y)
  // `rev` tells a submit grading the answers it read that one more arrived since (see finalize).
  const write = { picks: { [qid]: choice }, rev: _.inc(1) }
  if (PATH_SAFE_ID.test(qid)) {
    const highest = choice.length ? choice[choice.length - 1] : 0
    const res = await ctx.db
      .collection(COL.attempts)
      .where({
        _id: input.attemptId,
        memberId: ctx.caller.member._id,
        status: 'in_progress',
        // The grace after the deadline is for a submit already in flight, not for more answers.
        deadline: _.gte(now),
        questionIds: qid,
        [`optionOrders.${qid}.${highest}`]: _.exists(true),
      })
      .update({ data: write })
    if (res.stats.updated === 1) return { savedAt: now.toISOString() }
  }
  // Refused (or an id no bank makes): read the attempt to give the precise reason, as before.
  const a = await myAttempt(ctx, input.attemptId)
  if (a.status === 'submitted') fail('QUIZ_ALREADY_SUBMITTED')
  if (now.getTime() > new Date(a.deadline).getTime()) fail('QUIZ_TIME_UP', '已超过作答时间，答案未保存')
  // Only ids on this paper: a lookup by whatever string arrives would also find `__proto__` or `constructor`.
  const perm = a.questionIds.includes(qid) ? Object.entries(a.optionOrders).find(([id]) => id === qid)?.[1] : undefined
  if (!perm || !PATH_SAFE_ID.test(qid)) fail('INVALID_INPUT', '这道题不在本次试卷中')
  if (input.choice.some((i) => i >= perm.length)) fail('INVALID_INPUT', '所选答案不是这道题的选项')
  // Everything holds now: the attempt changed between the update and the read (a deadline sweep races it). Once more,
  // conditionally, so an attempt graded meanwhile is never written.
  const res = await ctx.db.collection(COL.attempts).where({ _id: a._id, status: 'in_progress' }).update({ data: write })
  if (res.stats.updated === 0) fail('QUIZ_ALREADY_SUBMITTED')
  return { savedAt: now.toISOString() }
}

/** Hands the paper in. After the deadline (plus a short grace) the submit is refused and the saved answers are graded. */
export async function submit(input: { attemptId: string }, ctx: Ctx<MemberCaller>): Promise<QuizOutputs['submit']> {
  const a = await myAttempt(ctx, input.attemptId)
  const quiz = await loadQuiz(ctx, a.quizId)
  const now = ctx.clock.now()
  if (a.status === 'in_progress' && expired(a, now)) {
    await finalize(ctx, a, quiz, 'deadline')
    fail('QUIZ_TIME_UP')
  }
  // Inside the grace period after the deadline (the countdown's own auto-submit, or a slow network) the paper is
  // taken, but recorded as handed in by the clock.
  const { doc, questions } = await finalize(
    ctx,
    a,
    quiz,
    now.getTime() >= new Date(a.deadline).getTime() ? 'deadline' : 'member',
  )
  return { result: toResult(doc, quiz, questions, now) }
}

/** Counts the member leaving the app mid-test; shown to admins, and ends the test only if the test sets a limit. */
export async function reportHide(
  input: { attemptId: string },
  ctx: Ctx<MemberCaller>,
): Promise<QuizOutputs['reportHide']> {
  const a = await myAttempt(ctx, input.attemptId)
  if (a.status !== 'in_progress') return { hides: a.hides, autoSubmitted: false }
  const _ = ctx.db.command
  await ctx.db
    .collection(COL.attempts)
    .where({ _id: a._id, status: 'in_progress' })
    .update({ data: { hides: _.inc(1) } })
  const after = (await getDoc<AttemptDoc>(ctx.db, COL.attempts, a._id))!
  const quiz = await loadQuiz(ctx, a.quizId)
  if (quiz.hideLimit !== null && after.hides > quiz.hideLimit && after.status === 'in_progress') {
    await finalize(ctx, after, quiz, 'hide_limit')
    return { hides: after.hides, autoSubmitted: true }
  }
  return { hides: after.hides, autoSubmitted: false }
}
