import { coversOrg, type Role, type Scope } from './roles'

/**
 * Who may act on whom: the one rule every handler that touches another member applies (unbind, approve a binding,
 * set a role, import a roster row, mark attendance, and the staff actions move / 转出 / posts). Scope says which
 * branches an admin reaches; rank says which people inside them. A branch admin who could unbind the committee's org
 * admin because they share a branch is exactly what this prevents.
 */
export type MemberAct = 'unbind' | 'approve' | 'role' | 'import' | 'mark' | 'move' | 'status' | 'post' | 'year' | 'view'

/**
 * Rank, highest first. union_admin sits with branch_admin: both are appointed by the committee. Peers may act on each
 * other (a branch's 书记 and 组织委员 are often both branch admins, and one re-binds the other's new phone).
 */
export const RANK: Record<Role, number> = { member: 0, union_admin: 1, branch_admin: 1, org_admin: 2 }

export interface RankParty {
  id: string
  role: Role
}

export interface Actor extends RankParty {
  scope: Scope
}

export interface Subject extends RankParty {
  /** The subject's most specific org (their 党小组, else their branch) and that org's ancestors. */
  orgId: string
  ancestors: readonly string[]
}

export type Verdict = { ok: true } | { ok: false; code: 'OUT_OF_SCOPE' | 'FORBIDDEN'; message: string }

/**
 * The rank half of the rule: null when allowed, else the Chinese reason. Nobody acts on someone ranked above them (so
 * only an org admin touches an org admin); nobody marks their own attendance or their own 党籍状态. Recording
 * attendance (`mark`) is not power over a person: rank does not apply to it.
 */
export function rankRefusal(actor: RankParty, target: RankParty, act: MemberAct): string | null {
  if (actor.id === target.id && act === 'status') return '不能变更自己的党籍状态，请由其他管理员操作'
  if (actor.id === target.id && act === 'mark') return '不能为自己代签或补录'
  if (act === 'mark') return null
  // Reading a member's year (attendance, study, tests) is a secretary's duty for everyone in her branch, the committee's
  // officers included: scope decides, rank does not.
  if (act === 'year') return null
  // Opening a member's card from the roster: she is already on the list the secretary may read.
  if (act === 'view') return null
  if (RANK[target.role] > RANK[actor.role]) return '对方是机关党委管理员，只有机关党委管理员可以操作'
  return null
}

/**
 * The whole rule: the subject's org must be inside the actor's scope (org_admin: everything; branch_admin: their
 * branch and its groups; others: nothing), then rank.
 */
export function mayActOn(actor: Actor, subject: Subject, act: MemberAct): Verdict {
  if (!coversOrg(actor.scope, subject.orgId, subject.ancestors)) {
    return { ok: false, code: 'OUT_OF_SCOPE', message: '只能查看或管理本支部的数据' }
  }
  const refusal = rankRefusal(actor, subject, act)
  return refusal ? { ok: false, code: 'FORBIDDEN', message: refusal } : { ok: true }
}

/** Whether `actor` may give someone `role`: only an org admin grants roles, and never above their own rank. */
export function mayGrantRole(actor: Pick<Actor, 'role'>, role: Role): boolean {
  return actor.role === 'org_admin' && RANK[role] <= RANK[actor.role]
}

/**
 * Who may change or close a vote (or a review's branch poll): a branch vote is its branch's, so scope decides; a vote
 * of the committee or of everyone is the committee's, so only an org admin — not the secretary of the branch its
 * organiser happens to sit in.
 */
export function pollVerdict(
  actor: Pick<Actor, 'role' | 'scope'>,
  poll: { branchId: string | null; ownerOrgId: string; ancestors: readonly string[] },
): Verdict {
  const orgId = poll.branchId ?? poll.ownerOrgId
  if (!coversOrg(actor.scope, orgId, poll.ancestors)) {
    return { ok: false, code: 'OUT_OF_SCOPE', message: '只能查看或管理本支部的数据' }
  }
  if (poll.branchId === null && actor.role !== 'org_admin') {
    return { ok: false, code: 'FORBIDDEN', message: '面向机关党委委员或全体党员的投票由机关党委管理' }
  }
  return { ok: true }
}

/**
 * Reading a branch's own record (its scorecard row): scope decides, rank does not apply — the record is the branch's,
 * not a person's. An org admin reads every branch, a branch admin hers, nobody else any.
 */
export function mayReadBranch(
  actor: Pick<Actor, 'scope'>,
  branch: { id: string; ancestors: readonly string[] },
): boolean {
  return coversOrg(actor.scope, branch.id, branch.ancestors)
}
