import { lettersOf, type QuestionType } from './question.types'

/** A stored question as a re-import compares it. */
export interface StoredQuestion {
  _id: string
  type: QuestionType
  options: string[]
  answer: number[]
  explanation: string | null
  category: string | null
}

/** The fields a corrected bank file may change on an existing question (type and stem are its identity). */
export type BankField = 'options' | 'answer' | 'explanation' | 'category'

export const BANK_FIELD_LABELS: Record<BankField, string> = {
  options: '选项',
  answer: '答案',
  explanation: '解析',
  category: '分类',
}

/** Fields that decide a grade: locked while the question is on a test that is still open. */
export const GRADED_FIELDS: readonly BankField[] = ['options', 'answer']

export interface BankChange {
  field: BankField
  before: string
  after: string
}

const EMPTY = '（空）'

function show(field: BankField, q: Pick<StoredQuestion, BankField | 'type'>): string {
  if (field === 'options')
    return q.type === 'judge' ? '正确/错误' : q.options.map((o, i) => `${lettersOf([i])}. ${o}`).join('；')
  if (field === 'answer') return q.type === 'judge' ? (q.answer[0] === 0 ? '正确' : '错误') : lettersOf(q.answer)
  return q[field] ?? EMPTY
}

/**
 * What a corrected row changes on a stored question, field by field as a person reads them (`A. …；B. …`, `AC`,
 * `正确`). Empty when the row says what is stored. A blank 解析 or 分类 in the file keeps the stored one, like a
 * blank cell in the roster import: a file never erases by omission.
 */
export function questionChanges(
  stored: StoredQuestion,
  row: Pick<StoredQuestion, BankField | 'type'>,
): { changes: BankChange[]; patch: Partial<Pick<StoredQuestion, BankField>> } {
  const next = {
    type: stored.type,
    options: row.options,
    answer: [...row.answer].sort((a, b) => a - b),
    explanation: row.explanation ?? stored.explanation,
    category: row.category ?? stored.category,
  }
  const changes: BankChange[] = []
  const patch: Partial<Pick<StoredQuestion, BankField>> = {}
  for (const field of Object.keys(BANK_FIELD_LABELS) as BankField[]) {
    if (JSON.stringify(stored[field]) === JSON.stringify(next[field])) continue
    changes.push({ field, before: show(field, stored), after: show(field, next) })
    ;(patch as Record<string, unknown>)[field] = next[field]
  }
  return { changes, patch }
}
