// Typed reads and writes of the roster (members) and of the guard that keeps an org admin in office: handlers call
// these, never ctx.db.collection with casts of untyped rows (issue 11). Each function says what it costs, because
// every database call is a round trip and every action has a budget (src/contract/budget.ts).
import { BRANCH_POSTS, type BranchPost } from '../../src/domain/staff.rules'
import { COL } from '../_shared/collections'
import type { Db, MemberDoc } from '../_shared/context'
import { GET_PAGE } from '../_shared/docs'
import { isDuplicateKey } from '../_shared/duplicate-key'
import { txCollection, typedCollection, type Where } from '../_shared/repo'
import type { Tx } from '../_shared/transaction'

export const membersOf = (db: Db) => typedCollection<MemberDoc>(db, COL.members)

/** Members inside a transaction (only doc operations are transactional, as on CloudBase: _shared/transaction.ts). */
export const txMembers = (t: Tx) => txCollection<MemberDoc>(t, COL.members)

// ── reads ──

/**
 * Active members with this exact name, at most 20: one read (the bind_lookup index). Namesakes are read by name
 * alone so that binding by phone tail can tell "ambiguous" from "no match" without the tail deciding the query.
 */
export function activeNamesakes(db: Db, name: string): Promise<MemberDoc[]> {
  return membersOf(db).find({ name, status: 'active' }, { limit: 20 })
}

/** Active members of a branch with this exact name, at most two (enough to tell one from several): one read. */
export function activeNamedIn(db: Db, branchId: string, name: string): Promise<MemberDoc[]> {
  return membersOf(db).find({ name, branchId, status: 'active' }, { limit: 2 })
}

/** How many active org admins there are: one count. */
export function countActiveOrgAdmins(db: Db): Promise<number> {
  return membersOf(db).count({ role: 'org_admin', status: 'active' })
}

/** Active org admins' ids: a committee has a handful, so one read with a small cap finds them all. */
export async function activeOrgAdminIds(db: Db): Promise<string[]> {
  const admins = await membersOf(db).find({ role: 'org_admin', status: 'active' }, { fields: { _id: true } })
  return admins.map((m) => m._id)
}

/** How many active members a branch or 党小组 has: one count. */
export function countActiveIn(db: Db, org: { branchId: string } | { groupId: string }): Promise<number> {
  return membersOf(db).count({ ...org, status: 'active' })
}

/** The active members of a branch holding a committee post (a committee is a handful): one read. */
export function postHolders(db: Db, branchId: string): Promise<Array<MemberDoc & { post: BranchPost }>> {
  const _ = db.command
  return membersOf(db).find({ branchId, status: 'active', post: _.in([...BRANCH_POSTS]) }) as Promise<
    Array<MemberDoc & { post: BranchPost }>
  >
}

/** The active member of a branch holding `post`, if any: one read. */
export function holderOf(db: Db, branchId: string, post: BranchPost): Promise<MemberDoc | null> {
  return membersOf(db).findOne({ branchId, status: 'active', post })
}

/** Members by phone number (active or not), keyed by phone: one read per 100 numbers. */
export async function membersByPhone(db: Db, phones: readonly string[]): Promise<Map<string, MemberDoc>> {
  const _ = db.command
  const out = new Map<string, MemberDoc>()
  for (let i = 0; i < phones.length; i += 100) {
    for (const m of await membersOf(db).find({ phone: _.in(phones.slice(i, i + 100)) }, { limit: 100 }))
      out.set(m.phone, m)
  }
  return out
}

/** The roster screen's order: branch, then name (the id breaks ties, so pages neither repeat nor drop anyone). */
const ROSTER_ORDER: Array<[keyof MemberDoc & string, 'asc' | 'desc']> = [
  ['branchId', 'asc'],
  ['name', 'asc'],
]

/** One page of the roster and the total it came from: two requests, made together. */
export function rosterPage(db: Db, where: Where<MemberDoc>, page: number | undefined, pageSize: number) {
  return membersOf(db).page(where, ROSTER_ORDER, page, pageSize)
}

/** The whole roster matching `where` (its size counted beforehand) in the roster's order: one read per 1000. */
export async function rosterInOrder(db: Db, where: Where<MemberDoc>, total: number): Promise<MemberDoc[]> {
  const out: MemberDoc[] = []
  for (let skip = 0; skip < total; skip += GET_PAGE)
    out.push(
      ...(await membersOf(db).find(where, { orderBy: [...ROSTER_ORDER, ['_id', 'asc']], skip, limit: GET_PAGE })),
    )
  return out
}

// ── writes ──

/**
 * Creates the member under her natural id (member-id.ts), once: false when she is already there (an earlier run of
 * the same import; she may have bound since, so she is never overwritten). One write; a clash is recognised by code,
 * never by message (duplicate-key.ts), which may cost one read.
 */
export async function createMemberOnce(db: Db, member: MemberDoc): Promise<boolean> {
  try {
    await db.collection(COL.members).add({ data: member })
    return true
  } catch (err) {
    if (!(await isDuplicateKey(db, COL.members, member._id, err))) throw err
    return false
  }
}

/** Moves every member of a 党小组 to the branch it now sits under: one conditional update. */
export function moveGroupMembers(db: Db, groupId: string, branchId: string, now: Date): Promise<number> {
  return membersOf(db).updateWhere({ groupId }, { branchId, updatedAt: now })
}

// ── the org-admin guard (member/org-admin-guard.ts) ──

/** A version bumped by every change that takes an org admin away (collections.ts, `guards`). */
export interface GuardDoc {
  _id: string
  version: number
}

export const guardsOf = (db: Db) => typedCollection<GuardDoc>(db, COL.guards)
export const txGuards = (t: Tx) => txCollection<GuardDoc>(t, COL.guards)
