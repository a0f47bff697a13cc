// Typed writes of the org tree (and the one lookup by invite code): handlers call these, never ctx.db.collection
// (issue 11). The tree itself is read whole, once per request, through _shared/orgs.ts (orgsOf / loadOrgs).
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import type { OrgDoc } from '../_shared/orgs'
import { typedCollection } from '../_shared/repo'

/** An org as stored: the tree's fields and when it was made and last changed. */
export type StoredOrg = OrgDoc & { createdAt?: Date; updatedAt?: Date }

/** The `orgs` collection, typed (named apart from _shared/orgs.ts `orgsOf`, the per-request tree). */
export const orgDocsOf = (db: Db) => typedCollection<StoredOrg>(db, COL.orgs)

/** The branch (not retired: retiring clears the code) whose invite code this is, or null. One read. */
export function branchByInviteCode(db: Db, code: string): Promise<StoredOrg | null> {
  return orgDocsOf(db).findOne({ inviteCode: code, type: 'branch' })
}

/** Adds an org under an id the database assigns; answers that id. One write. */
export async function addOrg(db: Db, org: Omit<StoredOrg, '_id'>): Promise<string> {
  const res = await db.collection(COL.orgs).add({ data: org })
  return String(res._id)
}

/**
 * Gives every child of `parentId` the same ancestor path (siblings share one): one conditional update. `ancestors` is
 * a field the tree editor's save writes (member/org.ts upsertOrg, from the tree it read), so the revision moves with
 * it: a rename of a child that read the tree before this lands nothing (EDITED_ELSEWHERE) instead of writing the old
 * path back (_shared/revision.ts).
 */
export function setChildrenAncestors(db: Db, parentId: string, ancestors: string[], now: Date): Promise<number> {
  return orgDocsOf(db).updateWhere({ parentId }, { ancestors, revision: db.command.inc(1), updatedAt: now })
}
