import { attendanceRate, type Tally } from '../../src/domain/attendance.rules'
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import { isOver, type MeetingDoc } from './docs'

interface Counts {
  present: number
  late: number
  absentMarked: number
  onLeave: number
  extra: number
  leaves: number
}

const empty = (): Counts => ({ present: 0, late: 0, absentMarked: 0, onLeave: 0, extra: 0, leaves: 0 })

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
  const records = await db
    .collection(COL.attendance)
    .aggregate()
    .match({ meetingId: _.in(ids) })
    .group({
      _id: { meetingId: '$meetingId', status: '$status' },
      n: $.sum(1),
      onLeave: $.sum($.cond({ if: '$onLeave', then: 1, else: 0 })),
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
    c.onLeave += r.onLeave
    c.extra += r.extra
  }
  const leaves = await db
    .collection(COL.leaves)
    .aggregate()
    .match({ meetingId: _.in(ids), status: 'approved' })
    .group({ _id: '$meetingId', n: $.sum(1) })
    .limit(1000)
    .end()
  for (const l of leaves.list) {
    const c = counts.get(l._id)
    if (c) c.leaves += l.n
  }
  for (const m of meetings) out.set(m._id, fromCounts(counts.get(m._id)!, m.expectedCount, isOver(m, now)))
  return out
}

/** Turns raw counts into the tally: unrecorded, unexcused members are absent once the meeting is over. */
export function fromCounts(c: Counts, expectedCount: number, over: boolean): Tally {
  const expected = expectedCount + c.extra
  const leave = Math.max(0, c.leaves - c.onLeave)
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
