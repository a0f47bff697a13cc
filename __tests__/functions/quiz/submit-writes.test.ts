// What a submit writes besides the grade (issue 11 made it a fixed number of requests): the 错题本, and a grade that
// matches the answers the member saw as saved.
import type { PaperQuestion } from '../../../src/contract/quiz.contract'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { importBank, publishedQuiz, rightChoice } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await importBank(t)
})
afterEach(() => t.close())

/** A wrong answer in display positions: any single option that is not (the whole of) the key. */
function wrongChoice(q: PaperQuestion): number[] {
  const right = rightChoice(q)
  const i = q.options.findIndex((_o, k) => !right.includes(k))
  return [i]
}

/** The member's 错题本 as stored: her one document (issue 11), and any entries of the older per-question shape. */
async function book(memberId: string): Promise<Map<string, number>> {
  const rows = (await t.cloud.db().collection('wrong_book').where({ memberId }).limit(1000).get()).data
  const out = new Map<string, number>()
  for (const r of rows)
    if (r.items)
      for (const [qid, e] of Object.entries(r.items as Record<string, { wrongCount: number }>))
        out.set(qid, (out.get(qid) ?? 0) + e.wrongCount)
    else out.set(r.questionId as string, (out.get(r.questionId as string) ?? 0) + (r.wrongCount as number))
  return out
}

const memberId = async (name: string) =>
  (await t.cloud.db().collection('members').where({ name }).get()).data[0]._id as string

it('every wrong answer of a test goes into the 错题本 once; the same mistake in a second attempt counts up', async () => {
  const { quiz } = await publishedQuiz(t, { attemptsAllowed: 2 })
  const me = await t.openidOf('钱文静')
  const id = await memberId('钱文静')
  const before = await book(id)
  const papers: PaperQuestion[][] = []
  for (let round = 0; round < 2; round++) {
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    papers.push(attempt.questions)
    // All wrong but the first question.
    for (const [i, q] of attempt.questions.entries())
      await t.ok(me, 'quiz.saveAnswer', {
        attemptId: attempt.attemptId,
        questionId: q.id,
        choice: i === 0 ? rightChoice(q) : wrongChoice(q),
      })
    const { result } = await t.ok(me, 'quiz.submit', { attemptId: attempt.attemptId })
    expect(result.correctCount).toBe(1)
  }
  const after = await book(id)
  const wrongIn = (p: PaperQuestion[], qid: string) => (p.slice(1).some((q) => q.id === qid) ? 1 : 0)
  const touched = new Set(papers.flatMap((p) => p.slice(1).map((q) => q.id)))
  for (const qid of touched)
    expect({ qid, n: after.get(qid) }).toEqual({
      qid,
      n: (before.get(qid) ?? 0) + wrongIn(papers[0], qid) + wrongIn(papers[1], qid),
    })
  // Right answers add nothing, and nothing else changed.
  for (const [qid, n] of after) if (!touched.has(qid)) expect({ qid, n }).toEqual({ qid, n: before.get(qid) })
})

it('an answer saved while the paper is being handed in is either graded or refused as 已交卷, never lost', async () => {
  const names = ['钱文静', '孙浩然', '何雨桐', '马俊杰', '李秀英']
  const { quiz } = await publishedQuiz(t)
  await Promise.all(
    names.map(async (name) => {
      const me = await t.openidOf(name)
      const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
      const [last, ...rest] = attempt.questions
      for (const q of rest)
        await t.ok(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: rightChoice(q) })
      // The last answer and the submit leave the phone together (the countdown's auto-submit).
      const [saved, submitted] = await Promise.all([
        t.call(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: last.id, choice: rightChoice(last) }),
        t.call(me, 'quiz.submit', { attemptId: attempt.attemptId }),
      ])
      if (!submitted.ok) throw new Error(`${name}: submit answered ${submitted.error.code}`)
      if (!saved.ok) expect(saved.error.code).toBe('QUIZ_ALREADY_SUBMITTED')
      const item = submitted.data.result.items.find((i) => i.id === last.id)!
      expect({ name, saved: saved.ok, graded: item.correct }).toEqual({ name, saved: saved.ok, graded: saved.ok })
      // What the result page shows is what is stored.
      const again = await t.ok(me, 'quiz.attempt', { attemptId: attempt.attemptId })
      expect(again.result?.score).toBe(submitted.data.result.score)
    }),
  )
})

it('a submit cut off after its grade was written, before the 错题本, puts the wrong answers in on the retry, once', async () => {
  const { quiz } = await publishedQuiz(t)
  const me = await t.openidOf('钱文静')
  const id = await memberId('钱文静')
  const before = await book(id)
  const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
  for (const [i, q] of attempt.questions.entries())
    await t.ok(me, 'quiz.saveAnswer', {
      attemptId: attempt.attemptId,
      questionId: q.id,
      choice: i === 0 ? rightChoice(q) : wrongChoice(q),
    })
  // The grading write lands; the 错题本 write after it does not (the function's timeout, a lost connection).
  const cut = await t.call(
    me,
    'quiz.submit',
    { attemptId: attempt.attemptId },
    {
      beforeRequest: async (_action: string, params: unknown) => {
        if ((params as { collectionName?: string }).collectionName === 'wrong_book') throw new Error('cut off')
      },
    },
  )
  expect(cut.ok).toBe(false)
  // The phone retries, and the member taps once more: the paper is graded once and each mistake counted once.
  for (let i = 0; i < 2; i++) {
    const { result } = await t.ok(me, 'quiz.submit', { attemptId: attempt.attemptId })
    expect(result.correctCount).toBe(1)
  }
  const after = await book(id)
  for (const q of attempt.questions.slice(1))
    expect({ qid: q.id, n: after.get(q.id) }).toEqual({ qid: q.id, n: (before.get(q.id) ?? 0) + 1 })
})
