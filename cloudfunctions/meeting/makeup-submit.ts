import { statusOf } from '../../src/domain/attendance.rules'
import { makeupKindOf, reflectionLength, MAKEUP_MIN_CHARS } from '../../src/domain/makeup.rules'
import { assertSafeText } from '../_shared/content-check'
import { AppError, fail } from '../_shared/errors'
import { isOver, recordId } from './docs'
import { attendanceOf, getMeeting, leavesOf, makeupsOf, meetingsOf } from './meeting.repo'
import { taskOf, type MakeupDoc } from './makeup'
import type { MeetingHandler } from '../_shared/handlers'
import { tallyChanged } from './stored-tally'

// Apart from makeup.ts because of the content check: the archive function reads 补学 counts through makeup.ts and
// must not carry (nor be granted) security.msgSecCheck.

/**
 * Records a member's 补学: she missed the meeting (absent or on leave), it is over, and its 纪实 is 已完成 — the screen
 * shows the 纪实 above the reflection box. The first 补学 stands: a retry or a second tap returns it unchanged.
 */
export const submitMakeup: MeetingHandler<'submitMakeup'> = async (input, ctx) => {
  const reflection = input.reflection.trim()
  if (reflectionLength(reflection) < MAKEUP_MIN_CHARS) fail('MAKEUP_TOO_SHORT')
  const me = ctx.caller.member
  const meeting = await getMeeting(ctx.db, input.meetingId)
  // Not expected at it: as if it did not exist (no probing other branches' meetings).
  if (!meeting || !meeting.expectedIds.includes(me._id)) throw new AppError('NOT_FOUND', '没有找到该会议')
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  const id = recordId(meeting._id, me._id)
  const [record, leave, existing] = await Promise.all([
    attendanceOf(ctx.db).get(id),
    leavesOf(ctx.db).get(id),
    makeupsOf(ctx.db).get(id),
  ])
  const stale = () => meetingsOf(ctx.db).update(meeting._id, tallyChanged(ctx.db))
  if (existing) {
    await stale()
    return { task: taskOf(meeting, existing.kind, existing), already: true }
  }
  const now = ctx.clock.now()
  if (!isOver(meeting, now)) fail('MAKEUP_NOT_OWED', '会议结束后才能补学')
  const kind = makeupKindOf(statusOf({ record, leaveApproved: leave?.status === 'approved', over: true }))
  if (!kind) fail('MAKEUP_NOT_OWED')
  if (meeting.recordState !== 'complete') fail('MAKEUP_NOT_READY')
  // Checked before it is stored: the secretary reads it, and it is filed with the branch's records.
  await assertSafeText(ctx, reflection, 'MAKEUP_TEXT_RISKY')
  const doc: MakeupDoc = {
    _id: id,
    meetingId: meeting._id,
    memberId: me._id,
    memberName: me.name,
    branchId: meeting.branchId,
    meetingStartAt: new Date(meeting.startAt),
    kind,
    reflection,
    doneAt: now,
  }
  // The meeting's stored count no longer holds (it counts 补学): marked stale after the write, and again by a retry
  // that finds the 补学 there (a call cut off between the two), so the count never misses one for long.
  const made = await makeupsOf(ctx.db).create(doc)
  // Two taps at once: the first 补学 stands.
  const first = made.created ? null : made.existing
  await stale()
  if (first) return { task: taskOf(meeting, first.kind, first), already: true }
  return { task: taskOf(meeting, kind, doc), already: false }
}
