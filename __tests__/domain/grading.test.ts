import { countedAttempt, gradeAttempt, gradeQuestion } from '@/domain/grading'

const points = { single: 2, multi: 4, judge: 1 }
const single = { id: 's', type: 'single' as const, answer: [2] }
const multi = { id: 'm', type: 'multi' as const, answer: [0, 2, 3] }
const judge = { id: 'j', type: 'judge' as const, answer: [1] }

describe('grading', () => {
  it('单选 and 判断: exactly the right option', () => {
    expect(gradeQuestion(single, [2], points, false)).toMatchObject({ correct: true, points: 2 })
    expect(gradeQuestion(single, [1], points, false)).toMatchObject({ correct: false, points: 0 })
    expect(gradeQuestion(judge, [1], points, false)).toMatchObject({ correct: true, points: 1 })
    expect(gradeQuestion(judge, [0, 1], points, false)).toMatchObject({ correct: false, points: 0 })
  })
  it('多选 is all or nothing by default, whatever the order of the choices', () => {
    expect(gradeQuestion(multi, [3, 0, 2], points, false)).toMatchObject({ correct: true, points: 4 })
    expect(gradeQuestion(multi, [0, 2], points, false)).toMatchObject({ correct: false, points: 0 })
  })
  it('多选 with partial credit: fewer correct choices earn half, any wrong choice earns nothing', () => {
    expect(gradeQuestion(multi, [0, 2], points, true)).toMatchObject({ correct: false, partial: true, points: 2 })
    expect(gradeQuestion(multi, [0, 1], points, true)).toMatchObject({ partial: false, points: 0 })
    expect(gradeQuestion(multi, [0, 2, 3], points, true)).toMatchObject({ correct: true, points: 4 })
  })
  it('an empty answer scores nothing, even with partial credit', () => {
    expect(gradeQuestion(multi, [], points, true).points).toBe(0)
    expect(gradeQuestion(single, undefined, points, false).points).toBe(0)
  })
  it('adds up a paper and compares with the pass mark', () => {
    const g = gradeAttempt(
      [single, multi, judge],
      { s: [2], m: [0, 2], j: [1] },
      { points, partialCredit: true, passMark: 5 },
    )
    expect(g).toMatchObject({ score: 5, maxScore: 7, correctCount: 2, passed: true })
    expect(gradeAttempt([single, multi, judge], {}, { points, partialCredit: true, passMark: 5 })).toMatchObject({
      score: 0,
      passed: false,
    })
  })
  it('counts the highest or the latest attempt', () => {
    const attempts = [
      { n: 1, score: 80 },
      { n: 2, score: 60 },
    ]
    expect(countedAttempt(attempts, 'highest')?.n).toBe(1)
    expect(countedAttempt(attempts, 'latest')?.n).toBe(2)
    expect(countedAttempt([], 'latest')).toBeNull()
  })
})
