import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { importBank, publishedQuiz } from './fixtures'

// Each case imports a question bank into a fresh cloud: allow for a busy 2-core CI runner.
jest.setTimeout(30_000)

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await importBank(t)
})
afterEach(() => t.close())

describe('quiz.saveAnswer takes only what belongs to the paper', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'q_not_on_this_paper'])(
    'a question id not on the paper (%s) is refused and the attempt stays readable',
    async (questionId) => {
      const { quiz } = await publishedQuiz(t)
      const me = await t.openidOf('钱文静')
      const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
      const res = await t.call(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId, choice: [0] })
      expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '这道题不在本次试卷中' } })
      const back = await t.ok(me, 'quiz.attempt', { attemptId: attempt.attemptId })
      expect(back.attempt?.answers).toEqual({})
      expect(back.attempt?.questions).toHaveLength(attempt.questions.length)
    },
  )

  it('a choice that is not an option of the question is refused', async () => {
    const { quiz } = await publishedQuiz(t)
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    const q = attempt.questions[0]
    const res = await t.call(me, 'quiz.saveAnswer', {
      attemptId: attempt.attemptId,
      questionId: q.id,
      choice: [q.options.length],
    })
    expect(codeOf(res)).toBe('INVALID_INPUT')
    expect(
      codeOf(await t.call(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: [0, 0] })),
    ).toBe('INVALID_INPUT')
  })

  it('after the deadline a save is refused even inside the grace that a submit in flight gets', async () => {
    const { quiz } = await publishedQuiz(t)
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    t.cloud.clock.set(new Date(new Date(attempt.deadline).getTime() + 5_000).toISOString())
    const late = await t.call(me, 'quiz.saveAnswer', {
      attemptId: attempt.attemptId,
      questionId: attempt.questions[0].id,
      choice: [0],
    })
    expect(late).toEqual({ ok: false, error: { code: 'QUIZ_TIME_UP', message: '已超过作答时间，答案未保存' } })
    expect(codeOf(await t.call(me, 'quiz.submit', { attemptId: attempt.attemptId }))).toBe('ok')
  })
})
