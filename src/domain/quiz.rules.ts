import type { Points } from './grading'
import type { QuestionType } from './question.types'
import { formatDateTime } from './time'

/** How many questions a random paper draws of each type. */
export interface Draw {
  single: number
  multi: number
  judge: number
}

/** How many questions a paper has: the draw counts, or the fixed paper's picks. */
export function questionCountOf(q: {
  mode: 'random' | 'fixed'
  draw: Draw | null
  fixedQuestionIds: readonly string[]
}) {
  return q.mode === 'fixed'
    ? q.fixedQuestionIds.length
    : (q.draw?.single ?? 0) + (q.draw?.multi ?? 0) + (q.draw?.judge ?? 0)
}

/**
 * Full marks of a paper: the draw counts times the points, or the sum over the fixed paper's question types. The
 * cloud stores it on the test; the editor shows the same figure while the organiser types.
 */
export function maxScoreOf(points: Points, draw: Draw | null, fixedTypes: readonly QuestionType[] = []): number {
  if (draw) return draw.single * points.single + draw.multi * points.multi + draw.judge * points.judge
  return fixedTypes.reduce((s, t) => s + points[t], 0)
}

export type Reveal = 'after_submit' | 'after_close' | 'never'

/** When a member sees the key and explanations of a submitted paper, and what the result page says until then. */
export function answersShown(
  reveal: Reveal,
  closeAt: Date | string,
  now: Date,
): { shown: boolean; note: string | null } {
  if (reveal === 'after_submit') return { shown: true, note: null }
  if (reveal === 'after_close') {
    return now > new Date(closeAt)
      ? { shown: true, note: null }
      : { shown: false, note: `答案和解析将于 ${formatDateTime(closeAt)} 测试截止后公布` }
  }
  return { shown: false, note: '本次测试不公布答案和解析' }
}
