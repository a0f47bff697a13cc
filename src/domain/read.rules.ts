/** Study categories, in the order the 学习 tab shows them. */
export const ARTICLE_CATEGORIES = ['第一议题', '理论学习', '党章党规', '党课资源', '纪律教育', '工会动态'] as const
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number]

/**
 * How long a member must have had an article open before reaching the end counts as reading it: 30% of the
 * expected reading time, at least 10 seconds and at most 5 minutes. Skimming to the end in two seconds is not reading.
 */
export function minReadSeconds(readMinutes: number): number {
  return Math.min(300, Math.max(10, Math.round(readMinutes * 60 * 0.3)))
}

export type ReceiptDecision =
  | { record: true; secondsSpent: number }
  | { record: false; reason: 'not_opened' | 'not_finished' | 'too_fast'; secondsSpent: number; needSeconds: number }

/**
 * A read receipt needs both: the member reached the end, and stayed long enough (timed by the server). The time is
 * what earlier visits banked (each ended by a pause the page sent while still on screen) plus the visit under way.
 */
export function receiptDecision(input: {
  /** When the visit under way started; null: no visit under way (never opened, or paused). */
  openedAt: Date | null
  /** Whole seconds earlier visits counted. */
  bankedSeconds?: number
  now: Date
  reachedEnd: boolean
  readMinutes: number
}): ReceiptDecision {
  const need = minReadSeconds(input.readMinutes)
  const banked = input.bankedSeconds ?? 0
  const spent = banked + visitSeconds(input.openedAt, input.now)
  if (!input.reachedEnd) return { record: false, reason: 'not_finished', secondsSpent: spent, needSeconds: need }
  if (spent >= need) return { record: true, secondsSpent: spent }
  // Without a visit under way no clock runs: waiting would not help, the page must open the article again.
  if (!input.openedAt) return { record: false, reason: 'not_opened', secondsSpent: spent, needSeconds: need }
  return { record: false, reason: 'too_fast', secondsSpent: spent, needSeconds: need }
}

/** Whole seconds of the visit under way (0 when none is). */
export function visitSeconds(openedAt: Date | null, now: Date): number {
  return openedAt ? Math.max(0, Math.round((now.getTime() - openedAt.getTime()) / 1000)) : 0
}

/** Whether a required item is overdue for a member who has not read it. */
export function isOverdue(deadline: Date | null, now: Date): boolean {
  return !!deadline && now.getTime() > deadline.getTime()
}
