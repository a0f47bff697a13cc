import { isSinglePost, LEAVE_REASON_LABELS } from '../../src/domain/staff.rules'
import { writeAudit } from '../_shared/audit'
import type { Ctx, MemberCaller, MemberDoc } from '../_shared/context'
import { fail } from '../_shared/errors'
import { assertCovers, isRetired, type OrgDoc } from '../_shared/orgs'
import { keepingAnOrgAdmin } from './org-admin-guard'
import { loadTarget } from './target'
import { toMemberView } from './views'
import { holderOf, membersOf, txMembers } from './member.repo'
import { meetingsOf } from '../meeting/meeting.repo'
import type { MemberHandler } from '../_shared/handlers'

async function view(ctx: Ctx<MemberCaller>, id: string, orgs: ReadonlyMap<string, OrgDoc>) {
  return { member: toMemberView((await membersOf(ctx.db).get(id))!, orgs) }
}

/**
 * Takes a member off the expected lists of meetings that have not started yet (of one branch or group, or all), so a
 * member who moved or left is not counted absent at meetings planned before. Started and past meetings keep them:
 * that is history. One conditional update, whatever the number of meetings. The expected list is an editor field
 * (meeting.update sends the list it opened on), so the revision moves with it: an editor opened before this save is
 * refused as edited elsewhere instead of putting her back (_shared/revision.ts).
 */
async function dropFromUpcomingMeetings(
  ctx: Ctx<MemberCaller>,
  memberId: string,
  where: { branchId?: string; groupId?: string },
): Promise<void> {
  const _ = ctx.db.command
  await meetingsOf(ctx.db).updateWhere(
    { ...where, expectedIds: memberId, status: 'scheduled', startAt: _.gt(ctx.clock.now()) },
    { expectedIds: _.pull(memberId), expectedCount: _.inc(-1), revision: _.inc(1), updatedAt: ctx.clock.now() },
  )
}

/**
 * Moves a member to another branch and/or 党小组. A branch admin moves only within her branch (the target branch
 * must be in her scope too); a move across branches drops the member's post on the old branch committee.
 */
export const moveMember: MemberHandler<'moveMember'> = async (input, ctx) => {
  const { target, orgs } = await loadTarget(ctx, input.memberId, 'move')
  if (target.status !== 'active') fail('CONFLICT', '该党员已不在党员名册中，请先恢复再调整')
  const branch = orgs.get(input.branchId)
  if (!branch || branch.type !== 'branch' || isRetired(branch)) fail('INVALID_INPUT', '请选择一个现有的党支部')
  assertCovers(ctx.caller, orgs, branch._id)
  const group = input.groupId ? orgs.get(input.groupId) : null
  if (input.groupId && (!group || group.type !== 'group' || group.parentId !== branch._id || isRetired(group))) {
    fail('INVALID_INPUT', `党小组不属于${branch.name}`)
  }
  const groupId = group?._id ?? null
  if (target.branchId === branch._id && target.groupId === groupId) return view(ctx, target._id, orgs)
  const crossBranch = target.branchId !== branch._id
  const data: Partial<MemberDoc> = { branchId: branch._id, groupId, updatedAt: ctx.clock.now() }
  if (crossBranch) data.post = null
  await membersOf(ctx.db).update(target._id, data)
  if (crossBranch) await dropFromUpcomingMeetings(ctx, target._id, { branchId: target.branchId })
  else if (target.groupId) await dropFromUpcomingMeetings(ctx, target._id, { groupId: target.groupId })
  await writeAudit(ctx, {
    action: 'member.move',
    targetType: 'member',
    targetId: target._id,
    before: { branchId: target.branchId, groupId: target.groupId, post: target.post ?? null },
    after: { branchId: branch._id, groupId },
    reason: input.reason,
  })
  return view(ctx, target._id, orgs)
}

/**
 * Marks a member 转出 / 去世 / 停止党籍 (status `left`, with when and why), or restores them. A member who left keeps
 * every past record but is out of every 应到 / 应考 / 应读 from then on, and can no longer use the app as a member.
 */
export const setStatus: MemberHandler<'setStatus'> = async (input, ctx) => {
  const { target, orgs } = await loadTarget(ctx, input.memberId, 'status')
  const now = ctx.clock.now()
  if (input.status === 'active') {
    if (target.status === 'active') return view(ctx, target._id, orgs)
    if (isRetired(orgs.get(target.branchId)))
      fail('CONFLICT', '该党员原所在支部已撤销，请通过花名册导入或调整支部后再恢复')
    await membersOf(ctx.db).update(target._id, { status: 'active', leftReason: null, leftAt: null, updatedAt: now })
  } else {
    if (target.status === 'left' && target.leftReason === input.status) return view(ctx, target._id, orgs)
    if (!input.reason && input.status !== 'deceased')
      fail('INVALID_INPUT', `请注明${LEAVE_REASON_LABELS[input.status]}的说明（如转往的单位、决定文号）`)
    const data: Partial<MemberDoc> = {
      status: 'left',
      leftReason: input.status,
      leftAt: now,
      post: null,
      updatedAt: now,
    }
    // An org admin who leaves the roll stops being one: the guard keeps at least one in office.
    if (target.role === 'org_admin' && target.status === 'active')
      await keepingAnOrgAdmin(ctx, [target._id], (t) => txMembers(t).update(target._id, data))
    else await membersOf(ctx.db).update(target._id, data)
    await dropFromUpcomingMeetings(ctx, target._id, {})
  }
  await writeAudit(ctx, {
    action: 'member.status',
    targetType: 'member',
    targetId: target._id,
    before: { status: target.status, leftReason: target.leftReason ?? null },
    after: input.status === 'active' ? { status: 'active' } : { status: 'left', leftReason: input.status },
    reason: input.reason,
  })
  return view(ctx, target._id, orgs)
}

/** Sets or clears a member's post on their branch committee. A single post (书记, 组织委员…) must be vacated first. */
export const setPost: MemberHandler<'setPost'> = async (input, ctx) => {
  const { target, orgs } = await loadTarget(ctx, input.memberId, 'post')
  if (target.status !== 'active') fail('CONFLICT', '该党员已不在党员名册中')
  const post = input.post ?? null
  if ((target.post ?? null) === post) return view(ctx, target._id, orgs)
  if (post && isSinglePost(post)) {
    const holder = await holderOf(ctx.db, target.branchId, post)
    if (holder && holder._id !== target._id)
      fail('CONFLICT', `${orgs.get(target.branchId)?.name ?? '本支部'}的${post}是${holder.name}，请先撤下再任命`)
  }
  await membersOf(ctx.db).update(target._id, { post, updatedAt: ctx.clock.now() })
  await writeAudit(ctx, {
    action: 'member.post',
    targetType: 'member',
    targetId: target._id,
    before: { post: target.post ?? null },
    after: { post },
  })
  return view(ctx, target._id, orgs)
}
