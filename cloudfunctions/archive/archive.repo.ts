// Typed reads of the archive function (Word and Excel exports of other areas' data): the export-shaped queries that no
// screen shares live here, over the owning areas' typed collections; handlers call these, never ctx.db.collection
// (issue 11). Each function says what it costs, because every database call is a round trip.
import { aggregateAll } from '../_shared/aggregate-all'
import type { Db } from '../_shared/context'
import { signupsOf } from '../activity/activity.repo'
import type { AttendanceDoc, LeaveDoc, MeetingDoc } from '../meeting/docs'
import { attendanceOf, leavesOf, meetingsOf } from '../meeting/meeting.repo'

/** A branch's not-cancelled meetings starting in [from, to], in start order, at most `limit`. One request. */
export function branchMeetingsBetween(
  db: Db,
  branchId: string,
  from: Date,
  to: Date,
  limit: number,
): Promise<MeetingDoc[]> {
  const _ = db.command
  return meetingsOf(db).find(
    { branchId, status: _.neq('cancelled'), startAt: _.gte(from).and(_.lte(to)) },
    { orderBy: [['startAt', 'asc']], limit },
  )
}

/** The attendance records of these meetings (who, how, when): one request per thousand. */
export function recordsOfMeetings(
  db: Db,
  meetingIds: string[],
): Promise<Array<Pick<AttendanceDoc, '_id' | 'meetingId' | 'memberId' | 'status' | 'at'>>> {
  const _ = db.command
  return aggregateAll(() =>
    attendanceOf(db)
      .aggregate()
      .match({ meetingId: _.in(meetingIds) })
      .project({ meetingId: 1, memberId: 1, status: 1, at: 1 })
      .sort({ _id: 1 }),
  )
}

/** Who had leave approved for these meetings: one request per thousand. */
export function approvedLeavesOfMeetings(
  db: Db,
  meetingIds: string[],
): Promise<Array<Pick<LeaveDoc, '_id' | 'meetingId' | 'memberId'>>> {
  const _ = db.command
  return aggregateAll(() =>
    leavesOf(db)
      .aggregate()
      .match({ meetingId: _.in(meetingIds), status: 'approved' })
      .project({ meetingId: 1, memberId: 1 })
      .sort({ _id: 1 }),
  )
}

/** One member's confirmed volunteer service in a period, summed (志愿服务时长). */
export interface HoursRow {
  /** The member's id. */
  _id: string
  name: string
  branchId: string
  services: number
  hours: number
  /** Services whose hours were corrected by hand. */
  edited: number
}

/**
 * Confirmed volunteer sign-ups with hours, by the activity's start in [from, to), grouped by member: one aggregation
 * (1000 members a page), whatever the number of sign-ups.
 */
export function volunteerHoursByMember(db: Db, from: Date, to: Date): Promise<HoursRow[]> {
  const _ = db.command
  const $ = _.aggregate
  return aggregateAll<HoursRow>(() =>
    signupsOf(db)
      .aggregate()
      .match({
        kind: 'volunteer',
        status: 'confirmed',
        hours: _.gt(0),
        activityStartAt: _.gte(from).and(_.lt(to)),
      })
      .group({
        _id: '$memberId',
        name: $.last('$memberName'),
        branchId: $.last('$branchId'),
        services: $.sum(1),
        hours: $.sum('$hours'),
        edited: $.sum($.cond({ if: $.ifNull(['$hoursEdited', false]), then: 1, else: 0 })),
      })
      .sort({ _id: 1 }),
  )
}
