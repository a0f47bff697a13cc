import { compliance as complianceRows, type HeldMeeting } from '../../src/domain/compliance.rules'
import { cellMonth, emptyMonth, monthIndex, type MonthCounts } from '../../src/domain/scorecard.rules'
import { fromCounts } from '../meeting/tallies'
import type { Db } from '../_shared/context'
import { countLive, emptySizes } from '../meeting/period-figures'
import type { TallySizes } from '../meeting/stored-tally'
import type { OrgDoc } from '../_shared/orgs'
import { reachesBranch } from '../../src/domain/audience'
import { yearDone, yearDue } from './scorecard.repo'

/**
 * One year of every branch, month by month (China time), from bounded aggregations: each groups by branch and month
 * (and a small key such as status or article), so its rows number branches × months × a handful, whatever the
 * roster or the records. `aggregateAll` pages them 1000 at a time; a committee of tens of branches pays one request
 * each. The month is worked out inside the aggregation as the count of month starts at or before the date: plain
 * comparisons, which CloudBase's aggregation operators and the local cloud both have, with no time-zone operator.
 */
export interface YearCounts {
  /** branchId → 12 months. */
  months: Map<string, MonthCounts[]>
  /** Active members per branch now (the denominators of reading, tests and hours, as in 必读完成情况). */
  members: Map<string, number>
  /** Meetings still in their sign-in window, left out of attendance. */
  inProgress: number
}

export async function yearCounts(
  db: Db,
  year: number,
  starts: Date[],
  now: Date,
  branches: readonly OrgDoc[],
  orgs: ReadonlyMap<string, OrgDoc>,
): Promise<YearCounts> {
  const from = starts[0]
  const to = starts[12] < now ? new Date(starts[12].getTime() - 1) : now

  // Stage 1: what fell due (independent reads). Meetings still in their sign-in window are told apart inside the
  // meetings' aggregation below (stage 2), as meeting.stats does.
  const { members: memberRows, articles, quizzes, reviews, firstMeetings } = await yearDue(db, from, to)
  const firstMeeting = new Map(firstMeetings.map((r) => [r._id, new Date(r.first)]))
  const members = new Map(memberRows.map((r) => [r._id, r.n]))

  // Stage 2: what each branch did, grouped by branch and month.
  // Attendance comes from the counts stored on the meetings (meeting/stored-tally.ts), never from the records: the
  // meetings' aggregation sums them per branch, month and over/fresh; meetings over but without a fresh count are
  // counted live from their own rows (one more request, only when there are any).
  const { meetings, reads, attempts, hours, voters } = await yearDone(db, {
    from,
    to,
    starts,
    now,
    articleIds: articles.map((a) => a._id),
    quizIds: quizzes.map((q) => q._id),
    reviewIds: reviews.map((r) => r._id),
  })

  const out = new Map<string, MonthCounts[]>(branches.map((b) => [b._id, Array.from({ length: 12 }, emptyMonth)]))
  const at = (b: string, m: number) => out.get(b)?.[m]

  // Raw attendance counts per branch-month, turned into the tally exactly as meeting.stats does (fromCounts).
  type Raw = TallySizes & { expected: number }
  const raw = new Map<string, Raw>()
  const rawOf = (b: string, m: number) => {
    const k = `${b}|${m}`
    let r = raw.get(k)
    if (!r) raw.set(k, (r = { ...emptySizes(), expected: 0 }))
    return r
  }
  const held = new Map<string, HeldMeeting[]>()
  const stale: string[] = []
  let inProgress = 0
  const addSizes = (x: Raw, n: Partial<TallySizes>) => {
    for (const k of Object.keys(emptySizes()) as Array<keyof TallySizes>) x[k] += n[k] ?? 0
  }
  for (const r of meetings) {
    const c = at(r._id.b, r._id.m)
    if (!c) continue
    c.held += r.n
    c.recorded += r.recorded
    const list = held.get(r._id.b) ?? []
    // The compliance rule only needs the month of each meeting: the middle of it stands in for the start.
    const mid = new Date(starts[r._id.m].getTime() + 10 * 86400_000)
    for (let i = 0; i < r.n; i++) list.push({ type: r._id.t, startAt: mid, groupId: r._id.g ?? null })
    held.set(r._id.b, list)
    // Attendance: over meetings only (one still signing in is not yet an absence); stale ones counted below.
    if (!r._id.o) inProgress += r.n
    else if (!r._id.f) stale.push(...r.ids)
    else {
      const x = rawOf(r._id.b, r._id.m)
      x.expected += r.expected
      addSizes(x, r)
    }
  }
  for (const m of await countLive(db, stale, now)) {
    const x = rawOf(m.branchId, monthIndex(m.startAt, year))
    x.expected += m.expectedCount
    addSizes(x, m.tally!.n)
  }
  for (const [k, x] of raw) {
    const [b, m] = k.split('|')
    const c = at(b, Number(m))
    if (!c) continue
    const t = fromCounts(x, x.expected, true)
    c.expected += t.expected
    c.present += t.present
    c.late += t.late
    c.leave += t.leave
    c.absent += t.absent
    // 补学 per branch-month, never more than the absences / leave it makes up for.
    c.absentMadeUp = Math.min(c.absent, c.absentMadeUp + x.madeUpAbsent)
    c.leaveMadeUp = Math.min(c.leave, c.leaveMadeUp + x.madeUpLeave)
  }
  // 组织生活 as meeting.compliance counts it: the branch's requirement cells for the year from the day it started
  // (its setting, else its first meeting), each counted in its last month once met or past.
  for (const b of branches) {
    const groups = [...orgs.values()]
      .filter((o) => o.type === 'group' && o.parentId === b._id && !o.retiredAt)
      .map((g) => ({ id: g._id, name: g.name }))
    const since = b.complianceFrom ? new Date(b.complianceFrom) : (firstMeeting.get(b._id) ?? null)
    for (const row of complianceRows(held.get(b._id) ?? [], year, groups, now, since))
      for (const cell of row.cells) {
        if (cell.state !== 'met' && cell.state !== 'gap') continue
        const c = at(b._id, cellMonth(cell.period))!
        c.lifeDue += 1
        if (cell.state === 'met') c.lifeMet += 1
      }
  }

  const articleMonth = new Map(articles.map((a) => [a._id, monthIndex(a.publishAt, year)]))
  for (const a of articles)
    for (const b of branches)
      if (reachesBranch(a.audienceBranchIds, b._id))
        at(b._id, articleMonth.get(a._id)!)!.readExpected += members.get(b._id) ?? 0
  for (const r of reads) {
    const c = at(r._id.b, articleMonth.get(r._id.a) ?? -1)
    if (c) c.readDone += r.n
  }
  const quizMonth = new Map(quizzes.map((q) => [q._id, monthIndex(q.openAt, year)]))
  for (const q of quizzes)
    for (const b of branches)
      if (reachesBranch(q.audienceBranchIds, b._id))
        at(b._id, quizMonth.get(q._id)!)!.testExpected += members.get(b._id) ?? 0
  for (const r of attempts) {
    const c = at(r._id.b, quizMonth.get(r._id.q) ?? -1)
    if (!c) continue
    c.testTaken += r.taken
    c.testPassed += r.passed
  }
  for (const r of hours) {
    const c = at(r._id.b, r._id.m)
    if (c) c.volunteerHours += r.hours ?? 0
  }
  const reviewMonth = new Map(reviews.map((r) => [r._id, monthIndex(r.openAt, year)]))
  for (const r of voters) {
    const c = at(r._id.b, reviewMonth.get(r._id.r) ?? -1)
    if (!c) continue
    c.reviewParticipants += r.n
    c.reviewVoted += r.voted
  }
  return { months: out, members, inProgress }
}
