import type { MeetingOutputs, MemberStats } from '../../src/contract/meeting.contract'
import { compliance as complianceRows, talkRow } from '../../src/domain/compliance.rules'
import { MEETING_TYPE_LABELS } from '../../src/domain/meeting.types'
import { owedAbsences, statsMemberOrder, statusOf, tally } from '../../src/domain/attendance.rules'
import { china } from '../../src/domain/time'
import type { Ctx, Db, MemberCaller } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { assertCovers, orgsOf, type OrgDoc } from '../_shared/orgs'
import { isOver, recordId } from './docs'
import {
  activeRoster,
  attendanceOf,
  complianceMeetings,
  leavesOf,
  makeupsOf,
  meetingsExpecting,
  membersOf,
  objectionsOf,
  secretariesOf,
  talksBySecretary,
  unboundByBranch,
} from './meeting.repo'
import { loadMeetingInScope } from './meetings'
import { makeupCounts } from './makeup'
import { fromCounts, talliesFor } from './tallies'
import {
  addShares,
  countLive,
  emptySizes,
  memberSums,
  shares,
  summary,
  sumsOf,
  tallyOfSums,
  unboundOwed,
} from './period-figures'
import type { Tally } from '../../src/domain/attendance.rules'
import { splitMadeUp } from '../../src/domain/makeup.rules'
import { talkRule } from './talks'
import { complianceSince } from './compliance-start'
import type { MeetingHandler } from '../_shared/handlers'
import { managesBranches } from '../../src/domain/roles'

// Groupings (one row per member × status for a branch, per branch × status for the organisation) are read whole
// through aggregateAll: the aggregate default is 20 and one call returns at most 1000.

/**
 * The period a report covers: the given dates, or this year so far (China time). Only meetings that have started
 * count, so a future meeting never shows up as absences.
 */
export function periodOf(input: { from?: string; to?: string }, now: Date): { from: Date; to: Date } {
  const from = input.from ? new Date(input.from) : china(now).startOf('year').toDate()
  const requested = input.to ? new Date(input.to) : now
  const to = requested > now ? now : requested
  if (from > to) fail('INVALID_INPUT', '开始日期应早于结束日期')
  return { from, to }
}

/** Adds 缺席已补学 / 请假已补学 to a tally, so reports show them apart from the absences still owed. */
function withMadeUp(t: Tally, m: { absent: number; leave: number } | undefined): Tally {
  return {
    ...t,
    absentMadeUp: splitMadeUp(t.absent, m?.absent ?? 0).madeUp,
    leaveMadeUp: splitMadeUp(t.leave, m?.leave ?? 0).madeUp,
  }
}

/** Attendance statistics. Every figure comes from aggregations; nothing pages through the records. */
export const stats: MeetingHandler<'stats'> = async (input, ctx) => {
  const me = ctx.caller.member
  const isAdmin = managesBranches(me.role)
  const now = ctx.clock.now()

  if (input.kind === 'meeting') {
    if (!input.meetingId) fail('INVALID_INPUT', '请选择会议')
    if (!isAdmin) fail('FORBIDDEN')
    const { meeting } = await loadMeetingInScope(ctx, input.meetingId)
    const [tallies, madeUp] = await Promise.all([
      talliesFor(ctx.db, [meeting], now),
      makeupCounts(ctx.db, { meetingId: meeting._id }, null),
    ])
    return { tally: withMadeUp(tallies.get(meeting._id)!, madeUp.get('all')), meetings: 1 }
  }

  const { from, to } = periodOf(input, now)

  if (input.kind === 'member') {
    const memberId = input.memberId ?? me._id
    // Her own figures need no org tree; someone else's are checked against the caller's scope.
    if (memberId !== me._id) {
      if (!isAdmin) fail('FORBIDDEN', '只能查看自己的出勤统计')
      const [target, orgs] = await Promise.all([membersOf(ctx.db).get(memberId), orgsOf(ctx)])
      if (!target) throw new AppError('NOT_FOUND', '没有找到该党员')
      assertCovers(ctx.caller, orgs, target.branchId)
    }
    return memberStats(ctx, memberId, from, to)
  }

  const orgs = await orgsOf(ctx)

  if (input.kind === 'branch') {
    const branchId = input.branchId ?? me.branchId
    if (!isAdmin) fail('FORBIDDEN')
    assertCovers(ctx.caller, orgs, branchId)
    return branchStats(ctx.db, orgs, branchId, from, to, now)
  }

  // org: every branch, for the committee.
  if (me.role !== 'org_admin') fail('FORBIDDEN')
  return orgStats(ctx, orgs, from, to)
}

/**
 * A branch's figures and its members' rows from the stored counts (period-figures.ts): after caller and orgs, three
 * aggregations at once (the meetings' sums, the active members folded into one document, the members' shares folded
 * into one document) and one more only when some over meeting has no fresh count — six requests whatever the branch.
 */
async function branchStats(
  db: Db,
  orgs: ReadonlyMap<string, OrgDoc>,
  branchId: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<MeetingOutputs['stats']> {
  const where = { branchId }
  const [sum, members, byMember] = await Promise.all([
    summary(db, where, from, to, now),
    activeRoster(db, where),
    shares(db, where, from, to, now, 'member'),
  ])
  const total = sum.byBranch.get(branchId) ?? { meetings: 0, expected: 0, n: emptySizes() }
  for (const m of await countLive(db, sum.stale, now)) {
    const s = sumsOf(m, m.tally!)
    total.meetings += s.meetings
    total.expected += s.expected
    for (const k of Object.keys(total.n) as Array<keyof typeof total.n>) total.n[k] += s.n[k]
    addShares(byMember, m, 'member')
  }
  const rows: MemberStats[] = members
    .map((mem) => {
      const c = byMember.get(mem._id)
      return {
        memberId: mem._id,
        name: mem.name,
        unbound: mem.bindStatus !== 'bound',
        groupName: mem.groupId ? (orgs.get(mem.groupId)?.name ?? null) : null,
        tally: tallyOfSums(c ? memberSums(c) : { meetings: 0, expected: 0, n: emptySizes() }),
      }
    })
    .sort(statsMemberOrder)
  const unboundRows = rows.filter((r) => r.unbound)
  return {
    tally: tallyOfSums(total),
    meetings: total.meetings,
    inProgress: sum.inProgress,
    byMember: rows,
    unbound: {
      members: unboundRows.length,
      absent: unboundRows.reduce((n, r) => n + owedAbsences(r.tally), 0),
    },
  }
}

/**
 * The committee's figures, branch by branch (also the summary sheet of the committee-wide export), from the stored
 * counts: after caller and orgs, the meetings' sums, the unbound members and the 缺席 they owe (three aggregations at
 * once) and, only when some over meeting has no fresh count, that live count — six requests.
 */
export async function orgStats(
  ctx: Ctx<MemberCaller>,
  orgs: ReadonlyMap<string, OrgDoc>,
  from: Date,
  to: Date,
): Promise<MeetingOutputs['stats']> {
  const db = ctx.db
  const now = ctx.clock.now()
  // The unbound members by branch, with their ids: the stale meetings' owed lists are matched to them here.
  const [sum, unboundRows] = await Promise.all([summary(db, {}, from, to, now), unboundByBranch(db)])
  const unboundSet = new Set(unboundRows.flatMap((r) => r.ids))
  const [live, owedFresh] = await Promise.all([
    countLive(db, sum.stale, now),
    unboundSet.size ? unboundOwed(db, from, to, now, unboundSet) : Promise.resolve(new Map<string, number>()),
  ])
  const byBranchSums = sum.byBranch
  const owed = new Map(owedFresh)
  for (const m of live) {
    const s = byBranchSums.get(m.branchId) ?? { meetings: 0, expected: 0, n: emptySizes() }
    const x = sumsOf(m, m.tally!)
    s.meetings += x.meetings
    s.expected += x.expected
    for (const k of Object.keys(s.n) as Array<keyof typeof s.n>) s.n[k] += x.n[k]
    byBranchSums.set(m.branchId, s)
    const theirs = m.tally!.owed.filter((id) => unboundSet.has(id)).length
    if (theirs) owed.set(m.branchId, (owed.get(m.branchId) ?? 0) + theirs)
  }
  const unboundCount = new Map(unboundRows.map((r) => [r._id, r.n]))
  const total = { meetings: 0, expected: 0, n: emptySizes() }
  const madeUpTotal = { absent: 0, leave: 0 }
  const byBranch = [...orgs.values()]
    .filter((o) => o.type === 'branch')
    .sort((a, b) => a.ancestors.length - b.ancestors.length || a.sort - b.sort)
    .map((b) => {
      const s = byBranchSums.get(b._id) ?? { meetings: 0, expected: 0, n: emptySizes() }
      total.meetings += s.meetings
      total.expected += s.expected
      for (const k of Object.keys(total.n) as Array<keyof typeof total.n>) total.n[k] += s.n[k]
      const t = tallyOfSums(s)
      madeUpTotal.absent += t.absentMadeUp ?? 0
      madeUpTotal.leave += t.leaveMadeUp ?? 0
      const u = { members: unboundCount.get(b._id) ?? 0, absent: owed.get(b._id) ?? 0 }
      return { branchId: b._id, branchName: b.name, meetings: s.meetings, tally: t, unbound: u }
    })
  return {
    tally: withMadeUp(fromCounts(total.n, total.expected, true), madeUpTotal),
    meetings: total.meetings,
    inProgress: sum.inProgress,
    byBranch,
    unbound: {
      members: byBranch.reduce((n, b) => n + b.unbound.members, 0),
      absent: byBranch.reduce((n, b) => n + b.unbound.absent, 0),
    },
  }
}

/**
 * Each active member's figures for the period, per branch (one branch, or the whole organisation for the committee's
 * export), listed in statsMemberOrder, from the stored counts: the members' shares keyed by branch and member (a
 * member who moved counts in each branch for that branch's meetings) and the roster, each folded into one document,
 * beside the meetings' summary for the stale ones (counted live). The branch export and the committee's workbook
 * read this, with the same figures as the screen.
 */
export async function memberRows(
  db: Db,
  orgs: ReadonlyMap<string, OrgDoc>,
  p: { from: Date; to: Date; now: Date; branchId?: string },
): Promise<{ rows: Map<string, MemberStats[]>; madeUp: Map<string, { absent: number; leave: number }> }> {
  const where = p.branchId ? { branchId: p.branchId } : {}
  const [sum, members, byKey] = await Promise.all([
    summary(db, where, p.from, p.to, p.now),
    activeRoster(db, where),
    shares(db, where, p.from, p.to, p.now, 'branchMember'),
  ])
  for (const m of await countLive(db, sum.stale, p.now)) addShares(byKey, m, 'branchMember')
  const out = new Map<string, MemberStats[]>()
  for (const mem of members) {
    const c = byKey.get(`${mem.branchId}|${mem._id}`)
    const list = out.get(mem.branchId) ?? []
    list.push({
      memberId: mem._id,
      name: mem.name,
      unbound: mem.bindStatus !== 'bound',
      groupName: mem.groupId ? (orgs.get(mem.groupId)?.name ?? null) : null,
      tally: tallyOfSums(c ? memberSums(c) : { meetings: 0, expected: 0, n: emptySizes() }),
    })
    out.set(mem.branchId, list)
  }
  for (const list of out.values()) list.sort(statsMemberOrder)
  // 补学 totals per branch include members who have since left (as the branch's own figures do).
  const madeUpByBranch = new Map<string, { absent: number; leave: number }>()
  for (const [k, c] of byKey) {
    const b = k.slice(0, k.indexOf('|'))
    const t = madeUpByBranch.get(b) ?? { absent: 0, leave: 0 }
    t.absent += c.madeUpAbsent
    t.leave += c.madeUpLeave
    madeUpByBranch.set(b, t)
  }
  return { rows: out, madeUp: madeUpByBranch }
}

async function memberStats(
  ctx: Ctx<MemberCaller>,
  memberId: string,
  from: Date,
  to: Date,
): Promise<MeetingOutputs['stats']> {
  const _ = ctx.db.command
  const all = await meetingsExpecting(ctx.db, memberId, _.gte(from).and(_.lte(to)))
  // A meeting still in its sign-in window is not yet an absence (as in the period reports).
  const now = ctx.clock.now()
  const meetings = all.filter((m) => isOver(m, now))
  const ids = meetings.map((m) => recordId(m._id, memberId))
  const [records, leaves, madeUp, objections] = await Promise.all([
    attendanceOf(ctx.db).getMany(ids),
    leavesOf(ctx.db).getMany(ids),
    makeupsOf(ctx.db).getMany(ids),
    // Her 出勤异议, so 我的出勤 shows which records she has questioned and what became of it.
    objectionsOf(ctx.db).getMany(ids),
  ])
  const statuses = meetings.map((m) =>
    statusOf({
      record: records.get(recordId(m._id, memberId)),
      leaveApproved: leaves.get(recordId(m._id, memberId))?.status === 'approved',
      over: true,
    }),
  )
  const madeUpOf = (i: number) => {
    const d = madeUp.get(recordId(meetings[i]._id, memberId))
    return { absent: d?.kind === 'absent' ? 1 : 0, leave: d?.kind === 'leave' ? 1 : 0 }
  }
  const byMeeting = meetings.map((m, i) => ({
    meetingId: m._id,
    title: m.title,
    startAt: new Date(m.startAt).toISOString(),
    type: m.type,
    tally: withMadeUp(tally([statuses[i]]), madeUpOf(i)),
    objection: objections.get(recordId(m._id, memberId))?.status ?? null,
  }))
  const total = { absent: 0, leave: 0 }
  for (const row of byMeeting) {
    total.absent += row.tally.absentMadeUp ?? 0
    total.leave += row.tally.leaveMadeUp ?? 0
  }
  return {
    tally: withMadeUp(tally(statuses), total),
    meetings: meetings.length,
    inProgress: all.length - meetings.length,
    byMeeting,
  }
}

/**
 * Whether a branch held its meetings as often as the rules require, month by month and quarter by quarter, and its
 * 组织生活会 for the year; each secretary's 谈心谈话 against the committee's rule; and the meetings still without a
 * 已完成 纪实. Four reads whatever the branch's size.
 */
export const compliance: MeetingHandler<'compliance'> = async (input, ctx) => {
  const orgs = await orgsOf(ctx)
  assertCovers(ctx.caller, orgs, input.branchId)
  if (orgs.get(input.branchId)?.type !== 'branch') fail('INVALID_INPUT', '请选择一个党支部')
  const _ = ctx.db.command
  const now = ctx.clock.now()
  const start = china(`${input.year}-01-01T00:00:00+08:00`).toDate()
  const end = china(`${input.year + 1}-01-01T00:00:00+08:00`).toDate()
  const [meetings, secretaries, talkCounts, required, since] = await Promise.all([
    complianceMeetings(ctx.db, input.branchId, _.gte(start).and(_.lt(end)).and(_.lte(now))),
    secretariesOf(ctx.db, input.branchId),
    talksBySecretary(ctx.db, input.branchId, input.year),
    talkRule(ctx.db),
    complianceSince(ctx.db, orgs.get(input.branchId)!),
  ])
  const held = meetings.map((m) => ({ type: m.type, startAt: new Date(m.startAt), groupId: m.groupId }))
  const groups = [...orgs.values()]
    .filter((o) => o.type === 'group' && o.parentId === input.branchId)
    .map((g) => ({ id: g._id, name: g.name }))
  const rows = complianceRows(held, input.year, groups, now, since ? new Date(since.at) : null)
  for (const s of secretaries) rows.push(talkRow(talkCounts.get(s._id) ?? 0, required, input.year, now, s.name))
  const missingRecords = meetings
    .filter((m) => m.recordState !== 'complete')
    .sort((a, b) => new Date(b.startAt).getTime() - new Date(a.startAt).getTime())
    .map((m) => ({
      meetingId: m._id,
      title: m.title,
      typeLabel: MEETING_TYPE_LABELS[m.type],
      startAt: new Date(m.startAt).toISOString(),
    }))
  return { branchId: input.branchId, year: input.year, rows, missingRecords, since }
}
