import { COL } from '../_shared/collections'
import type { MemberHandler } from '../_shared/handlers'
import { managesActivities, managesBranches } from '../../src/domain/roles'

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
    handlesBranch
      ? ctx.db
          .collection(COL.leaves)
          .where({ ...branch, status: 'pending', cancelled: false })
          .count()
      : null,
    handlesBranch
      ? ctx.db
          .collection(COL.members)
          .where(_.and([{ ...branch, status: 'active' }, _.or([{ bindStatus: 'pending' }, { unbindRequested: true }])]))
          .count()
      : null,
    // Sign-ups under review, and those approved but not yet placed (processing), which the roster shows as pending.
    handlesSignups
      ? ctx.db
          .collection(COL.signups)
          .where({ status: _.in(['pending', 'processing']) })
          .count()
      : null,
    // 出勤异议 waiting for a decision.
    handlesBranch
      ? ctx.db
          .collection(COL.objections)
          .where({ ...branch, status: 'pending' })
          .count()
      : null,
  ])
  return {
    leaves: leaves?.total ?? null,
    bindings: bindings?.total ?? null,
    signups: signups?.total ?? null,
    objections: objections?.total ?? null,
  }
}
