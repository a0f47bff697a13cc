import { statusOf } from '../../src/domain/attendance.rules'
import type { ObjectionStatus } from '../../src/domain/objection.rules'
import { objectionRefusal } from '../../src/domain/objection.rules'
import { rankRefusal } from '../../src/domain/rank'
import { writeAudit } from '../_shared/audit'
import { AppError, fail } from '../_shared/errors'
import { assertSees, branchFilter, orgsOf } from '../_shared/orgs'
import type { Db } from '../_shared/context'
import { inTransaction, type Tx } from '../_shared/transaction'
import { auditMark, markedRow, putMark } from './checkin'
import { isOver, recordId, toObjectionView, type AttendanceDoc, type MeetingDoc, type ObjectionDoc } from './docs'
import { tallyChanged } from './stored-tally'
import {
  attendanceOf,
  getMeeting,
  leavesOf,
  membersOf,
  objectionsOf,
  txAttendance,
  txMeetings,
  txObjections,
} from './meeting.repo'
import type { MeetingHandler } from '../_shared/handlers'

/**
 * A member objects to her own 缺席 or 迟到 on a meeting whose sign-in has closed, within 30 days of its end. One
 * objection per member and meeting (natural key): a retry lands on the same one, and while it is pending she may
 * change its reason; once her secretary has decided, it stays as decided.
 */
export const raiseObjection: MeetingHandler<'raiseObjection'> = async (input, ctx) => {
  const me = ctx.caller.member
  const meeting = await getMeeting(ctx.db, input.meetingId)
  // A meeting she cannot see answers like a missing one (as meeting.detail): ids of other branches cannot be probed.
  if (!meeting || (!meeting.expectedIds.includes(me._id) && meeting.branchId !== me.branchId && !meeting.open))
    throw new AppError('NOT_FOUND', '没有找到该会议')
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  if (!meeting.expectedIds.includes(me._id))
    fail('MEETING_NOT_EXPECTED', '您不在本次会议的应到名单中，没有出勤记录可以提出异议')
  const id = recordId(meeting._id, me._id)
  const now = ctx.clock.now()
  const [record, leave] = await Promise.all([attendanceOf(ctx.db).get(id), leavesOf(ctx.db).get(id)])
  const status = statusOf({
    record: record ?? undefined,
    leaveApproved: leave?.status === 'approved' && !leave.cancelled,
    over: isOver(meeting, now),
  })
  const refusal = objectionRefusal({ status, over: isOver(meeting, now), endAt: meeting.endAt, now })
  const objection = await inTransaction(ctx.db, async (t) => {
    const current = await txObjections(t).get(id)
    if (current && current.status !== 'pending') {
      // A retry of what she sent before answers what was decided; a new reason is too late.
      if (current.reason === input.reason) return current
      fail('OBJECTION_RESOLVED')
    }
    // Checked after the stored one: her record may since have been corrected by this very objection's acceptance.
    if (refusal) fail(refusal)
    const doc: Omit<ObjectionDoc, '_id'> = {
      meetingId: meeting._id,
      memberId: me._id,
      memberName: me.name,
      branchId: meeting.branchId,
      meetingTitle: meeting.title,
      meetingStartAt: new Date(meeting.startAt),
      recorded: status as 'absent' | 'late',
      reason: input.reason,
      status: 'pending',
      raisedAt: current?.raisedAt ?? now,
      correctedTo: null,
      resolvedById: null,
      resolvedByName: null,
      reply: null,
      resolvedAt: null,
    }
    await txObjections(t).set(id, doc)
    return { _id: id, ...doc }
  })
  return { objection: toObjectionView(objection) }
}

/** The secretary's list: her branch's objections (the committee's: any branch, or the one asked for), newest first. */
export const objections: MeetingHandler<'objections'> = async (input, ctx) => {
  const orgs = await orgsOf(ctx)
  const branchId = branchFilter(ctx.caller, orgs, input.branchId)
  const where: Record<string, unknown> = {}
  if (branchId) where.branchId = branchId
  if (input.status) where.status = input.status
  const { rows, total, page, pageSize } = await objectionsOf(ctx.db).page(where, [['raisedAt', 'desc']], input.page)
  return { items: rows.map(toObjectionView), total, page, pageSize }
}

/**
 * The secretary decides an objection. Accepting corrects the record to 出席 or 迟到 through the 代签/补录 path (the
 * same record, the same audit entry), in the transaction that marks the objection decided, so reports count the
 * correction exactly when the member sees 已更正. 不应参加 (`not_expected`, issue 13 point 3: an ordinary member
 * expected at a 支部委员会) takes her off the meeting's expected list in that same transaction (dropExpected), so her
 * 缺席 leaves every count. Rejecting keeps the record and tells her why. Either way the reply is required; deciding
 * the same way twice (a retry) changes nothing.
 */
export const resolveObjection: MeetingHandler<'resolveObjection'> = async (input, ctx) => {
  const [found, orgs] = await Promise.all([objectionsOf(ctx.db).get(input.objectionId), orgsOf(ctx)])
  // Another branch's objection answers exactly like a missing one: ids cannot be probed.
  assertSees(ctx.caller, orgs, found?.branchId, '出勤异议')
  const objection = found!
  const decided: ObjectionStatus = input.outcome === 'rejected' ? 'rejected' : 'accepted'
  const correctedTo = input.outcome === 'rejected' ? null : input.outcome
  if (objection.status !== 'pending') {
    if (objection.status === decided && objection.correctedTo === correctedTo)
      return { objection: toObjectionView(objection), row: null }
    fail('OBJECTION_RESOLVED')
  }
  const me = ctx.caller.member
  const [meeting, target] = await Promise.all([
    getMeeting(ctx.db, objection.meetingId),
    membersOf(ctx.db).get(objection.memberId),
  ])
  // A cancelled meeting's records no longer count: nothing to correct, but an objection may still be answered 不予更正
  // (meeting.cancel answers those pending when it cancels; one raised in the same instant may remain).
  if (!meeting || (meeting.status === 'cancelled' && correctedTo)) fail('MEETING_CANCELLED')
  if (!target) throw new AppError('NOT_FOUND', '没有找到该党员')
  // The rank rule of marking attendance: nobody corrects her own record, so nobody decides her own objection.
  if (rankRefusal({ id: me._id, role: me.role }, { id: target._id, role: target.role }, 'mark'))
    fail('FORBIDDEN', '不能处理自己提出的出勤异议，请由其他支部委员处理')
  const now = ctx.clock.now()
  const patch = {
    status: decided,
    correctedTo,
    resolvedById: me._id,
    resolvedByName: me.name,
    reply: input.reply,
    resolvedAt: now,
  }
  const reason = `出勤异议更正：${input.reply}`
  const before = await inTransaction(ctx.db, async (t) => {
    const current = await txObjections(t).get(objection._id)
    if (current?.status !== 'pending') fail('OBJECTION_RESOLVED')
    if (correctedTo === 'not_expected') {
      await txObjections(t).update(objection._id, patch)
      return dropExpected(t, ctx.db, meeting, target._id)
    }
    const replaced = correctedTo
      ? await putMark(t, {
          db: ctx.db,
          meeting,
          target,
          expected: meeting.expectedIds.includes(target._id),
          status: correctedTo,
          reason,
          by: me,
          now,
          // When she came is not known from an objection: a record that has an arrival keeps it; else the start.
          at: null,
          unknownArrival: new Date(meeting.startAt),
        })
      : null
    await txObjections(t).update(objection._id, patch)
    return replaced
  })
  const id = recordId(meeting._id, target._id)
  const marked = correctedTo === 'not_expected' ? null : correctedTo
  await Promise.all([
    marked ? auditMark(ctx, id, before, marked, reason) : null,
    correctedTo === 'not_expected'
      ? writeAudit(ctx, {
          action: 'meeting.expected.remove',
          targetType: 'meeting',
          targetId: meeting._id,
          before: { expected: true, record: before ? { status: before.status, method: before.method } : null },
          after: { expected: false, memberId: target._id },
          reason: `出勤异议：不应参加。${input.reply}`,
        })
      : null,
    writeAudit(ctx, {
      action: decided === 'accepted' ? 'objection.accept' : 'objection.reject',
      targetType: 'objection',
      targetId: objection._id,
      before: { status: 'pending', recorded: objection.recorded },
      after: { status: decided, correctedTo },
      reason: input.reply,
    }),
  ])
  const row = marked
    ? markedRow(target, orgs, marked, before && before.status !== 'absent' ? before.at : meeting.startAt, me, reason)
    : null
  return { objection: toObjectionView({ ...objection, ...patch }), row }
}

/**
 * Inside a transaction: takes a member off an over meeting's expected list (an objection decided 不应参加). The list
 * and its count change by atomic commands (two such decisions on one meeting at once each take off their own member);
 * a record she has stops counting against her — an organiser's 缺席 mark is cancelled, a scan or a 迟到 stays as an
 * extra attendee, as for anyone not on the list — and the meeting's stored count is marked stale, as every correction
 * marks it (stored-tally.ts). Answers the record as it was.
 */
async function dropExpected(t: Tx, db: Db, meeting: MeetingDoc, memberId: string): Promise<AttendanceDoc | null> {
  const _ = db.command
  const id = recordId(meeting._id, memberId)
  const record = await txAttendance(t).get(id)
  if (record && !record.cancelled)
    await txAttendance(t).update(id, record.status === 'absent' ? { cancelled: true } : { extra: true })
  const onList = meeting.expectedIds.includes(memberId)
  await txMeetings(t).update(meeting._id, {
    // The expected list is an editor field: the revision moves with it, so an editor opened before this is refused as
    // edited elsewhere rather than saving her back onto the list (_shared/revision.ts).
    ...(onList ? { expectedIds: _.pull(memberId), expectedCount: _.inc(-1), revision: _.inc(1) } : {}),
    ...tallyChanged(db),
  })
  return record
}
