// A meeting's attendance, counted once when it is over and stored on the meeting (issue 11: "reports read
// pre-computed tallies"), so branch and organisation reports read meetings, never attendance records.
//
// What is stored: the member ids by what decides their status (records by status, approved leave, 补学 by kind) and
// their sizes. The sizes let a report sum a year of meetings in one aggregation; the ids let it work out each member's
// figures (a branch's rows) and the unbound members' share without reading a record.
//
// When it is written (race-safe under the strict local cloud, where a write conflict surfaces at the write and
// nothing retries by itself):
// - `tallyRev` counts the changes that can alter an over meeting's figures: an organiser's mark (代签/补录), a leave
//   approved after the start, a 补学, an accepted 出勤异议 (through the mark). Each bumps it in the same transaction as
//   its own write (a 补学, a plain create, right after it, and again on a retry), with `tallyDue: true`.
// - A count records the `tallyRev` it read before counting and is written only where the meeting still has that
//   `tallyRev` (one conditional update). A change landing while it counts bumps the number, so the stale count is
//   refused, and the meeting stays due. A count is therefore never newer than what it says it counted.
// - A count is fresh when its `rev` equals the meeting's `tallyRev`. Reports use fresh counts and count the rest
//   (over but never counted, or changed since) live, from the records of those meetings only (period-figures.ts).
// - meeting.close counts at once; the minute timer (`tallyDue`) counts meetings whose sign-in window ended without a
//   close, recounts the changed ones, and counts once more every meeting first counted within SETTLE_MS of its end:
//   a check-in that read the meeting as open a moment before may land after that first count, and a function call
//   cannot outlive its timeout (20 s for `meeting`, cloudbaserc.json), so a count taken a minute after the end is
//   final until the next change. Each run stops itself well within the timer function's timeout and the next tick
//   continues: the state is on the meetings themselves (`tallyDue`), so nothing is lost when a run is cut off.
import { attendanceRate, type Tally } from '../../src/domain/attendance.rules'
import { splitMadeUp } from '../../src/domain/makeup.rules'
import { aggregateAll } from '../_shared/aggregate-all'
import type { Ctx, Db } from '../_shared/context'
import { isOver, type MeetingDoc } from './docs'
import { attendanceOf, leavesOf, makeupsOf, talliedMeetingsOf } from './meeting.repo'
import { fromCounts, type Counts } from './tallies'

/** The member ids that decide a meeting's figures, and their sizes (`n`). */
export interface StoredTally {
  /** The meeting's `tallyRev` this count was taken at (absent = 0). */
  rev: number
  at: Date
  present: string[]
  late: string[]
  /** Records marked absent by an organiser (the unrecorded absent are the expected list less everyone else). */
  absentMarked: string[]
  /** Records of members not on the expected list (also in present / late / absentMarked). */
  extra: string[]
  /** Approved, not withdrawn leave. */
  leaves: string[]
  /** Of `leaves`, the members who also have a record (a record wins over leave). */
  leaveRecorded: string[]
  madeUpAbsent: string[]
  madeUpLeave: string[]
  /** Absent (marked, or expected with neither record nor leave) and not made up: the 缺席 still owed. */
  owed: string[]
  n: TallySizes
}

export type TallySizes = Counts & { madeUpAbsent: number; madeUpLeave: number }

export const TALLY_LISTS = [
  'present',
  'late',
  'absentMarked',
  'extra',
  'leaves',
  'leaveRecorded',
  'madeUpAbsent',
  'madeUpLeave',
] as const

/** What the meeting doc carries for this (declared here, not in docs.ts, so the whole mechanism reads in one file). */
export type TalliedMeeting = MeetingDoc & { tally?: StoredTally; tallyRev?: number; tallyDue?: boolean }

/** A first count this close to the meeting's end is taken again once by the timer (see the top of this file). */
export const SETTLE_MS = 60_000

/** When the meeting stopped admitting check-ins: its close, or the end of its sign-in window. */
export function overAt(m: MeetingDoc): Date {
  const windowEnd = new Date(new Date(m.startAt).getTime() + m.window.closesAfterMin * 60_000)
  return m.status === 'closed' && m.closedAt && new Date(m.closedAt) < windowEnd ? new Date(m.closedAt) : windowEnd
}

export const isFresh = (m: TalliedMeeting): boolean => !!m.tally && m.tally.rev === (m.tallyRev ?? 0)

/** Raw rows of a meeting, as the counting reads them. */
export interface MeetingRows {
  records: Array<{ memberId: string; status: string; extra: boolean }>
  leaves: string[]
  makeups: Array<{ memberId: string; kind: string }>
}

/** The count of one meeting from its rows: statusOf's rules (a record wins over leave), as lists. */
export function tallyFromRows(rows: MeetingRows, expectedIds: readonly string[], rev: number, at: Date): StoredTally {
  const present: string[] = []
  const late: string[] = []
  const absentMarked: string[] = []
  const extra: string[] = []
  const recorded = new Set<string>()
  for (const r of rows.records) {
    recorded.add(r.memberId)
    if (r.status === 'present') present.push(r.memberId)
    else if (r.status === 'late') late.push(r.memberId)
    else absentMarked.push(r.memberId)
    if (r.extra) extra.push(r.memberId)
  }
  const leaves = [...new Set(rows.leaves)]
  const leaveRecorded = leaves.filter((id) => recorded.has(id))
  const madeUpAbsent = rows.makeups.filter((k) => k.kind === 'absent').map((k) => k.memberId)
  const madeUpLeave = rows.makeups.filter((k) => k.kind !== 'absent').map((k) => k.memberId)
  const excused = new Set(leaves)
  const madeUp = new Set(madeUpAbsent)
  const missing = expectedIds.filter((id) => !recorded.has(id) && !excused.has(id))
  const owed = [...absentMarked, ...missing].filter((id) => !madeUp.has(id))
  const lists = { present, late, absentMarked, extra, leaves, leaveRecorded, madeUpAbsent, madeUpLeave, owed }
  for (const l of Object.values(lists)) l.sort()
  const n = {} as TallySizes
  for (const k of TALLY_LISTS) n[k] = lists[k].length
  return { rev, at, ...lists, n }
}

/** The meeting's figures from its count, exactly as the live aggregations gave them (tallies.ts fromCounts). */
export function tallyOf(m: MeetingDoc, s: StoredTally, now: Date): Tally {
  const t = fromCounts(s.n, m.expectedCount, isOver(m, now))
  return {
    ...t,
    absentMadeUp: splitMadeUp(t.absent, s.n.madeUpAbsent).madeUp,
    leaveMadeUp: splitMadeUp(t.leave, s.n.madeUpLeave).madeUp,
    rate: attendanceRate(t),
  }
}

const emptyRows = (): MeetingRows => ({ records: [], leaves: [], makeups: [] })

/**
 * The rows of a batch of meetings in three aggregations (records, approved leave, 补学), each grouped by meeting and
 * narrowed by the `meeting` index: a few rows per meeting whatever its size, member ids pushed into them.
 */
export async function rowsOf(db: Db, ids: readonly string[]): Promise<Map<string, MeetingRows>> {
  const _ = db.command
  const $ = _.aggregate
  const out = new Map<string, MeetingRows>(ids.map((id) => [id, emptyRows()]))
  if (!ids.length) return out
  const [records, leaves, makeups] = await Promise.all([
    aggregateAll<{ _id: { m: string; s: string; x: boolean }; ids: string[] }>(() =>
      attendanceOf(db)
        .aggregate()
        .match({ meetingId: _.in([...ids]), cancelled: false })
        .group({ _id: { m: '$meetingId', s: '$status', x: '$extra' }, ids: $.push('$memberId') })
        .sort({ '_id.m': 1, '_id.s': 1, '_id.x': 1 }),
    ),
    aggregateAll<{ _id: string; ids: string[] }>(() =>
      leavesOf(db)
        .aggregate()
        .match({ meetingId: _.in([...ids]), status: 'approved', cancelled: false })
        .group({ _id: '$meetingId', ids: $.push('$memberId') })
        .sort({ _id: 1 }),
    ),
    aggregateAll<{ _id: { m: string; k: string }; ids: string[] }>(() =>
      makeupsOf(db)
        .aggregate()
        .match({ meetingId: _.in([...ids]) })
        .group({ _id: { m: '$meetingId', k: '$kind' }, ids: $.push('$memberId') })
        .sort({ '_id.m': 1, '_id.k': 1 }),
    ),
  ])
  for (const r of records)
    for (const memberId of r.ids) out.get(r._id.m)?.records.push({ memberId, status: r._id.s, extra: !!r._id.x })
  for (const r of leaves) out.get(r._id)?.leaves.push(...r.ids)
  for (const r of makeups) for (const memberId of r.ids) out.get(r._id.m)?.makeups.push({ memberId, kind: r._id.k })
  return out
}

/**
 * Counts the over meetings among `meetings` and stores each count where the meeting still has the `tallyRev` read
 * with it (one conditional update each). Answers the counts, stored or not (a refused one was already stale: the
 * caller may still show it, as a live count at that instant would). Three aggregations plus one write per meeting.
 */
export async function countAndStore(
  db: Db,
  meetings: readonly TalliedMeeting[],
  now: Date,
): Promise<Map<string, StoredTally>> {
  const over = meetings.filter((m) => m.status !== 'cancelled' && isOver(m, now))
  const rows = await rowsOf(
    db,
    over.map((m) => m._id),
  )
  const _ = db.command
  const out = new Map<string, StoredTally>()
  await Promise.all(
    over.map(async (m) => {
      const rev = m.tallyRev ?? 0
      const tally = tallyFromRows(rows.get(m._id)!, m.expectedIds, rev, now)
      out.set(m._id, tally)
      const settled = now.getTime() >= overAt(m).getTime() + SETTLE_MS
      await talliedMeetingsOf(db).updateWhere(
        { _id: m._id, tallyRev: m.tallyRev === undefined ? _.exists(false) : m.tallyRev },
        { tally: _.set(tally), tallyDue: !settled },
      )
    }),
  )
  return out
}

/**
 * The patch a change to an over meeting's figures writes on the meeting, in its own transaction where it has one:
 * the stored count (if any) is no longer fresh, and the timer recounts it.
 */
export function tallyChanged(db: Pick<Db, 'command'>): Record<string, unknown> {
  return { tallyRev: db.command.inc(1), tallyDue: true }
}

/** Meetings counted per timer run at most (three aggregations each batch, one write per meeting). */
const SWEEP_BATCH = 50

/**
 * Timer: counts the meetings that are due — over and never counted, changed since their count, or first counted
 * within SETTLE_MS of their end — oldest first, in batches, until the run has used `budgetMs`.
 */
export async function sweepTallies(
  ctx: Omit<Ctx, 'caller'>,
  budgetMs: number,
): Promise<{ counted: number; more: boolean }> {
  const _ = ctx.db.command
  const started = Date.now()
  let counted = 0
  for (;;) {
    const now = ctx.clock.now()
    // Not yet due by time: a sign-in window lasts at most 10 hours after the start, so only the last ten hours' meetings
    // need a closer look (isOver); everything older is over.
    const batch = await talliedMeetingsOf(ctx.db).find(
      { tallyDue: _.neq(false), status: _.in(['scheduled', 'closed']), startAt: _.lte(now) },
      { orderBy: [['startAt', 'asc']], limit: SWEEP_BATCH },
    )
    const due = batch.filter((m) => isOver(m, now) && now.getTime() >= overAt(m).getTime() + SETTLE_MS)
    if (due.length) {
      await countAndStore(ctx.db, due, now)
      counted += due.length
    }
    // A full batch none of which could be settled yet (all within a minute of their end) would repeat: stop.
    if (batch.length < SWEEP_BATCH || !due.length) return { counted, more: false }
    if (Date.now() - started > budgetMs) return { counted, more: true }
  }
}
