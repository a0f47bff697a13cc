import { mayActOn, type Actor, type MemberAct, type Subject } from '../../src/domain/rank'
import type { MemberCaller, MemberDoc } from './context'
import { AppError } from './errors'
import { unseen, type OrgDoc } from './orgs'

/** A member as the rank rule sees them: their role and where they sit in the tree. */
export function subjectOf(
  m: Pick<MemberDoc, '_id' | 'role' | 'branchId' | 'groupId'>,
  orgs: ReadonlyMap<string, OrgDoc>,
): Subject {
  const orgId = m.groupId && orgs.has(m.groupId) ? m.groupId : m.branchId
  return { id: m._id, role: m.role, orgId, ancestors: orgs.get(orgId)?.ancestors ?? [] }
}

/**
 * Throws unless the caller may `act` on `target` (src/domain/rank.ts). Out of scope answers exactly like a missing
 * member (`unseen`), so an admin cannot learn which ids exist in other branches; a rank refusal inside the scope says why.
 */
export function actorOf(caller: MemberCaller): Actor {
  return { id: caller.member._id, role: caller.member.role, scope: caller.scope }
}

export function assertMayActOn(
  caller: MemberCaller,
  orgs: ReadonlyMap<string, OrgDoc>,
  target: MemberDoc,
  act: MemberAct,
): void {
  const verdict = mayActOn(actorOf(caller), subjectOf(target, orgs), act)
  if (verdict.ok) return
  if (verdict.code === 'OUT_OF_SCOPE') throw unseen(caller, '党员')
  throw new AppError('FORBIDDEN', verdict.message)
}
