import { aggregateAll } from '../_shared/aggregate-all'
import type { MakeupRow, MakeupTask } from '../../src/contract/meeting.contract'
import { statusOf } from '../../src/domain/attendance.rules'
import { makeupKindOf, type MakeupKind } from '../../src/domain/makeup.rules'
import { MEETING_TYPE_LABELS } from '../../src/domain/meeting.types'
import { china } from '../../src/domain/time'
import type { Db } from '../_shared/context'
import { attendanceOf } from './board'
import { isOver, recordId, toMeetingView, type MeetingDoc } from './docs'
import { loadMeetingInScope } from './meetings'
import { attendanceOf as recordsOf, leavesOf, makeupsByMember, makeupsOf, meetingsExpecting } from './meeting.repo'
import { groupKey, type GroupKey } from './tallies'
import type { MeetingHandler } from '../_shared/handlers'

/**
 * `_id` = `${meetingId}_${memberId}` (recordId): one 补学 per member and meeting, whatever retries do. Branch and start
 * are copied from the meeting so period reports count 补学 in the same aggregation shape as attendance.
 */
export interface MakeupDoc {
  _id: string
  meetingId: string
  memberId: string
  memberName: string
  branchId: string
  meetingStartAt: Date
  kind: MakeupKind
  reflection: string
  doneAt: Date
}

const doneOf = (d: MakeupDoc | undefined | null) =>
  d ? { at: new Date(d.doneAt).toISOString(), reflection: d.reflection } : null

export function taskOf(
  m: Pick<MeetingDoc, '_id' | 'title' | 'type' | 'startAt' | 'recordState'>,
  kind: MakeupKind,
  done: MakeupDoc | null | undefined,
): MakeupTask {
  return {
    meetingId: m._id,
    title: m.title,
    typeLabel: MEETING_TYPE_LABELS[m.type],
    startAt: new Date(m.startAt).toISOString(),
    kind,
    recordReady: m.recordState === 'complete',
    done: doneOf(done),
  }
}

/**
 * The member's 补学 for a year: meetings she was expected at that are over and that she missed (absent or on leave).
 * One aggregation for the meetings, then her attendance, leave and 补学 by id — a handful of reads for a year (each
 * id read covers 100 meetings).
 */
export const makeupTasks: MeetingHandler<'makeupTasks'> = async (input, ctx) => {
  const me = ctx.caller.member
  const now = ctx.clock.now()
  const year = input.year ?? china(now).year()
  const _ = ctx.db.command
  const start = china(`${year}-01-01T00:00:00+08:00`).toDate()
  const end = china(`${year + 1}-01-01T00:00:00+08:00`).toDate()
  const all = await meetingsExpecting(ctx.db, me._id, _.gte(start).and(_.lt(end)).and(_.lte(now)))
  const meetings = all.filter((m) => isOver(m, now))
  const ids = meetings.map((m) => recordId(m._id, me._id))
  const [records, leaves, done] = await Promise.all([
    recordsOf(ctx.db).getMany(ids),
    leavesOf(ctx.db).getMany(ids),
    makeupsOf(ctx.db).getMany(ids),
  ])
  const items: MakeupTask[] = []
  for (const m of meetings) {
    const rid = recordId(m._id, me._id)
    const status = statusOf({
      record: records.get(rid),
      leaveApproved: leaves.get(rid)?.status === 'approved',
      over: true,
    })
    const kind = makeupKindOf(status)
    if (kind) items.push(taskOf(m, kind, done.get(rid)))
  }
  const doneCount = items.filter((i) => i.done).length
  return { year, items, open: items.length - doneCount, done: doneCount }
}

/** The secretary's view of one meeting: who missed it and who has caught up, with what they wrote. */
export const makeups: MeetingHandler<'makeups'> = async (input, ctx) => {
  const { meeting, orgs } = await loadMeetingInScope(ctx, input.meetingId)
  const [{ rows }, done] = await Promise.all([attendanceOf(ctx, meeting, orgs), makeupsByMember(ctx.db, meeting._id)])
  const out: MakeupRow[] = []
  for (const r of rows) {
    const kind = makeupKindOf(r.status)
    if (kind) out.push({ memberId: r.memberId, name: r.name, kind, done: doneOf(done.get(r.memberId)) })
  }
  // Those still owing first: that is the list the secretary acts on.
  out.sort((a, b) => Number(!!a.done) - Number(!!b.done) || a.name.localeCompare(b.name, 'zh'))
  const doneCount = out.filter((r) => r.done).length
  return {
    meeting: toMeetingView(meeting, orgs),
    recordReady: meeting.recordState === 'complete',
    rows: out,
    done: doneCount,
    owed: out.length - doneCount,
  }
}

/**
 * 补学 counted by one key (branch or member or meeting) and kind, for period reports: a single aggregation over the
 * same match as the attendance records (branchId, meetingStartAt, meetingId).
 */
export async function makeupCounts(
  db: Db,
  match: Record<string, unknown>,
  key: GroupKey,
): Promise<Map<string, { absent: number; leave: number }>> {
  const $ = db.command.aggregate
  const list = await aggregateAll(() =>
    makeupsOf(db)
      .aggregate()
      .match(match)
      .group({ _id: { k: groupKey(db, key), kind: '$kind' }, n: $.sum(1) })
      .sort({ '_id.k': 1, '_id.kind': 1 }),
  )
  const out = new Map<string, { absent: number; leave: number }>()
  for (const r of list) {
    const c = out.get(r._id.k) ?? { absent: 0, leave: 0 }
    if (r._id.kind === 'absent') c.absent += r.n
    else c.leave += r.n
    out.set(r._id.k, c)
  }
  return out
}
