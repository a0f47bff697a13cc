import { rankRefusal, type StaffAct } from '../../src/domain/staff.rules'
import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller, MemberDoc } from '../_shared/context'
import { getDoc } from '../_shared/docs'
import { AppError, fail } from '../_shared/errors'
import { assertCovers, loadOrgs, type OrgDoc } from '../_shared/orgs'

/**
 * The member a staff action is about, after the two checks every such action needs, in one place: the caller's scope
 * covers the member's branch or group, and the rank rule lets the caller act on them.
 */
export async function loadTarget(
  ctx: Ctx<MemberCaller>,
  id: string,
  act: StaffAct,
): Promise<{ target: MemberDoc; orgs: Map<string, OrgDoc> }> {
  const [target, orgs] = await Promise.all([getDoc<MemberDoc>(ctx.db, COL.members, id), loadOrgs(ctx.db)])
  if (!target) throw new AppError('NOT_FOUND', '没有找到该党员')
  assertCovers(ctx.caller, orgs, target.groupId ?? target.branchId)
  const refusal = rankRefusal(
    { id: ctx.caller.member._id, role: ctx.caller.member.role },
    { id: target._id, role: target.role },
    act,
  )
  if (refusal) fail('FORBIDDEN', refusal)
  return { target, orgs }
}
