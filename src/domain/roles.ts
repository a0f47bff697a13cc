/** The four roles of DESIGN.md §4, and the pure scope rules every handler applies through `_shared`. */
export const ROLES = ['member', 'branch_admin', 'org_admin', 'union_admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  member: '党员',
  branch_admin: '支部管理员',
  org_admin: '机关党委管理员',
  union_admin: '工会/志愿管理员',
}

export const ADMIN_ROLES: readonly Role[] = ['branch_admin', 'org_admin', 'union_admin']

export function isAdmin(role: Role): boolean {
  return ADMIN_ROLES.includes(role)
}

/** What a caller's scope covers: the org ids they may read and manage. `all` for the whole tree. */
export type Scope = { kind: 'all' } | { kind: 'branch'; branchId: string } | { kind: 'self' }

export interface ScopedCaller {
  role: Role
  branchId: string
}

/** The data scope of a role: org_admin sees the whole tree, branch_admin their branch, everyone else themselves. */
export function scopeOf(caller: ScopedCaller): Scope {
  if (caller.role === 'org_admin') return { kind: 'all' }
  if (caller.role === 'branch_admin') return { kind: 'branch', branchId: caller.branchId }
  return { kind: 'self' }
}

/**
 * Whether `caller` may manage records of the org `orgId`, given that org's ancestor path. A branch admin manages
 * their branch and the 党小组 under it.
 */
export function coversOrg(scope: Scope, orgId: string, ancestorIds: readonly string[]): boolean {
  if (scope.kind === 'all') return true
  if (scope.kind === 'branch') return orgId === scope.branchId || ancestorIds.includes(scope.branchId)
  return false
}

/** The committee: the organisation's admin, who sees and manages the whole tree. */
export function isOrgAdmin(role: Role): boolean {
  return role === 'org_admin'
}

/** Branch work (meetings, study, reviews, the roster): a branch's admin or the organisation's. */
export function managesBranches(role: Role): boolean {
  return role === 'branch_admin' || role === 'org_admin'
}

/** Activities (志愿服务, 工会活动): the union's admin or the organisation's. */
export function managesActivities(role: Role): boolean {
  return role === 'union_admin' || role === 'org_admin'
}

/** The branch an admin's work is confined to: none for the organisation's admin (the whole tree), else their own. */
export function confinedBranch(caller: ScopedCaller): string | undefined {
  return isOrgAdmin(caller.role) ? undefined : caller.branchId
}
