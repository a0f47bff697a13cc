import type { YearTest } from '../../src/contract/member.contract'
import { attendanceRate } from '../../src/domain/attendance.rules'
import { china } from '../../src/domain/time'
import { behindReasons, type YearFigures } from '../../src/domain/year.rules'
import type { Db, MemberDoc } from '../_shared/context'
import { assertCovers, orgsOf } from '../_shared/orgs'
import { isOver } from '../meeting/docs'
import { approvedLeaves } from '../meeting/tallies'
import { loadTarget } from './target'
import { reviewsOfYear } from './year-reviews'
import type { MemberHandler } from '../_shared/handlers'
import {
  activeNames,
  bestAttempts,
  expectedByMember,
  makeupsByMember,
  quizzesDue,
  readsByMember,
  recordsByMember,
  requiredArticles,
  scheduledSince,
  signupsByMember,
} from './year.repo'

/** The longest a sign-in window stays open after the start (the meeting contract's cap on closesAfterMin). */
const LONGEST_WINDOW_MIN = 600

/**
 * Whose figures: one member (her meetings are those she was expected at, wherever held) or a whole branch (its
 * meetings, by member). Every figure comes from a $match/$group aggregation keyed by member, so the number of
 * database calls is the same for a week or a year of records, for one member or a branch of two thousand.
 */
type Who =
  | { memberId: string; branchId: string; roster?: undefined }
  | { branchId: string; memberId?: undefined; roster: readonly string[] }

interface Period {
  year: number
  from: Date
  to: Date
  now: Date
}

function periodOf(year: number, now: Date): Period {
  const from = china(`${year}-01-01T00:00:00+08:00`).toDate()
  const end = china(`${year + 1}-01-01T00:00:00+08:00`).toDate()
  return { year, from, to: end < now ? end : now, now }
}

const blank = (): YearFigures => ({
  meetings: { expected: 0, present: 0, late: 0, leave: 0, absent: 0, absentMadeUp: 0, leaveMadeUp: 0, rate: null },
  study: { required: 0, requiredRead: 0, overdue: 0, readCount: 0, minutes: 0 },
  tests: { due: 0, missedClosed: 0, taken: 0, passed: 0 },
  activities: { joined: 0, volunteerHours: 0 },
})

/** Figures per member id, plus the test rows (per member) for the page. */
async function figuresFor(
  db: Db,
  who: Who,
  p: Period,
  /** Members to report even with no record at all this year: they still owe what was due to everyone. */
  ensure: readonly string[],
): Promise<{ figures: Map<string, YearFigures>; tests: Map<string, YearTest[]> }> {
  const _ = db.command
  const range = _.gte(p.from).and(_.lte(p.to))
  const byWho = who.memberId ? { memberId: who.memberId } : { branchId: who.branchId }
  // Meetings follow one rule for a member's page and the secretary's list (src/domain/year.rules.ts,
  // memberMeetingRule): those each member was expected at wherever held, and open ones she attended — keyed by the
  // members, never by the branch that held the meeting.
  const ids = who.memberId !== undefined ? [who.memberId] : [...(who.roster ?? [])]
  const memberKey = ids.length === 1 ? ids[0] : _.in(ids)
  const meetingWhere = { expectedIds: memberKey }
  const audience = _.or([{ audienceBranchIds: _.size(0) }, { audienceBranchIds: who.branchId }])

  // Stage 1: what was due (meetings still signing in, required articles, tests), independent of one another.
  const since = new Date(Math.max(p.from.getTime(), p.now.getTime() - LONGEST_WINDOW_MIN * 60_000))
  const [recent, articles, quizList] = await Promise.all([
    since > p.to ? [] : scheduledSince(db, meetingWhere, since, p.to),
    requiredArticles(db, _.and([{ status: 'published', required: true, publishAt: range }, audience])),
    quizzesDue(db, _.and([{ status: 'published', openAt: range }, audience])),
  ])
  // A meeting still in its sign-in window is not yet an absence (as in meeting.stats).
  const open = recent.filter((m) => !isOver(m, p.now)).map((m) => m._id)
  const requiredIds = articles.map((a) => a._id)
  const overdueIds = articles.filter((a) => a.deadline && new Date(a.deadline) < p.now).map((a) => a._id)

  // Stage 2: what the member (or each member of the branch) did, each one aggregation grouped by member.
  const recordRange = { memberId: memberKey, meetingStartAt: range, meetingId: _.nin(open) }
  const [expected, records, leaves, makeups, requiredReads, overdueReads, allReads, attempts, signups] =
    await Promise.all([
      expectedByMember(
        db,
        { ...meetingWhere, status: _.neq('cancelled'), startAt: range, _id: _.nin(open) },
        memberKey,
      ),
      recordsByMember(db, { ...recordRange, cancelled: false }),
      // Approved leave joined to the records by their shared key, as every meeting report counts it (tallies.ts).
      approvedLeaves(db, recordRange, 'memberId'),
      makeupsByMember(db, recordRange),
      readsByMember(db, { ...byWho, articleId: _.in(requiredIds) }, requiredIds.length > 0),
      readsByMember(db, { ...byWho, articleId: _.in(overdueIds) }, overdueIds.length > 0),
      readsByMember(db, { ...byWho, readAt: range }, true),
      quizList.length
        ? bestAttempts(db, { ...byWho, quizId: _.in(quizList.map((q) => q._id)), status: 'submitted' })
        : [],
      signupsByMember(db, { ...byWho, status: 'confirmed', activityStartAt: range }),
    ])

  const figures = new Map<string, YearFigures>()
  const of = (id: string) => {
    let f = figures.get(id)
    if (!f) figures.set(id, (f = blank()))
    return f
  }
  const raw = new Map<string, { absentMarked: number; leaveRecorded: number; extra: number; leaves: number }>()
  const rawOf = (id: string) => {
    let r = raw.get(id)
    if (!r) raw.set(id, (r = { absentMarked: 0, leaveRecorded: 0, extra: 0, leaves: 0 }))
    return r
  }
  for (const e of expected) of(e._id).meetings.expected = e.n
  for (const r of records) {
    const f = of(r._id.m)
    if (r._id.status === 'present') f.meetings.present += r.n
    else if (r._id.status === 'late') f.meetings.late += r.n
    else rawOf(r._id.m).absentMarked += r.n
    rawOf(r._id.m).extra += r.extra
  }
  // A record wins over leave (src/domain/attendance.rules statusOf): an approved leave counts as 请假 only for a
  // member with no attendance record for that meeting.
  for (const [id, l] of leaves) {
    rawOf(id).leaves += l.n
    rawOf(id).leaveRecorded += l.recorded
  }
  for (const [id, r] of raw) of(id).meetings.expected += r.extra
  for (const [id, f] of figures) {
    const r = raw.get(id) ?? { absentMarked: 0, leaveRecorded: 0, extra: 0, leaves: 0 }
    const m = f.meetings
    m.leave = Math.max(0, r.leaves - r.leaveRecorded)
    // Nobody-signed-in-and-not-excused counts as absent once the meeting is over (as the board and stats do).
    m.absent = r.absentMarked + Math.max(0, m.expected - m.present - m.late - r.absentMarked - m.leave)
    m.rate = attendanceRate(m)
  }
  for (const k of makeups) {
    const m = of(k._id.m).meetings
    if (k._id.kind === 'absent') m.absentMadeUp = Math.min(m.absent, m.absentMadeUp + k.n)
    else m.leaveMadeUp = Math.min(m.leave, m.leaveMadeUp + k.n)
  }

  for (const [id, n] of requiredReads) of(id).study.requiredRead = n.count
  for (const [id, n] of allReads) {
    of(id).study.readCount = n.count
    of(id).study.minutes = Math.round(n.seconds / 60)
  }
  const tests = new Map<string, YearTest[]>()
  const attemptOf = new Map(attempts.map((a) => [`${a._id.m}|${a._id.q}`, a]))
  const finish = (id: string) => {
    const f = of(id)
    f.study.required = requiredIds.length
    f.study.overdue = overdueIds.length - (overdueReads.get(id)?.count ?? 0)
    f.tests.due = quizList.length
    const rows: YearTest[] = quizList.map((q) => {
      const a = attemptOf.get(`${id}|${q._id}`)
      const closed = new Date(q.closeAt) < p.now
      return {
        quizId: q._id,
        title: q.title,
        closeAt: new Date(q.closeAt).toISOString(),
        state: a ? 'taken' : closed ? 'missed' : 'open',
        score: a ? a.best : null,
        maxScore: q.maxScore,
        passed: a ? a.passed === 1 : null,
      }
    })
    f.tests.taken = rows.filter((r) => r.state === 'taken').length
    f.tests.passed = rows.filter((r) => r.passed).length
    f.tests.missedClosed = rows.filter((r) => r.state === 'missed').length
    tests.set(id, rows)
  }
  for (const s of signups) {
    const a = of(s._id.m).activities
    a.joined += s.n
    if (s._id.kind === 'volunteer') a.volunteerHours = Math.round((a.volunteerHours + (s.hours ?? 0)) * 10) / 10
  }
  for (const id of ensure) of(id)
  for (const id of [...figures.keys()]) finish(id)
  return { figures, tests }
}

/**
 * My year — or, for a secretary, the year of a member of her branch: the scope rule decides, and rank does not apply
 * to reading a member's record (src/domain/rank.ts, act 'year').
 */
export const year: MemberHandler<'year'> = async (input, ctx) => {
  const me = ctx.caller.member
  const now = ctx.clock.now()
  const y = input.year ?? china(now).year()
  let target: MemberDoc = me
  let orgs: Awaited<ReturnType<typeof orgsOf>>
  if (input.memberId && input.memberId !== me._id) ({ target, orgs } = await loadTarget(ctx, input.memberId, 'year'))
  else orgs = await orgsOf(ctx)
  const period = periodOf(y, now)
  const [{ figures, tests }, reviews] = await Promise.all([
    figuresFor(ctx.db, { memberId: target._id, branchId: target.branchId }, period, [target._id]),
    reviewsOfYear(ctx.db, target._id, period.from, period.to, now),
  ])
  const f = figures.get(target._id) ?? blank()
  return {
    year: y,
    member: { id: target._id, name: target.name, branchName: orgs.get(target.branchId)?.name ?? '' },
    figures: f,
    tests: tests.get(target._id) ?? [],
    reviews,
    behind: behindReasons(f),
  }
}

/** A branch's members who fall behind on any measure, with the reasons; the same figures as each member's year. */
export const behind: MemberHandler<'behind'> = async (input, ctx) => {
  const me = ctx.caller.member
  const now = ctx.clock.now()
  const y = input.year ?? china(now).year()
  const branchId = input.branchId ?? me.branchId
  const orgs = await orgsOf(ctx)
  assertCovers(ctx.caller, orgs, branchId)
  const roster = await activeNames(ctx.db, branchId)
  const { figures } = await figuresFor(
    ctx.db,
    { branchId, roster: roster.map((m) => m._id) },
    periodOf(y, now),
    roster.map((m) => m._id),
  )
  const rows = roster
    .map((m) => {
      const f = figures.get(m._id)!
      return { memberId: m._id, name: m.name, figures: f, reasons: behindReasons(f) }
    })
    .filter((r) => r.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length || a.name.localeCompare(b.name, 'zh'))
  return {
    year: y,
    branchId,
    branchName: orgs.get(branchId)?.name ?? '',
    members: roster.length,
    rows,
  }
}
