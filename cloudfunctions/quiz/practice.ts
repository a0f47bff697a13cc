import { aggregateAll } from '../_shared/aggregate-all'
import { seededShuffle } from '../../src/domain/shuffle'
import { china } from '../../src/domain/time'
import { PAGE_SIZE } from '../_shared/paging'
import type { Ctx, MemberCaller } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { toPaperQuestion, type QuestionDoc } from './docs'
import { lockedQuestions } from './locked'
import { practiceSeed } from './practice-seed'
import {
  addWrong,
  inWrongBook,
  practiceOf,
  questionsById,
  questionsOf,
  readWrongBook,
  removeWrong as removeFromBook,
  type PoolQuestion,
} from './quiz.repo'
import type { QuizHandler } from '../_shared/handlers'

/** 每日一练: this many questions a day. */
export const DAILY_COUNT = 5

const identity = (n: number) => Array.from({ length: n }, (_, i) => i)

/**
 * Today's questions for a member: a pick seeded by a server secret (so it cannot be recomputed from what a member
 * sees), the same all day, different per member and per day. Questions on no test the member can still take come
 * first, with their key at once. Only when there are too few of those (a random-draw 七一 test open to her may draw
 * the whole bank, which left 每日一练 empty for a month) is the day filled up with questions that test may draw —
 * `held`: practised without a verdict or a key until she can no longer take it (issue 9's rule: practice never
 * gives away the key of a question on a test the member can still take; a verdict would, by elimination).
 */
async function todaysQuestions(
  ctx: Ctx<MemberCaller>,
  date: string,
): Promise<{ questions: QuestionDoc[]; held: Set<string> }> {
  const [list, locked] = await Promise.all([
    aggregateAll<PoolQuestion>(() =>
      questionsOf(ctx.db)
        .aggregate()
        .match({ status: 'active' })
        .project({ _id: 1, type: 1, category: 1 })
        .sort({ _id: 1 }),
    ),
    lockedQuestions(ctx),
  ])
  const all = list
  const seed = practiceSeed(ctx.caller.member._id, date)
  const free = seededShuffle(
    all.filter((q) => !locked(q)).map((q) => q._id),
    seed,
  ).slice(0, DAILY_COUNT)
  const fill =
    free.length < DAILY_COUNT
      ? seededShuffle(
          all.filter((q) => locked(q)).map((q) => q._id),
          seed,
        ).slice(0, DAILY_COUNT - free.length)
      : []
  const ids = [...free, ...fill]
  const docs = await questionsById(ctx.db, ids)
  return { questions: ids.map((id) => docs.get(id)!).filter(Boolean), held: new Set(fill) }
}

export const practiceToday: QuizHandler<'practiceToday'> = async (_input, ctx) => {
  const date = china(ctx.clock.now()).format('YYYY-MM-DD')
  const { questions, held } = await todaysQuestions(ctx, date)
  const me = ctx.caller.member._id
  const done = await practiceOf(ctx.db).getMany(questions.map((q) => `${me}_${date}_${q._id}`))
  return {
    date,
    // Practice keeps the original option order: the answer feedback refers to it directly.
    questions: questions.map((q) => toPaperQuestion(q, identity(q.options.length))),
    held: [...held],
    answered: Object.fromEntries(
      [...done.values()].map((d) => [
        d.questionId,
        { choice: d.choice, correct: held.has(d.questionId) ? null : d.correct },
      ]),
    ),
  }
}

/** Checks a practice answer at once; a wrong one goes into the 错题本, a right redo from the 错题本 is noted. */
export const practiceAnswer: QuizHandler<'practiceAnswer'> = async (input, ctx) => {
  const me = ctx.caller.member._id
  const date = china(ctx.clock.now()).format('YYYY-MM-DD')
  // The key is only given for questions the member is practising: today's, or ones already in their 错题本.
  let held = false
  if (input.source === 'daily') {
    const today = await todaysQuestions(ctx, date)
    if (!today.questions.some((q) => q._id === input.questionId)) fail('PRACTICE_NOT_TODAY')
    held = today.held.has(input.questionId)
  } else if (!(await inWrongBook(ctx.db, me, input.questionId))) fail('PRACTICE_NOT_TODAY')
  const q = await questionsOf(ctx.db).get(input.questionId)
  if (!q) throw new AppError('NOT_FOUND', '没有找到该试题')
  // A 错题本 redo of a question that may be on a test still open to the member: no verdict, no key.
  if (input.source === 'wrong_book' && (await lockedQuestions(ctx))(q)) fail('PRACTICE_LOCKED')
  const chosen = [...new Set(input.choice)].sort((a, b) => a - b)
  const correct = chosen.length === q.answer.length && chosen.every((c, i) => c === q.answer[i])
  if (input.source === 'daily') {
    const id = `${me}_${date}_${q._id}`
    const existing = await practiceOf(ctx.db).get(id)
    // The first answer of the day is the one that counts; trying again only shows the key.
    if (!existing)
      await practiceOf(ctx.db).put({
        _id: id,
        memberId: me,
        date,
        questionId: q._id,
        choice: chosen,
        correct,
        at: ctx.clock.now(),
      })
  }
  // Held back: the answer is kept, but neither the verdict nor the key leaves the server, and it does not go into
  // the 错题本 (being put there would say it was wrong).
  if (held) return { correct: null, answer: [], explanation: null, held: true }
  if (!correct) await addWrong(ctx.db, me, [q._id], input.source, ctx.clock.now())
  return { correct, answer: q.answer, explanation: q.explanation, held: false }
}

/**
 * The member's 错题本, newest mistake first, a page at a time. Caller, her 错题本 (one document, old-shape entries
 * read beside it), the page's questions, and the open tests that hold keys back: four.
 */
export const wrongBook: QuizHandler<'wrongBook'> = async (input, ctx) => {
  const me = ctx.caller.member._id
  const page = input.page ?? 1
  const all = await readWrongBook(ctx.db, me, ctx.clock.now())
  const rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const [docs, locked] = await Promise.all([
    questionsById(
      ctx.db,
      rows.map((w) => w.questionId),
    ),
    lockedQuestions(ctx),
  ])
  const items = rows
    .filter((w) => docs.has(w.questionId))
    .map((w) => {
      const qd = docs.get(w.questionId)!
      return {
        ...toPaperQuestion(qd, identity(qd.options.length)),
        // On a test the member can still take: the key waits until it closes.
        answer: locked(qd) ? [] : qd.answer,
        explanation: locked(qd) ? '该题在您尚可参加的测试中，测试截止后显示答案和解析' : qd.explanation,
        wrongCount: w.wrongCount,
        lastWrongAt: w.lastWrongAt.toISOString(),
      }
    })
  return { items, total: all.length, page, pageSize: PAGE_SIZE }
}

export const removeWrong: QuizHandler<'removeWrong'> = async (input, ctx) => {
  return { removed: await removeFromBook(ctx.db, ctx.caller.member._id, input.questionId) }
}
