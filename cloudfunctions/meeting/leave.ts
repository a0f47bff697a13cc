import type { LeaveView } from '../../src/contract/meeting.contract'
import { writeAudit } from '../_shared/audit'
import { AppError, fail } from '../_shared/errors'
import { assertSees, branchFilter, orgsOf } from '../_shared/orgs'
import { inTransaction } from '../_shared/transaction'
import { tallyChanged } from './stored-tally'
import { recordId, type LeaveDoc } from './docs'
import { getMeeting, leavesOf, meetingsOf, txLeaves, txMeetings } from './meeting.repo'
import type { MeetingHandler } from '../_shared/handlers'

export function toLeaveView(l: LeaveDoc): LeaveView {
  return {
    id: l._id,
    meetingId: l.meetingId,
    meetingTitle: l.meetingTitle,
    meetingStartAt: new Date(l.meetingStartAt).toISOString(),
    memberId: l.memberId,
    memberName: l.memberName,
    reason: l.reason,
    status: l.status,
    requestedAt: new Date(l.requestedAt).toISOString(),
    reviewedByName: l.reviewedByName,
    reviewReason: l.reviewReason,
  }
}

/** A member asks for leave before the meeting starts. Asking again updates the reason of a pending request. */
export const requestLeave: MeetingHandler<'requestLeave'> = async (input, ctx) => {
  const meeting = await getMeeting(ctx.db, input.meetingId)
  const member = ctx.caller.member
  if (!meeting || (!meeting.expectedIds.includes(member._id) && meeting.branchId !== member.branchId))
    throw new AppError('NOT_FOUND', '没有找到该会议')
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  if (meeting.status === 'closed') fail('MEETING_CLOSED')
  if (!meeting.expectedIds.includes(member._id)) fail('MEETING_NOT_EXPECTED', '您不在本次会议的应到名单中，无需请假')
  const now = ctx.clock.now()
  if (now.getTime() >= new Date(meeting.startAt).getTime()) fail('LEAVE_TOO_LATE')
  const id = recordId(meeting._id, member._id)
  const leave = await inTransaction(ctx.db, async (t) => {
    const current = await txLeaves(t).get(id)
    if (current?.status === 'approved') return current
    const doc: Omit<LeaveDoc, '_id'> = {
      meetingId: meeting._id,
      memberId: member._id,
      memberName: member.name,
      branchId: meeting.branchId,
      meetingStartAt: new Date(meeting.startAt),
      meetingTitle: meeting.title,
      reason: input.reason,
      status: 'pending',
      requestedAt: now,
      reviewedById: null,
      reviewedByName: null,
      reviewedAt: null,
      reviewReason: null,
      cancelled: false,
    }
    await txLeaves(t).set(id, doc)
    return { _id: id, ...doc }
  })
  return { leave: toLeaveView(leave) }
}

/**
 * A member withdraws her own leave request before the meeting starts (pending or approved). The record is kept,
 * marked cancelled like the requests of a cancelled meeting, so lists and reports skip it; asking again later
 * writes a new request over it. Withdrawing twice changes nothing.
 */
export const withdrawLeave: MeetingHandler<'withdrawLeave'> = async (input, ctx) => {
  const member = ctx.caller.member
  const meeting = await getMeeting(ctx.db, input.meetingId)
  if (!meeting || !meeting.expectedIds.includes(member._id)) throw new AppError('NOT_FOUND', '没有找到该会议')
  if (meeting.status !== 'scheduled' || ctx.clock.now().getTime() >= new Date(meeting.startAt).getTime())
    fail('LEAVE_TOO_LATE', '会议已开始或已结束，不能再撤回请假')
  const id = recordId(meeting._id, member._id)
  const withdrawn = await inTransaction(ctx.db, async (t) => {
    const current = await txLeaves(t).get(id)
    if (!current || current.cancelled) return false
    await txLeaves(t).update(id, { cancelled: true })
    return true
  })
  return { withdrawn }
}

export const leaves: MeetingHandler<'leaves'> = async (input, ctx) => {
  const where: Record<string, unknown> = { cancelled: false }
  if (input.meetingId) {
    const meeting = await meetingsOf(ctx.db).get(input.meetingId, { expectedIds: false })
    // The organiser's own meeting (or any, for the committee) needs no tree to say so: caller, meeting, count and
    // page. Anything else is judged on the tree, as everywhere (one read more, mostly on the way to a refusal).
    const scope = ctx.caller.scope
    const own = meeting && (scope.kind === 'all' || (scope.kind === 'branch' && scope.branchId === meeting.branchId))
    // Another branch's meeting answers exactly like a missing one: ids cannot be probed.
    if (!own) assertSees(ctx.caller, await orgsOf(ctx), meeting?.branchId, '会议')
    where.meetingId = meeting!._id
  } else {
    const branchId = branchFilter(ctx.caller, await orgsOf(ctx), input.branchId)
    if (branchId) where.branchId = branchId
  }
  if (input.status) where.status = input.status
  const { rows, total, page, pageSize } = await leavesOf(ctx.db).page(where, [['requestedAt', 'desc']], input.page)
  return { items: rows.map(toLeaveView), total, page, pageSize }
}

/**
 * The branch approves or rejects leave. Approved leave counts as 请假 (excused). Approving after the meeting has
 * started is allowed to admins with a reason, and audited like every review.
 */
export const reviewLeave: MeetingHandler<'reviewLeave'> = async (input, ctx) => {
  const [found, orgs] = await Promise.all([leavesOf(ctx.db).get(input.leaveId), orgsOf(ctx)])
  // Another branch's request answers exactly like a missing one: ids cannot be probed.
  assertSees(ctx.caller, orgs, found && !found.cancelled ? found.branchId : null, '请假申请')
  const leave = found!
  const decided: LeaveDoc['status'] = input.approve ? 'approved' : 'rejected'
  if (leave.status === decided) return { leave: toLeaveView(leave) }
  if (leave.status !== 'pending') fail('LEAVE_ALREADY_REVIEWED')
  const now = ctx.clock.now()
  const late = now.getTime() >= new Date(leave.meetingStartAt).getTime()
  if (late && input.approve && !input.reason) fail('LEAVE_LATE_NEEDS_REASON')
  const me = ctx.caller.member
  const patch = {
    status: decided,
    reviewedById: me._id,
    reviewedByName: me.name,
    reviewedAt: now,
    reviewReason: input.reason ?? null,
  }
  await inTransaction(ctx.db, async (t) => {
    const current = await txLeaves(t).get(leave._id)
    if (current?.status !== 'pending') fail('LEAVE_ALREADY_REVIEWED')
    // The attendance record is not touched: reports join approved leave to records by their shared key, and a record
    // wins over leave (statusOf), so a sign-in landing at the same moment is counted once whichever commits first.
    await txLeaves(t).update(leave._id, patch)
    // Decided after the start: the meeting may already be counted (stored-tally.ts); its count is stale from here.
    if (late) await txMeetings(t).update(leave.meetingId, tallyChanged(ctx.db))
  })
  await writeAudit(ctx, {
    action: late ? 'leave.reviewAfterStart' : 'leave.review',
    targetType: 'leave',
    targetId: leave._id,
    before: { status: 'pending' },
    after: { status: decided },
    reason: input.reason,
  })
  return { leave: toLeaveView({ ...leave, ...patch }) }
}
