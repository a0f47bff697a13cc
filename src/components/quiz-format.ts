import { OPTION_LETTERS, QUESTION_TYPE_LABELS, type QuestionType } from '@/domain/question.types'
import { china } from '@/domain/time'

/** `06-01 09:00` this year, `2025-06-01 09:00` another year (China time): the test cards are narrow. */
export function quizInstant(at: string, now = Date.now()): string {
  const d = china(at)
  return d.year() === china(now).year() ? d.format('MM-DD HH:mm') : d.format('YYYY-MM-DD HH:mm')
}

/** `06-01 09:00 至 07-01 18:00`. */
export function quizWindow(q: { openAt: string; closeAt: string }, now = Date.now()): string {
  return `${quizInstant(q.openAt, now)} 至 ${quizInstant(q.closeAt, now)}`
}

/** `单选题` etc. */
export function typeLabel(t: QuestionType): string {
  return QUESTION_TYPE_LABELS[t]
}

/** The mark in front of an option: its letter, or nothing for 判断 (the options are 正确 / 错误 themselves). */
export function optionMark(t: QuestionType, index: number): string {
  return t === 'judge' ? '' : (OPTION_LETTERS[index] ?? '?')
}

/** The chosen options as a member reads them: `AC`, `正确`, or `未作答`. */
export function choiceText(t: QuestionType, options: readonly string[], chosen: readonly number[] | undefined): string {
  if (!chosen?.length) return '未作答'
  const sorted = [...chosen].sort((a, b) => a - b)
  return t === 'judge'
    ? sorted.map((i) => options[i] ?? '?').join('')
    : sorted.map((i) => OPTION_LETTERS[i] ?? '?').join('')
}

/** Toggles an option: 单选/判断 keep one, 多选 adds or removes. Sorted, so equal choices compare equal. */
export function toggleChoice(t: QuestionType, chosen: readonly number[] | undefined, index: number): number[] {
  if (t !== 'multi') return [index]
  const set = new Set(chosen ?? [])
  if (set.has(index)) set.delete(index)
  else set.add(index)
  return [...set].sort((a, b) => a - b)
}

export function sameChoice(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  const x = [...(a ?? [])].sort((p, q) => p - q)
  const y = [...(b ?? [])].sort((p, q) => p - q)
  return x.length === y.length && x.every((v, i) => v === y[i])
}

/** `87%`, or `—` when nobody has answered. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`
}
