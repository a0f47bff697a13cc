// Period figures (a branch's or the organisation's year) from the counts stored on the meetings (stored-tally.ts):
// a fixed handful of aggregations over the meetings collection, whatever the number of members, meetings or records.
// Meetings that are over but whose count is missing or stale (changed since) are counted live, from their own rows
// only, in one more aggregation; the minute timer keeps them few.
//
// Per-member rows (a branch's roster) are not paged and not stored per member: one aggregation over the period's
// meetings unwinds each stored list into (member, kind) pairs and groups them by member, and a final group folds the
// rows into ONE result document. The roster then costs one request whatever its size (its bytes grow with it, as the
// screen's answer does); per-member yearly documents would have to be kept right through moves, renames and binding.
import type { Tally } from '../../src/domain/attendance.rules'
import { splitMadeUp } from '../../src/domain/makeup.rules'
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import { isOver } from './docs'
import { meetingsOf } from './meeting.repo'
import {
  isFresh,
  tallyFromRows,
  TALLY_LISTS,
  type MeetingRows,
  type StoredTally,
  type TalliedMeeting,
  type TallySizes,
} from './stored-tally'
import { emptyCounts, fromCounts } from './tallies'

export const emptySizes = (): TallySizes => ({ ...emptyCounts(), madeUpAbsent: 0, madeUpLeave: 0 })

/** Raw sums of a set of meetings (or of one member's share of them). */
export interface Sums {
  meetings: number
  /** Expected-list entries (extra records are added by fromCounts). */
  expected: number
  n: TallySizes
}

const emptySums = (): Sums => ({ meetings: 0, expected: 0, n: emptySizes() })

function add(into: Sums, from: Sums): void {
  into.meetings += from.meetings
  into.expected += from.expected
  for (const k of Object.keys(into.n) as Array<keyof TallySizes>) into.n[k] += from.n[k]
}

/** The figures of summed meetings, as the live reports computed them (tallies.ts fromCounts, 补学 clamped). */
export function tallyOfSums(s: Sums): Tally {
  const t = fromCounts(s.n, s.expected, true)
  return {
    ...t,
    absentMadeUp: splitMadeUp(t.absent, s.n.madeUpAbsent).madeUp,
    leaveMadeUp: splitMadeUp(t.leave, s.n.madeUpLeave).madeUp,
  }
}

/** Aggregation expressions shared by the pipelines below. */
export function meetingExprs(db: Db, now: Date) {
  const $ = db.command.aggregate
  // isOver (docs.ts): closed, or past the end of the sign-in window (start + closesAfterMin).
  const over = $.or([
    $.eq(['$status', 'closed']),
    $.gt([now, $.add(['$startAt', $.multiply(['$window.closesAfterMin', 60_000])])]),
  ])
  const fresh = $.eq([$.ifNull(['$tally.rev', -1]), $.ifNull(['$tallyRev', 0])])
  return { over, fresh }
}

/** The period's meetings of a branch (or all), not cancelled. */
function periodMatch(db: Db, where: Record<string, unknown>, from: Date, to: Date) {
  const _ = db.command
  return { ...where, status: _.neq('cancelled'), startAt: _.gte(from).and(_.lte(to)) }
}

export interface Summary {
  /** Per branch: over meetings (fresh counts summed; stale ones are not in here, see `stale`). */
  byBranch: Map<string, Sums>
  /** Over meetings whose count is missing or stale, to count live. */
  stale: string[]
  /**
   * Meetings of the period that have started but are still in their sign-in window: left out of the figures (and
   * counted here), since the members not yet signed in are 未签到, not 缺席, until the window closes.
   */
  inProgress: number
}

/** One aggregation: per branch, the sums of the fresh counts, the stale meetings' ids, how many still sign in. */
export async function summary(
  db: Db,
  where: Record<string, unknown>,
  from: Date,
  to: Date,
  now: Date,
): Promise<Summary> {
  const $ = db.command.aggregate
  const { over, fresh } = meetingExprs(db, now)
  const sum = (k: string) => $.sum($.ifNull([`$tally.n.${k}`, 0]))
  const sizes = Object.keys(emptySizes())
  const rows = await aggregateAll<Record<string, any>>(() =>
    meetingsOf(db)
      .aggregate()
      .match(periodMatch(db, where, from, to))
      .project({ branchId: 1, expectedCount: 1, 'tally.n': 1, over, fresh })
      .group({
        _id: { b: '$branchId', o: '$over', f: '$fresh' },
        meetings: $.sum(1),
        expected: $.sum('$expectedCount'),
        ids: $.push($.cond({ if: $.and(['$over', $.not(['$fresh'])]), then: '$_id', else: '' })),
        ...Object.fromEntries(sizes.map((k) => [k, sum(k)])),
      })
      .project({
        meetings: 1,
        expected: 1,
        // Only the stale group's ids travel back: the fresh ones would grow with the period.
        ids: $.filter({ input: '$ids', as: 'i', cond: $.neq(['$$i', '']) }),
        ...Object.fromEntries(sizes.map((k) => [k, 1])),
      })
      .sort({ '_id.b': 1, '_id.o': 1, '_id.f': 1 }),
  )
  const out: Summary = { byBranch: new Map(), stale: [], inProgress: 0 }
  for (const r of rows) {
    if (!r._id.o) {
      out.inProgress += r.meetings
      continue
    }
    if (!r._id.f) {
      out.stale.push(...(r.ids as string[]))
      continue
    }
    const s = out.byBranch.get(r._id.b) ?? emptySums()
    const n = emptySizes()
    for (const k of sizes) n[k as keyof TallySizes] = r[k] ?? 0
    add(s, { meetings: r.meetings, expected: r.expected, n })
    out.byBranch.set(r._id.b, s)
  }
  return out
}

/**
 * The stale meetings with their rows, counted live: one aggregation joining each meeting to its records, leave and
 * 补学 ($lookup by meetingId, which CloudBase answers from the `meeting` indexes of those collections).
 */
export async function countLive(db: Db, ids: readonly string[], now: Date): Promise<TalliedMeeting[]> {
  if (!ids.length) return []
  const _ = db.command
  const docs = await aggregateAll<TalliedMeeting & { r: any[]; l: any[]; k: any[] }>(() =>
    meetingsOf(db)
      .aggregate()
      .match({ _id: _.in([...ids]) })
      .lookup({ from: COL.attendance, localField: '_id', foreignField: 'meetingId', as: 'r' })
      .lookup({ from: COL.leaves, localField: '_id', foreignField: 'meetingId', as: 'l' })
      .lookup({ from: COL.makeups, localField: '_id', foreignField: 'meetingId', as: 'k' })
      .project({
        branchId: 1,
        expectedIds: 1,
        expectedCount: 1,
        status: 1,
        startAt: 1,
        window: 1,
        closedAt: 1,
        'r.memberId': 1,
        'r.status': 1,
        'r.extra': 1,
        'r.cancelled': 1,
        'l.memberId': 1,
        'l.status': 1,
        'l.cancelled': 1,
        'k.memberId': 1,
        'k.kind': 1,
      })
      .sort({ _id: 1 }),
  )
  return docs.map(({ r, l, k, ...m }) => {
    const rows: MeetingRows = {
      records: r.filter((x) => !x.cancelled).map((x) => ({ memberId: x.memberId, status: x.status, extra: !!x.extra })),
      leaves: l.filter((x) => x.status === 'approved' && !x.cancelled).map((x) => x.memberId),
      makeups: k.map((x) => ({ memberId: x.memberId, kind: x.kind })),
    }
    return { ...m, tally: tallyFromRows(rows, m.expectedIds, m.tallyRev ?? 0, now) } as TalliedMeeting
  })
}

/** A meeting's sums (for a stale meeting counted live). */
export function sumsOf(m: TalliedMeeting, t: StoredTally): Sums {
  return { meetings: 1, expected: m.expectedCount, n: { ...t.n } }
}

type MemberKey = 'e' | (typeof TALLY_LISTS)[number]
/** Shares by member, by branch, or by branch and member (`org_x|m1`: a member who moved counts in each branch). */
export type ShareKey = 'member' | 'branch' | 'branchMember'
const MEMBER_KEYS: MemberKey[] = ['e', ...TALLY_LISTS]

/** One member's (or a group of members') share: expected-list entries and list memberships. */
export function memberSums(counts: Record<MemberKey, number>, meetings = 0): Sums {
  const n = emptySizes()
  for (const k of TALLY_LISTS) n[k] = counts[k] ?? 0
  return { meetings, expected: counts.e ?? 0, n }
}

/**
 * Each member's share of the fresh counts of the period's over meetings, grouped by `by` (member, or branch), in ONE
 * request: the pairs are grouped in the database and folded into a single result document. `only`: restrict to
 * these member ids (the unbound).
 */
export async function shares(
  db: Db,
  where: Record<string, unknown>,
  from: Date,
  to: Date,
  now: Date,
  by: ShareKey,
  only?: readonly string[],
): Promise<Map<string, Record<MemberKey, number>>> {
  const $ = db.command.aggregate
  const { over, fresh } = meetingExprs(db, now)
  const list = (path: string) =>
    only ? $.filter({ input: $.ifNull([path, []]), as: 'y', cond: $.in(['$$y', [...only]]) }) : $.ifNull([path, []])
  const pairs = $.concatArrays(
    MEMBER_KEYS.map((k) =>
      $.map({ input: list(k === 'e' ? '$expectedIds' : `$tally.${k}`), as: 'x', in: { m: '$$x', k } }),
    ),
  )
  const res = await meetingsOf(db)
    .aggregate()
    .match(periodMatch(db, where, from, to))
    .project({ branchId: 1, over, fresh, pairs })
    .match({ over: true, fresh: true })
    .unwind('$pairs')
    .group({
      _id: by === 'member' ? '$pairs.m' : by === 'branch' ? '$branchId' : $.concat(['$branchId', '|', '$pairs.m']),
      ...Object.fromEntries(
        MEMBER_KEYS.map((k) => [k, $.sum($.cond({ if: $.eq(['$pairs.k', k]), then: 1, else: 0 }))]),
      ),
    })
    .group({
      _id: null,
      rows: $.push({ id: '$_id', ...Object.fromEntries(MEMBER_KEYS.map((k) => [k, `$${k}`])) }),
    })
    .limit(1)
    .end()
  const out = new Map<string, Record<MemberKey, number>>()
  for (const r of ((res.list[0] as { rows?: any[] } | undefined)?.rows ?? []) as Array<Record<string, any>>)
    out.set(r.id as string, Object.fromEntries(MEMBER_KEYS.map((k) => [k, r[k] ?? 0])) as Record<MemberKey, number>)
  return out
}

/**
 * Per branch, the 缺席 still owed by members who are active and not bound now, over the fresh counts of the period:
 * one aggregation returns each branch's owed lists (absentees only, a few per meeting) and they are matched to the
 * unbound members here — no join per absentee.
 */
export async function unboundOwed(
  db: Db,
  from: Date,
  to: Date,
  now: Date,
  unbound: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const $ = db.command.aggregate
  const { over, fresh } = meetingExprs(db, now)
  const rows = await aggregateAll<{ _id: string; owed: string[][] }>(() =>
    meetingsOf(db)
      .aggregate()
      .match(periodMatch(db, {}, from, to))
      .project({ branchId: 1, over, fresh, owed: $.ifNull(['$tally.owed', []]) })
      .match({ over: true, fresh: true })
      .group({ _id: '$branchId', owed: $.push('$owed') })
      .sort({ _id: 1 }),
  )
  const out = new Map<string, number>()
  for (const r of rows) {
    const n = r.owed.reduce((k, list) => k + list.filter((id) => unbound.has(id)).length, 0)
    if (n) out.set(r._id, n)
  }
  return out
}

/** Adds a live-counted meeting's member shares to `into` (keyed by member, or by the meeting's branch). */
export function addShares(
  into: Map<string, Record<MemberKey, number>>,
  m: TalliedMeeting,
  by: ShareKey,
  only?: ReadonlySet<string>,
): void {
  const t = m.tally!
  const bump = (id: string, k: MemberKey) => {
    if (only && !only.has(id)) return
    const key = by === 'member' ? id : by === 'branch' ? m.branchId : `${m.branchId}|${id}`
    const c = into.get(key) ?? (Object.fromEntries(MEMBER_KEYS.map((x) => [x, 0])) as Record<MemberKey, number>)
    c[k]++
    into.set(key, c)
  }
  for (const id of m.expectedIds) bump(id, 'e')
  for (const k of TALLY_LISTS) for (const id of t[k]) bump(id, k)
}

export const overNow = (m: TalliedMeeting, now: Date) => isOver(m, now)
export { isFresh }
