import type { MemberAct } from './rank'

/**
 * Rules for the staff actions on a member (move, 转出/去世/停止党籍, branch committee posts) and the rank check they
 * share. Pure: the cloud applies them, the app uses the labels.
 */

/** Why a member left the roster. They stay in history (past meetings, scores, reads) but out of every 应到/应考/应读. */
export const LEAVE_REASONS = ['transferred', 'deceased', 'stopped'] as const
export type LeaveReason = (typeof LEAVE_REASONS)[number]

export const LEAVE_REASON_LABELS: Record<LeaveReason, string> = {
  transferred: '转出',
  deceased: '去世',
  stopped: '停止党籍',
}

/** A branch committee's posts (支部委员会), in the order committees list them. */
export const BRANCH_POSTS = [
  '书记',
  '副书记',
  '组织委员',
  '宣传委员',
  '纪检委员',
  '青年委员',
  '统战委员',
  '保密委员',
  '委员',
] as const
export type BranchPost = (typeof BRANCH_POSTS)[number]

/** Posts a branch has at most one of; 副书记 and plain 委员 may be several. */
const SINGLE_POSTS: readonly BranchPost[] = [
  '书记',
  '组织委员',
  '宣传委员',
  '纪检委员',
  '青年委员',
  '统战委员',
  '保密委员',
]

/** Whether a branch may have only one holder of `post`. */
export function isSinglePost(post: BranchPost): boolean {
  return SINGLE_POSTS.includes(post)
}

/** Orders posts the way a committee is listed: 书记 first, then 副书记, then the 委员. */
export function postOrder(post: string | null | undefined): number {
  const i = BRANCH_POSTS.indexOf(post as BranchPost)
  return i < 0 ? BRANCH_POSTS.length : i
}

/** The staff actions' share of the one rank rule (src/domain/rank.ts). */
export type StaffAct = Extract<MemberAct, 'move' | 'status' | 'role' | 'post' | 'unbind'>
export { rankRefusal, type RankParty } from './rank'
