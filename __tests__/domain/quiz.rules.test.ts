import { answersShown, maxScoreOf, questionCountOf } from '@/domain/quiz.rules'

const points = { single: 2, multi: 3, judge: 1 }

describe('quiz rules', () => {
  it('full marks of a random paper: the draw counts times the points', () => {
    expect(maxScoreOf(points, { single: 10, multi: 5, judge: 10 })).toBe(20 + 15 + 10)
  })

  it('full marks of a fixed paper: the points of each picked question type', () => {
    expect(maxScoreOf(points, null, ['single', 'single', 'multi', 'judge'])).toBe(2 + 2 + 3 + 1)
    expect(maxScoreOf(points, null, [])).toBe(0)
  })

  it('a paper has its draw counts or its fixed picks as questions', () => {
    expect(questionCountOf({ mode: 'random', draw: { single: 3, multi: 2, judge: 1 }, fixedQuestionIds: [] })).toBe(6)
    expect(questionCountOf({ mode: 'fixed', draw: null, fixedQuestionIds: ['q1', 'q2'] })).toBe(2)
  })

  it('answers are shown after submit, after the deadline, or never, each with what the member reads', () => {
    const closeAt = '2026-07-01T10:00:00+08:00'
    const before = new Date('2026-07-01T09:59:00+08:00')
    const after = new Date('2026-07-01T10:00:01+08:00')
    expect(answersShown('after_submit', closeAt, before)).toEqual({ shown: true, note: null })
    expect(answersShown('after_close', closeAt, before)).toEqual({
      shown: false,
      note: '答案和解析将于 2026-07-01 10:00 测试截止后公布',
    })
    expect(answersShown('after_close', closeAt, after)).toEqual({ shown: true, note: null })
    expect(answersShown('never', closeAt, after)).toEqual({ shown: false, note: '本次测试不公布答案和解析' })
  })
})
