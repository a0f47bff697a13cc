import { startTestCloud, type TestCloud } from '../local-cloud'
import { importBank, publishedQuiz, rightChoice } from './fixtures'

jest.setTimeout(30_000)

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await importBank(t)
})
afterEach(() => t.close())

const allQuestionIds = async () =>
  (await t.cloud.db().collection('questions').limit(100).get()).data.map((q) => q._id as string)

describe('practice never gives away the key of a question on a test the member can still take', () => {
  it('a fixed paper open to the member: its questions leave 每日一练 and the 错题本 hides their key until it closes', async () => {
    const ids = await allQuestionIds()
    const me = await t.openidOf('钱文静')
    // A wrong practice answer puts a question into the 错题本 before any test exists.
    const today = await t.ok(me, 'quiz.practiceToday', {})
    const q = today.questions[0]
    const wrong =
      q.type === 'judge' ? [rightChoice(q)[0] === 0 ? 1 : 0] : [q.options.findIndex((o) => o.startsWith('错'))]
    await t.ok(me, 'quiz.practiceAnswer', { questionId: q.id, choice: wrong, source: 'daily' })
    const inBook = (await t.ok(me, 'quiz.wrongBook', {})).items.map((i) => i.id)
    expect(inBook).toEqual([q.id])
    const onPaper = [...new Set([...inBook, ...ids.slice(0, 6)])]
    const { quiz } = await publishedQuiz(t, { mode: 'fixed', draw: null, fixedQuestionIds: onPaper })

    const later = await t.ok(me, 'quiz.practiceToday', {})
    expect(later.questions.map((x) => x.id).filter((id) => onPaper.includes(id))).toEqual([])
    for (const item of (await t.ok(me, 'quiz.wrongBook', {})).items) {
      if (!onPaper.includes(item.id)) continue
      expect(item.answer).toEqual([])
      expect(item.explanation).toBe('该题在您尚可参加的测试中，测试截止后显示答案和解析')
    }
    for (const id of inBook) {
      const res = await t.call(me, 'quiz.practiceAnswer', { questionId: id, choice: [0], source: 'wrong_book' })
      expect(res).toEqual({
        ok: false,
        error: { code: 'PRACTICE_LOCKED', message: '这道题在您尚可参加的测试中，测试截止后再来练习' },
      })
    }

    // After the test closes the key is back.
    t.cloud.clock.set(new Date(new Date(quiz.closeAt).getTime() + 1000).toISOString())
    const after = (await t.ok(me, 'quiz.wrongBook', {})).items.find((i) => inBook.includes(i.id))!
    expect(after.answer.length).toBeGreaterThan(0)
  })

  it('a random draw open to the member may draw the whole bank: 每日一练 goes on, without verdict or key for those questions', async () => {
    await publishedQuiz(t)
    const me = await t.openidOf('钱文静')
    const today = await t.ok(me, 'quiz.practiceToday', {})
    // Not an empty month: five questions, every one held back (the test may draw any of them).
    expect(today.questions).toHaveLength(5)
    expect([...today.held].sort()).toEqual(today.questions.map((q) => q.id).sort())
    const q = today.questions[0]
    const right = await t.ok(me, 'quiz.practiceAnswer', { questionId: q.id, choice: rightChoice(q), source: 'daily' })
    expect(right).toEqual({ correct: null, answer: [], explanation: null, held: true })
    const q2 = today.questions[1]
    const wrong2 =
      q2.type === 'judge' ? [rightChoice(q2)[0] === 0 ? 1 : 0] : [q2.options.findIndex((o) => o.startsWith('错'))]
    expect(await t.ok(me, 'quiz.practiceAnswer', { questionId: q2.id, choice: wrong2, source: 'daily' })).toEqual(right)
    // A wrong answer does not land in the 错题本 (that would say it was wrong), and the day's list says nothing either.
    expect((await t.ok(me, 'quiz.wrongBook', {})).items).toEqual([])
    const again = await t.ok(me, 'quiz.practiceToday', {})
    expect(again.answered[q.id]).toEqual({ choice: rightChoice(q), correct: null })
    expect(again.answered[q2.id]).toEqual({ choice: [...wrong2].sort(), correct: null })
    // A member whose branch is not in the audience practises with the key as usual.
    await t.cloud
      .db()
      .collection('quizzes')
      .where({ status: 'published' })
      .update({ data: { audienceBranchIds: ['org_budget'] } })
    const free = await t.ok(me, 'quiz.practiceToday', {})
    expect(free.questions).toHaveLength(5)
    expect(free.held).toEqual([])
  })

  it('a test drawing from one category holds back only what it may draw; the rest is practised with its key first', async () => {
    const cats = (await t.cloud.db().collection('questions').limit(100).get()).data.map((q) => q.category as string)
    const one = cats[0]
    const others = cats.filter((c) => c !== one).length
    await publishedQuiz(t, { categories: [one], draw: { single: 3, multi: 0, judge: 2 } })
    const today = await t.ok(await t.openidOf('钱文静'), 'quiz.practiceToday', {})
    const held = new Set(today.held)
    const docs = await t.cloud.db().collection('questions').limit(100).get()
    const catOf = new Map(docs.data.map((d) => [d._id as string, d.category as string]))
    for (const q of today.questions) expect(held.has(q.id)).toBe(catOf.get(q.id) === one)
    // Held questions only fill up what the free ones cannot.
    expect(today.held.length).toBe(Math.max(0, 5 - others))
  })
})

describe('the shuffle cannot be recomputed from what a member sees', () => {
  it('the same member on the same test gets a paper drawn from server randomness, not from their ids', async () => {
    const { quiz } = await publishedQuiz(t, { attemptsAllowed: 1 })
    const a = await t.ok(await t.openidOf('钱文静'), 'quiz.start', { quizId: quiz.id })
    // Recreate the world and start again as the same member: ids are identical, the paper is not (fixed-seed draws
    // would repeat it exactly).
    const orders = [a.attempt.questions.map((q) => `${q.id}:${q.options.join('|')}`).join(',')]
    for (let i = 0; i < 3; i++) {
      await t.cloud.db().collection('attempts').where({ quizId: quiz.id }).remove()
      const again = await t.ok(await t.openidOf('钱文静'), 'quiz.start', { quizId: quiz.id })
      orders.push(again.attempt.questions.map((q) => `${q.id}:${q.options.join('|')}`).join(','))
    }
    expect(new Set(orders).size).toBeGreaterThan(1)
  })
})
