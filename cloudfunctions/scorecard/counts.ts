import { compliance as complianceRows, type HeldMeeting } from '../../src/domain/compliance.rules'
import type { MeetingType } from '../../src/domain/meeting.types'
import { cellMonth, emptyMonth, monthIndex, type MonthCounts } from '../../src/domain/scorecard.rules'
import { fromCounts } from '../meeting/tallies'
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import { countLive, emptySizes, meetingExprs } from '../meeting/period-figures'
import type { TallySizes } from '../meeting/stored-tally'
import type { OrgDoc } from '../_shared/orgs'
import { reachesBranch } from '../../src/domain/audience'

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

type Row = Record<string, any>

export async function yearCounts(
  db: Db,
  year: number,
  starts: Date[],
  now: Date,
  branches: readonly OrgDoc[],
  orgs: ReadonlyMap<string, OrgDoc>,
): Promise<YearCounts> {
  const _ = db.command
  const $ = _.aggregate
  const from = starts[0]
  const to = starts[12] < now ? new Date(starts[12].getTime() - 1) : now
  const range = _.gte(from).and(_.lte(to))
  const month = (field: string) =>
    $.add(starts.slice(1, 12).map((s) => $.cond({ if: $.gte([field, s]), then: 1, else: 0 })))

  // Stage 1: what fell due (independent reads). Meetings still in their sign-in window are told apart inside the
  // meetings' aggregation below (stage 2), as meeting.stats does.
  const [memberRows, articles, quizzes, reviews, firstMeetings] = await Promise.all([
    aggregateAll<Row>(() =>
      db
        .collection(COL.members)
        .aggregate()
        .match({ status: 'active' })
        .group({ _id: '$branchId', n: $.sum(1) })
        .sort({ _id: 1 }),
    ),
    aggregateAll<Row>(() =>
      db
        .collection(COL.articles)
        .aggregate()
        .match({ status: 'published', required: true, publishAt: range })
        .project({ audienceBranchIds: 1, publishAt: 1 })
        .sort({ _id: 1 }),
    ),
    aggregateAll<Row>(() =>
      db
        .collection(COL.quizzes)
        .aggregate()
        .match({ status: 'published', openAt: range })
        .project({ audienceBranchIds: 1, openAt: 1 })
        .sort({ _id: 1 }),
    ),
    aggregateAll<Row>(() =>
      db
        .collection(COL.reviews)
        .aggregate()
        .match({ status: 'open', openAt: range })
        .project({ openAt: 1 })
        .sort({ _id: 1 }),
    ),
    // Each branch's first meeting: where its 组织生活 figures start unless the committee set a day
    // (meeting/compliance-start.ts reads it per branch; here one grouping serves every branch).
    aggregateAll<Row>(() =>
      db
        .collection(COL.meetings)
        .aggregate()
        .match({ status: _.neq('cancelled') })
        .group({ _id: '$branchId', first: $.min('$startAt') })
        .sort({ _id: 1 }),
    ),
  ])
  const firstMeeting = new Map(firstMeetings.map((r) => [r._id as string, new Date(r.first)]))
  const members = new Map(memberRows.map((r) => [r._id as string, r.n as number]))
  const articleIds = articles.map((a) => a._id as string)
  const quizIds = quizzes.map((q) => q._id as string)
  const reviewIds = reviews.map((r) => r._id as string)
  const none = Promise.resolve([] as Row[])

  // Stage 2: what each branch did, grouped by branch and month.
  // Attendance comes from the counts stored on the meetings (meeting/stored-tally.ts), never from the records: the
  // meetings' aggregation sums them per branch, month and over/fresh; meetings over but without a fresh count are
  // counted live from their own rows (one more request, only when there are any).
  const { over, fresh } = meetingExprs(db, now)
  const sizes = Object.keys(emptySizes())
  const [meetings, reads, attempts, hours, voters] = await Promise.all([
    aggregateAll<Row>(() =>
      db
        .collection(COL.meetings)
        .aggregate()
        .match({ status: _.neq('cancelled'), startAt: range })
        .project({
          branchId: 1,
          startAt: 1,
          type: 1,
          groupId: 1,
          recordState: 1,
          expectedCount: 1,
          'tally.n': 1,
          over,
          fresh,
        })
        .group({
          _id: { b: '$branchId', m: month('$startAt'), t: '$type', g: '$groupId', o: '$over', f: '$fresh' },
          n: $.sum(1),
          recorded: $.sum($.cond({ if: $.eq(['$recordState', 'complete']), then: 1, else: 0 })),
          expected: $.sum('$expectedCount'),
          ids: $.push($.cond({ if: $.and(['$over', $.not(['$fresh'])]), then: '$_id', else: '' })),
          ...Object.fromEntries(sizes.map((k) => [k, $.sum($.ifNull([`$tally.n.${k}`, 0]))])),
        })
        .project({
          n: 1,
          recorded: 1,
          expected: 1,
          ids: $.filter({ input: '$ids', as: 'i', cond: $.neq(['$$i', '']) }),
          ...Object.fromEntries(sizes.map((k) => [k, 1])),
        })
        .sort({ '_id.b': 1, '_id.m': 1, '_id.t': 1, '_id.g': 1, '_id.o': 1, '_id.f': 1 }),
    ),
    articleIds.length
      ? aggregateAll<Row>(() =>
          db
            .collection(COL.reads)
            .aggregate()
            .match({ required: true, articleId: _.in(articleIds) })
            .group({ _id: { b: '$branchId', a: '$articleId' }, n: $.sum(1) })
            .sort({ '_id.b': 1, '_id.a': 1 }),
        )
      : none,
    quizIds.length
      ? aggregateAll<Row>(() =>
          db
            .collection(COL.attempts)
            .aggregate()
            .match({ quizId: _.in(quizIds), status: 'submitted' })
            // Per member and test first (several attempts count once, passed by the best), then per branch and test.
            .group({
              _id: { q: '$quizId', p: '$memberId', b: '$branchId' },
              passed: $.max($.cond({ if: '$passed', then: 1, else: 0 })),
            })
            .group({ _id: { b: '$_id.b', q: '$_id.q' }, taken: $.sum(1), passed: $.sum('$passed') })
            .sort({ '_id.b': 1, '_id.q': 1 }),
        )
      : none,
    aggregateAll<Row>(() =>
      db
        .collection(COL.signups)
        .aggregate()
        .match({ status: 'confirmed', kind: 'volunteer', activityStartAt: range })
        .group({ _id: { b: '$branchId', m: month('$activityStartAt') }, hours: $.sum('$hours') })
        .sort({ '_id.b': 1, '_id.m': 1 }),
    ),
    reviewIds.length
      ? aggregateAll<Row>(() =>
          db
            .collection(COL.reviewVoters)
            .aggregate()
            .match({ reviewId: _.in(reviewIds) })
            .group({
              _id: { r: '$reviewId', b: '$branchId' },
              n: $.sum(1),
              voted: $.sum($.cond({ if: '$voted', then: 1, else: 0 })),
            })
            .sort({ '_id.r': 1, '_id.b': 1 }),
        )
      : none,
  ])

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
    for (let i = 0; i < r.n; i++) list.push({ type: r._id.t as MeetingType, startAt: mid, groupId: r._id.g ?? null })
    held.set(r._id.b, list)
    // Attendance: over meetings only (one still signing in is not yet an absence); stale ones counted below.
    if (!r._id.o) inProgress += r.n
    else if (!r._id.f) stale.push(...(r.ids as string[]))
    else {
      const x = rawOf(r._id.b, r._id.m)
      x.expected += r.expected
      addSizes(x, r as Partial<TallySizes>)
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

  const articleMonth = new Map(articles.map((a) => [a._id as string, monthIndex(a.publishAt, year)]))
  for (const a of articles)
    for (const b of branches)
      if (reachesBranch(a.audienceBranchIds, b._id))
        at(b._id, articleMonth.get(a._id)!)!.readExpected += members.get(b._id) ?? 0
  for (const r of reads) {
    const c = at(r._id.b, articleMonth.get(r._id.a) ?? -1)
    if (c) c.readDone += r.n
  }
  const quizMonth = new Map(quizzes.map((q) => [q._id as string, monthIndex(q.openAt, year)]))
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
  const reviewMonth = new Map(reviews.map((r) => [r._id as string, monthIndex(r.openAt, year)]))
  for (const r of voters) {
    const c = at(r._id.b, reviewMonth.get(r._id.r) ?? -1)
    if (!c) continue
    c.reviewParticipants += r.n
    c.reviewVoted += r.voted
  }
  return { months: out, members, inProgress }
}
