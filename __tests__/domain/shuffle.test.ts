import { optionOrder, seededShuffle, toDisplay, toOriginal } from '@/domain/shuffle'

describe('per-member shuffling', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `q${i}`)
  it('is stable for the same member and attempt', () => {
    expect(seededShuffle(ids, 'quiz1/m1/1')).toEqual(seededShuffle(ids, 'quiz1/m1/1'))
  })
  it('differs between members, and keeps every question', () => {
    const a = seededShuffle(ids, 'quiz1/m1/1')
    const b = seededShuffle(ids, 'quiz1/m2/1')
    expect(a).not.toEqual(b)
    expect([...a].sort()).toEqual([...ids].sort())
  })
  it('maps shown positions back to the original options, so grading survives the shuffle', () => {
    const perm = optionOrder(4, 'q7/m1') // perm[display] = original
    const correctOriginal = [1, 3]
    const shown = toDisplay(perm, correctOriginal)
    expect(toOriginal(perm, shown)).toEqual(correctOriginal)
    expect(shown.map((d) => perm[d]).sort()).toEqual(correctOriginal)
  })
  it('keeps 正确/错误 in place for 判断题', () => {
    expect(optionOrder(2, 'any', true)).toEqual([0, 1])
  })
  it('ignores positions that do not exist', () => {
    expect(toOriginal([2, 0, 1], [0, 5, -1, 0])).toEqual([2])
  })
})
