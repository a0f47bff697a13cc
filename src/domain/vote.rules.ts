/** 票决 and 评选: who may vote, what a valid ballot is, how it counts, and when results may be seen. */
import { windowOf, type Window } from './review.rules'

export const VOTE_MODES = ['single', 'multi', 'rank'] as const
export type VoteMode = (typeof VOTE_MODES)[number]

export const VOTE_MODE_LABELS: Record<VoteMode, string> = { single: '单选', multi: '限选多项', rank: '排序' }

export const ELIGIBILITIES = ['branch', 'branch_committee', 'committee', 'all'] as const
export type Eligibility = (typeof ELIGIBILITIES)[number]

export const ELIGIBILITY_LABELS: Record<Eligibility, string> = {
  branch: '本支部党员',
  branch_committee: '支部委员会委员',
  committee: '机关党委委员',
  all: '全体党员',
}

export interface EligibleMember {
  branchId: string
  role: string
  /** The member's post on her branch committee (书记, 组织委员…), as 组织架构 keeps it. */
  post?: string | null
}

/**
 * Whether a member belongs to a vote's electorate. A 支委会 vote (branch_committee) is for the members who hold a post
 * on that branch's committee — the posts 组织架构 keeps (书记, 副书记, 组织委员…). 机关党委委员 are the members who hold
 * the committee role (org_admin): the roster keeps posts for branch committees only, not for the 机关党委 itself.
 */
export function isEligible(vote: { eligibility: Eligibility; branchId: string | null }, m: EligibleMember): boolean {
  if (vote.eligibility === 'all') return true
  if (vote.eligibility === 'committee') return m.role === 'org_admin'
  if (vote.eligibility === 'branch_committee') return m.branchId === vote.branchId && !!m.post
  return m.branchId === vote.branchId
}

/** Checks a ballot's choices against the vote's mode: a Chinese problem or null. */
export function choiceProblem(
  mode: VoteMode,
  maxChoices: number,
  optionIds: readonly string[],
  choices: readonly string[],
): string | null {
  const options = new Set(optionIds)
  if (choices.some((c) => !options.has(c))) return '所选项目不在本次投票中'
  if (new Set(choices).size !== choices.length) return '同一项目不能重复选择'
  if (choices.length === 0) return '请至少选择一项'
  if (mode === 'single' && choices.length !== 1) return '本次投票只能选一项'
  if (choices.length > maxChoices) return `最多可选 ${maxChoices} 项`
  return null
}

/**
 * Points a ballot gives each choice. Choose-one and up-to-N give one per choice; a ranking gives a Borda count
 * (first of N places gets N points, the last 1), so a ranked vote's result is a sum and stays one aggregation.
 */
export function pointsOf(
  mode: VoteMode,
  maxChoices: number,
  choices: readonly string[],
): Array<{ optionId: string; points: number }> {
  return choices.map((optionId, i) => ({ optionId, points: mode === 'rank' ? maxChoices - i : 1 }))
}

export interface VoteTiming extends Window {
  status: 'open' | 'closed'
  liveResults: boolean
}

/** Whether the vote is over: closed early by its organiser or past its window. */
export function isClosed(v: VoteTiming, now: Date): boolean {
  return v.status === 'closed' || windowOf(v, now) === 'closed'
}

/** Results are shown after the vote closes, or while it runs when the organiser chose live results. */
export function resultsVisible(v: VoteTiming, now: Date): boolean {
  return isClosed(v, now) || v.liveResults
}

/** Options ordered by points, then votes; ties keep the order the organiser listed them. */
export function rankResults<T extends { votes: number; points: number }>(
  rows: readonly T[],
): Array<T & { place: number }> {
  const order = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.points - a.r.points || b.r.votes - a.r.votes || a.i - b.i)
  let place = 0
  return order.map(({ r }, k) => {
    const prev = order[k - 1]?.r
    if (!prev || prev.points !== r.points || prev.votes !== r.votes) place = k + 1
    return { ...r, place }
  })
}
