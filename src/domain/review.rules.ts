/** 民主评议党员: the four grades, the window, and the committee's limits on a branch's proposal. */

export const GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const
export type Grade = (typeof GRADES)[number]

export const GRADE_LABELS: Record<Grade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basic: '基本合格',
  unqualified: '不合格',
}

export type GradeCounts = Record<Grade, number>

export const emptyCounts = (): GradeCounts => ({ excellent: 0, qualified: 0, basic: 0, unqualified: 0 })

export interface Window {
  openAt: Date
  closeAt: Date
}

export type WindowState = 'not_open' | 'open' | 'closed'

/** Where `now` falls in a review's or vote's window (openAt inclusive, closeAt exclusive). */
export function windowOf(w: Window, now: Date): WindowState {
  if (now.getTime() < new Date(w.openAt).getTime()) return 'not_open'
  return now.getTime() < new Date(w.closeAt).getTime() ? 'open' : 'closed'
}

export interface ReviewLimits {
  /** Largest share of a branch's members that may be proposed 优秀, in percent (e.g. 30). */
  excellentMaxPercent: number
}

/**
 * Checks a branch's proposed results against the committee's limits. The limits apply here, on the proposal, and
 * never on the members' ballots: members rate freely. Returns Chinese problems; empty when the proposal may stand.
 */
export function proposalProblems(
  proposal: ReadonlyArray<{ memberId: string; grade: Grade; note?: string }>,
  memberIds: readonly string[],
  limits: ReviewLimits,
): string[] {
  const problems: string[] = []
  const members = new Set(memberIds)
  const seen = new Set<string>()
  for (const p of proposal) {
    if (!members.has(p.memberId)) problems.push('建议结果中有不属于本支部参评党员的人员')
    if (seen.has(p.memberId)) problems.push('同一名党员只能有一个建议结果')
    seen.add(p.memberId)
    if ((p.grade === 'unqualified' || p.grade === 'basic') && !(p.note && p.note.trim().length >= 2)) {
      problems.push(`建议为${GRADE_LABELS[p.grade]}的党员须注明理由`)
    }
  }
  const missing = memberIds.filter((id) => !seen.has(id)).length
  if (missing) problems.push(`还有 ${missing} 名党员没有建议结果`)
  const excellent = proposal.filter((p) => p.grade === 'excellent').length
  const max = maxExcellent(memberIds.length, limits)
  if (excellent > max)
    problems.push(
      `优秀比例不能超过 ${limits.excellentMaxPercent}%（本支部 ${memberIds.length} 人，最多 ${max} 名优秀）`,
    )
  return [...new Set(problems)]
}

/** How many 优秀 a branch of `size` members may propose: the share rounded down. */
export function maxExcellent(size: number, limits: ReviewLimits): number {
  return Math.floor((size * limits.excellentMaxPercent) / 100)
}

/**
 * Checks one member's ballot: exactly one grade for every participant of the branch, herself included (her own
 * line is her 自评 grade). A ballot that left out its voter would name her by the gap, so nobody is left out.
 * Returns a Chinese problem or null.
 */
export function ballotProblem(
  ratings: ReadonlyArray<{ memberId: string; grade: Grade }>,
  ratees: readonly string[],
): string | null {
  const expected = new Set(ratees)
  const seen = new Set<string>()
  for (const r of ratings) {
    if (!expected.has(r.memberId)) return '评议名单中有不属于本支部参评党员的人员'
    if (seen.has(r.memberId)) return '同一名党员只能评议一次'
    seen.add(r.memberId)
  }
  if (seen.size !== expected.size) return `请为全部 ${expected.size} 名党员（含本人）评定等次后再提交`
  return null
}
