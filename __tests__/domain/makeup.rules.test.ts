import { makeupKindOf, reflectionLength, splitMadeUp } from '../../src/domain/makeup.rules'

test('only absence and leave owe 补学', () => {
  expect(makeupKindOf('absent')).toBe('absent')
  expect(makeupKindOf('leave')).toBe('leave')
  expect(makeupKindOf('present')).toBeNull()
  expect(makeupKindOf('late')).toBeNull()
  expect(makeupKindOf('pending')).toBeNull()
})

test('a reflection is measured in characters a member sees, blanks around it ignored', () => {
  expect(reflectionLength('  学习了会议精神  ')).toBe(7)
  expect(reflectionLength('𠀀学')).toBe(2)
})

test('缺席已补学 never exceeds 缺席 (an absence corrected to present keeps its 补学 but stops counting)', () => {
  expect(splitMadeUp(6, 1)).toEqual({ open: 5, madeUp: 1 })
  expect(splitMadeUp(0, 1)).toEqual({ open: 0, madeUp: 0 })
})
