import { aggregateAll } from './aggregate-all'
import type { OrgNode } from '../../src/domain/org.tree'
import { coversOrg } from '../../src/domain/roles'
import { COL } from './collections'
import type { Caller, Db } from './context'
import { AppError } from './errors'

export interface OrgDoc extends OrgNode {
  /** Branches only: the code members may bind with (pending approval). */
  inviteCode?: string | null
  /** Set when the org was retired (撤销): kept so history still names it, left out of the tree and of pickers. */
  retiredAt?: Date | null
  /** Branches only: a 离退休干部党支部 — its members get 长辈模式 (larger type) by default. */
  retirees?: boolean
  /** Branches only: the day the branch started using the app; 组织生活达标 counts from it (meeting.setComplianceStart). */
  complianceFrom?: Date | null
}

/** Whether an org has been retired (撤销). */
export function isRetired(org: OrgDoc | undefined): boolean {
  return !!org?.retiredAt
}

/**
 * The whole org tree, flat and keyed by id. It is small (a committee has tens of branches and groups), so one
 * aggregate page reads it all.
 */
export async function loadOrgs(db: Db): Promise<Map<string, OrgDoc>> {
  const list = await aggregateAll<OrgDoc>(() => db.collection(COL.orgs).aggregate().match({}).sort({ _id: 1 }))
  return new Map(list.map((o) => [o._id, o]))
}

// One read of the tree per request (issue 11): the router builds a fresh ctx for every call, so a handler and the
// helpers it calls (scope checks, views, exports) share the first read through this memo. Keyed weakly by the ctx,
// it ends with the request. A handler that changes orgs and must see the change reads again with loadOrgs(db).
const perRequest = new WeakMap<object, Promise<Map<string, OrgDoc>>>()

/** The org tree for this request: read once, then shared. Callers must not change the map. */
export function orgsOf(ctx: { db: Db }): Promise<Map<string, OrgDoc>> {
  let tree = perRequest.get(ctx)
  if (!tree) {
    tree = loadOrgs(ctx.db)
    perRequest.set(ctx, tree)
    // A failed read is not remembered: the error reaches this caller, and a later one in the request reads again.
    tree.catch(() => perRequest.delete(ctx))
  }
  return tree
}

/** The committee (root) of the tree. */
export function rootOf(orgs: ReadonlyMap<string, OrgDoc>): OrgDoc | undefined {
  for (const o of orgs.values()) if (o.parentId === null) return o
  return undefined
}

/** Throws OUT_OF_SCOPE unless the caller's role covers `orgId`. The one place scope is decided. */
export function assertCovers(caller: Caller, orgs: ReadonlyMap<string, OrgDoc>, orgId: string): void {
  const org = orgs.get(orgId)
  if (!org) throw new AppError('NOT_FOUND', '没有找到该组织')
  if (!coversOrg(caller.scope, org._id, org.ancestors)) throw new AppError('OUT_OF_SCOPE')
}

/**
 * The branch a list is filtered to: the one asked for (if the caller's scope covers it), else a branch admin's own;
 * undefined means the whole tree, which only org_admin may list.
 */
export function branchFilter(
  caller: Caller,
  orgs: ReadonlyMap<string, OrgDoc>,
  asked: string | undefined,
): string | undefined {
  const branchId = asked ?? (caller.scope.kind === 'branch' ? caller.scope.branchId : undefined)
  if (branchId) assertCovers(caller, orgs, branchId)
  else if (caller.scope.kind !== 'all') throw new AppError('OUT_OF_SCOPE')
  return branchId
}

/**
 * What a caller hears about an id they may not see: exactly what they hear about an id that does not exist, so error
 * texts never tell a branch admin which ids live in other branches. An org admin sees everything, so for them the id
 * really is missing.
 */
export function unseen(caller: Caller, what: string): AppError {
  return caller.scope.kind === 'all' ? new AppError('NOT_FOUND', `没有找到该${what}`) : new AppError('OUT_OF_SCOPE')
}

/** Throws `unseen` unless the record exists and the caller's scope covers its org. */
export function assertSees(
  caller: Caller,
  orgs: ReadonlyMap<string, OrgDoc>,
  orgId: string | null | undefined,
  what: string,
): void {
  const org = orgId ? orgs.get(orgId) : undefined
  if (!org || !coversOrg(caller.scope, org._id, org.ancestors)) throw unseen(caller, what)
}
