// Typed reads and writes of the meeting area (meetings, attendance, leave): handlers call these, never
// ctx.db.collection. Each function says what it costs, because every database call is a round trip (issue 11).
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import { typedCollection } from '../_shared/repo'
import type { AttendanceDoc, LeaveDoc, MeetingDoc, ObjectionDoc } from './docs'

export const meetingsOf = (db: Db) => typedCollection<MeetingDoc>(db, COL.meetings)
export const attendanceOf = (db: Db) => typedCollection<AttendanceDoc>(db, COL.attendance)
export const leavesOf = (db: Db) => typedCollection<LeaveDoc>(db, COL.leaves)
export const objectionsOf = (db: Db) => typedCollection<ObjectionDoc>(db, COL.objections)

/** A meeting without its expected list (thousands of ids for a large meeting). */
export type MeetingHead = Omit<MeetingDoc, 'expectedIds'>

/**
 * The meeting as a member scanning in needs it: without the expected list, and whether they are on it, asked in the
 * same query. One read for everyone on the list; someone not on it (an open meeting, a stranger) costs a second.
 */
export async function meetingForMember(
  db: Db,
  meetingId: string,
  memberId: string,
): Promise<{ meeting: MeetingHead; expected: boolean } | null> {
  const meetings = meetingsOf(db)
  const onList = await meetings.findOne({ _id: meetingId, expectedIds: memberId }, { fields: { expectedIds: false } })
  if (onList) return { meeting: onList, expected: true }
  const other = await meetings.get(meetingId, { expectedIds: false })
  return other ? { meeting: other, expected: false } : null
}
