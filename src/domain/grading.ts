import type { QuestionType } from './question.types'

export interface GradableQuestion {
  id: string
  type: QuestionType
  /** Correct option indexes (original order). */
  answer: readonly number[]
}

export interface Points {
  single: number
  multi: number
  judge: number
}

export interface QuestionResult {
  questionId: string
  correct: boolean
  /** Got some credit without being fully right (多选, partial credit on). */
  partial: boolean
  points: number
  max: number
}

/**
 * One question. 单选 and 判断: exactly the right option. 多选: all or nothing; with partial credit, choosing only
 * correct options but not all of them earns half the points (少选得一半, 错选不得分). No answer scores nothing.
 */
export function gradeQuestion(
  q: GradableQuestion,
  chosen: readonly number[] | undefined,
  points: Points,
  partialCredit: boolean,
): QuestionResult {
  const max = points[q.type]
  const picked = [...new Set(chosen ?? [])].sort((a, b) => a - b)
  const key = [...q.answer].sort((a, b) => a - b)
  const exact = picked.length === key.length && picked.every((v, i) => v === key[i])
  if (exact) return { questionId: q.id, correct: true, partial: false, points: max, max }
  const subset = q.type === 'multi' && picked.length > 0 && picked.every((v) => key.includes(v))
  if (partialCredit && subset) return { questionId: q.id, correct: false, partial: true, points: max / 2, max }
  return { questionId: q.id, correct: false, partial: false, points: 0, max }
}

export interface AttemptGrade {
  score: number
  maxScore: number
  correctCount: number
  passed: boolean
  results: QuestionResult[]
}

/** A whole paper: the sum of its questions, and whether it reaches the pass mark. */
export function gradeAttempt(
  questions: readonly GradableQuestion[],
  answers: Readonly<Record<string, readonly number[]>>,
  opts: { points: Points; partialCredit: boolean; passMark: number },
): AttemptGrade {
  const results = questions.map((q) => gradeQuestion(q, answers[q.id], opts.points, opts.partialCredit))
  const score = results.reduce((s, r) => s + r.points, 0)
  return {
    score,
    maxScore: results.reduce((s, r) => s + r.max, 0),
    correctCount: results.filter((r) => r.correct).length,
    passed: score >= opts.passMark,
    results,
  }
}

/** Which attempt counts: the best score or the last one. */
export function countedAttempt<A extends { score: number; n: number }>(
  attempts: readonly A[],
  rule: 'highest' | 'latest',
): A | null {
  if (!attempts.length) return null
  return [...attempts].sort((a, b) => (rule === 'highest' ? b.score - a.score || b.n - a.n : b.n - a.n))[0]
}
