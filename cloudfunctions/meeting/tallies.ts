import { attendanceRate, type Tally } from '../../src/domain/attendance.rules'
import type { Db } from '../_shared/context'
import { COL } from '../_shared/collections'
import { isOver, type MeetingDoc } from './docs'
import { attendanceOf, leavesOf } from './meeting.repo'

interface Counts {
  present: number
  late: number
  absentMarked: number
  /** Approved leaves whose member also has a record: counted by the record (a record wins over leave), not as 请假. */
  leaveRecorded: number
  extra: number
  /** Approved leaves. */
  leaves: number
}

const empty = (): Counts => ({ present: 0, late: 0, absentMarked: 0, leaveRecorded: 0, extra: 0, leaves: 0 })

/**
 * Attendance figures for many meetings in two aggregations (records by meeting and status, approved leave by
 * meeting), never by reading the records themselves.
 */
export async function talliesFor(db: Db, meetings: readonly MeetingDoc[], now: Date): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>()
  if (!meetings.length) return out
  const _ = db.command
  const $ = _.aggregate
  const ids = meetings.map((m) => m._id)
  const counts = new Map<string, Counts>(ids.map((id) => [id, empty()]))
  const records = await attendanceOf(db)
    .aggregate()
    .match({ meetingId: _.in(ids) })
    .group({
      _id: { meetingId: '$meetingId', status: '$status' },
      n: $.sum(1),
      extra: $.sum($.cond({ if: '$extra', then: 1, else: 0 })),
    })
    .limit(1000)
    .end()
  for (const r of records.list) {
    const c = counts.get(r._id.meetingId)
    if (!c) continue
    if (r._id.status === 'present') c.present += r.n
    else if (r._id.status === 'late') c.late += r.n
    else c.absentMarked += r.n
    c.extra += r.extra
  }
  const leaves = await approvedLeaves(db, { meetingId: _.in(ids) }, 'meetingId')
  for (const [meetingId, l] of leaves) {
    const c = counts.get(meetingId)
    if (!c) continue
    c.leaves += l.n
    c.leaveRecorded += l.recorded
  }
  for (const m of meetings) out.set(m._id, fromCounts(counts.get(m._id)!, m.expectedCount, isOver(m, now)))
  return out
}

/** A grouping key: one field, several joined with `|` (`['branchId', 'memberId']` → `org_x|m1`), or one group. */
export type GroupKey = string | readonly string[] | null

/** The aggregation expression for a grouping key. */
export function groupKey(db: Db, key: GroupKey): unknown {
  if (key === null) return 'all'
  if (typeof key === 'string') return `$${key}`
  const parts: string[] = []
  key.forEach((k, i) => parts.push(...(i ? ['|'] : []), `$${k}`))
  return db.command.aggregate.concat(parts)
}

/**
 * Approved leave counted by one key, and how many of those members also have an attendance record (signed in, or
 * marked by the organiser): a leave and a record share the natural key `${meetingId}_${memberId}`, so one
 * aggregation joins them. Joining at read time, rather than copying the leave onto the record when it is written,
 * keeps check-in at one write with no leave lookup, and a leave approved while the member signs in still counts once.
 */
export async function approvedLeaves(
  db: Db,
  match: Record<string, unknown>,
  key: GroupKey,
): Promise<Map<string, { n: number; recorded: number }>> {
  const $ = db.command.aggregate
  // The groups folded into one result document: one request whatever the number of members or branches grouped.
  const res = await leavesOf(db)
    .aggregate()
    .match({ ...match, status: 'approved', cancelled: false })
    .lookup({ from: COL.attendance, localField: '_id', foreignField: '_id', as: 'records' })
    .project({
      k: groupKey(db, key),
      recorded: $.cond({ if: $.gt([$.size('$records'), 0]), then: 1, else: 0 }),
    })
    .group({ _id: '$k', n: $.sum(1), recorded: $.sum('$recorded') })
    .group({ _id: null, rows: $.push('$$ROOT') })
    .limit(1)
    .end()
  const list = ((res.list[0] as { rows?: Array<Record<string, unknown>> } | undefined)?.rows ?? []) as Array<
    Record<string, unknown>
  >
  return new Map(list.map((r) => [r._id as string, { n: r.n as number, recorded: r.recorded as number }]))
}

/** Turns raw counts into the tally: unrecorded, unexcused members are absent once the meeting is over. */
export function fromCounts(c: Counts, expectedCount: number, over: boolean): Tally {
  const expected = expectedCount + c.extra
  const leave = Math.max(0, c.leaves - c.leaveRecorded)
  const missing = Math.max(0, expected - c.present - c.late - c.absentMarked - leave)
  const t = {
    expected,
    present: c.present,
    late: c.late,
    leave,
    absent: c.absentMarked + (over ? missing : 0),
    pending: over ? 0 : missing,
  }
  return { ...t, rate: attendanceRate(t) }
}

export type { Counts }
export { empty as emptyCounts }
