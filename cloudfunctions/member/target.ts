import type { MemberAct } from '../../src/domain/rank'
import type { Ctx, MemberCaller, MemberDoc } from '../_shared/context'
import { orgsOf, unseen, type OrgDoc } from '../_shared/orgs'
import { assertMayActOn } from '../_shared/rank'
import { membersOf } from './member.repo'

/**
 * The member an action is about, after the two checks every such action needs, in one place: the caller's scope
 * covers the member's branch or group, and the rank rule (src/domain/rank.ts) lets the caller act on them. A member
 * outside the scope answers exactly like one that does not exist.
 */
export async function loadTarget(
  ctx: Ctx<MemberCaller>,
  id: string,
  act: MemberAct,
): Promise<{ target: MemberDoc; orgs: Map<string, OrgDoc> }> {
  const [target, orgs] = await Promise.all([membersOf(ctx.db).get(id), orgsOf(ctx)])
  if (!target) throw unseen(ctx.caller, '党员')
  assertMayActOn(ctx.caller, orgs, target, act)
  return { target, orgs }
}
