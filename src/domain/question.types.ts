/** 单选, 多选, 判断: the three kinds of question in the 党内法规 test. */
export const QUESTION_TYPES = ['single', 'multi', 'judge'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: '单选题',
  multi: '多选题',
  judge: '判断题',
}

/** Categories committees file questions under; free text is allowed, these are offered first. */
export const QUESTION_CATEGORIES = ['党章', '准则', '条例', '纪律处分条例', '党史', '理论'] as const

/** The two options of every 判断题, in this order: index 0 is 正确. */
export const JUDGE_OPTIONS = ['正确', '错误'] as const

/** Option letters A–F. */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const

/** `[0, 2]` → `AC`. */
export function lettersOf(indexes: readonly number[]): string {
  return [...indexes]
    .sort((a, b) => a - b)
    .map((i) => OPTION_LETTERS[i] ?? '?')
    .join('')
}
