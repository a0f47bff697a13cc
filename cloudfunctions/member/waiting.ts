import type { MemberHandler } from '../_shared/handlers'
import { managesActivities, managesBranches } from '../../src/domain/roles'
import { signupsOf } from '../activity/activity.repo'
import { leavesOf, objectionsOf } from '../meeting/meeting.repo'
import { membersOf } from './member.repo'

/**
 * How many leave requests, bindings, sign-ups and 出勤异议 wait for this admin: four counts at most, in parallel, each limited
 * to the caller's scope (a branch admin's branch, the whole tree for the committee). Counts only: nothing is listed.
 */
export const waiting: MemberHandler<'waiting'> = async (_input, ctx) => {
  const _ = ctx.db.command
  const role = ctx.caller.member.role
  const scope = ctx.caller.scope
  const branch = scope.kind === 'branch' ? { branchId: scope.branchId } : {}
  const handlesBranch = managesBranches(role)
  const handlesSignups = managesActivities(role)
  const [leaves, bindings, signups, objections] = await Promise.all([
    handlesBranch ? leavesOf(ctx.db).count({ ...branch, status: 'pending', cancelled: false }) : null,
    handlesBranch
      ? membersOf(ctx.db).count(
          _.and([{ ...branch, status: 'active' }, _.or([{ bindStatus: 'pending' }, { unbindRequested: true }])]),
        )
      : null,
    // Sign-ups under review, and those approved but not yet placed (processing), which the roster shows as pending.
    handlesSignups ? signupsOf(ctx.db).count({ status: _.in(['pending', 'processing']) }) : null,
    // 出勤异议 waiting for a decision.
    handlesBranch ? objectionsOf(ctx.db).count({ ...branch, status: 'pending' }) : null,
  ])
  return { leaves, bindings, signups, objections }
}
