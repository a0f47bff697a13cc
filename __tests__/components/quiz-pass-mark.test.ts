import { passMarkWarning } from '@/packages/admin/components/quiz-form'

test('an implausible pass mark is warned about, an ordinary one is not', () => {
  expect(passMarkWarning('60', 100)).toBeNull()
  expect(passMarkWarning('30', 100)).toBe('及格分只占满分的 30%，请确认是否过低')
  expect(passMarkWarning('100', 100)).toBe('及格分等于满分：答错一题即不及格，请确认')
  // Above the full score is a refusal of the form itself, not a warning.
  expect(passMarkWarning('120', 100)).toBeNull()
  expect(passMarkWarning('60', null)).toBeNull()
})
