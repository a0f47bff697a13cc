import { PAGE_SIZE_MAX } from '../../src/contract/member.contract'
import { writeAudit } from '../_shared/audit'
import { fail } from '../_shared/errors'
import { assertCovers, orgsOf } from '../_shared/orgs'
import { keepingAnOrgAdmin } from './org-admin-guard'
import { loadTarget } from './target'
import { mayGrantRole } from '../../src/domain/rank'
import { toMemberView } from './views'
import { membersOf, rosterPage, txMembers } from './member.repo'
import type { MemberHandler } from '../_shared/handlers'

/** The roster, one page at a time. A branch admin only ever gets their own branch, whatever they ask for. */
export const list: MemberHandler<'list'> = async (input, ctx) => {
  const _ = ctx.db.command
  const orgs = await orgsOf(ctx)
  const scope = ctx.caller.scope
  const orgId = input.orgId ?? (scope.kind === 'branch' ? scope.branchId : undefined)
  const where: Record<string, unknown> = { status: input.status ?? 'active' }
  if (orgId) {
    assertCovers(ctx.caller, orgs, orgId)
    const org = orgs.get(orgId)!
    if (org.type === 'group') where.groupId = orgId
    else if (org.type === 'branch') where.branchId = orgId
    else if (org.type === 'general_branch') {
      where.branchId = _.in([...orgs.values()].filter((o) => o.parentId === orgId).map((o) => o._id))
    }
  } else if (scope.kind !== 'all') {
    fail('OUT_OF_SCOPE')
  }
  if (input.keyword) where.name = ctx.db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' })
  if (input.bindStatus === 'unbind_requested') where.unbindRequested = true
  else if (input.bindStatus) where.bindStatus = input.bindStatus

  const { rows, total, page, pageSize } = await rosterPage(
    ctx.db,
    where,
    input.page,
    Math.min(input.pageSize ?? PAGE_SIZE_MAX, PAGE_SIZE_MAX),
  )
  return { items: rows.map((m) => toMemberView(m, orgs)), total, page, pageSize }
}

/**
 * One member as staff see her in the roster, by id: the screen that manages her opens on this rather than on a copy
 * handed over from the list. Scope only (the roster lists her officers too); outside it answers like a missing member.
 */
export const get: MemberHandler<'get'> = async (input, ctx) => {
  const { target, orgs } = await loadTarget(ctx, input.memberId, 'view')
  return { member: toMemberView(target, orgs) }
}

/** Changes a member's role. Only org_admin; never removes the last org_admin. Audited. */
export const setRole: MemberHandler<'setRole'> = async (input, ctx) => {
  const { target, orgs } = await loadTarget(ctx, input.memberId, 'role')
  if (target.status !== 'active') fail('CONFLICT', '该党员已不在党员名册中')
  if (!mayGrantRole(ctx.caller.member, input.role)) fail('FORBIDDEN', '无权授予该角色')
  if (target.role !== input.role) {
    const data = { role: input.role, updatedAt: ctx.clock.now() }
    // Taking an org admin away goes through the guard, so two at once can never leave the committee without one.
    if (target.role === 'org_admin')
      await keepingAnOrgAdmin(ctx, [target._id], (t) => txMembers(t).update(target._id, data))
    else await membersOf(ctx.db).update(target._id, data)
    await writeAudit(ctx, {
      action: 'member.setRole',
      targetType: 'member',
      targetId: target._id,
      before: { role: target.role },
      after: { role: input.role },
    })
  }
  return { member: toMemberView((await membersOf(ctx.db).get(target._id))!, orgs) }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
