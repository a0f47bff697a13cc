import type { BoardRow, MeetingOutputs, MyMeeting } from '../../src/contract/meeting.contract'
import { countedMembers, markedByLabel, statusOf, tally } from '../../src/domain/attendance.rules'
import { COL } from '../_shared/collections'
import { joinedPage } from '../_shared/joined-page'
import { PAGE_SIZE } from '../_shared/paging'
import type { Ctx, MemberDoc } from '../_shared/context'
import { AppError } from '../_shared/errors'
import { orgsOf, type OrgDoc } from '../_shared/orgs'
import {
  isOver,
  recordId,
  toMeetingView,
  toObjectionView,
  type AttendanceDoc,
  type LeaveDoc,
  type MeetingDoc,
  type ObjectionDoc,
} from './docs'
import {
  allOfMeeting,
  attendanceOf as attendanceRepo,
  getMeeting,
  leavesOf,
  meetingsOf,
  membersOf,
  objectionsOf,
  type MeetingHead,
} from './meeting.repo'
import { loadMeetingInScope } from './meetings'
import type { MeetingHandler } from '../_shared/handlers'

/** The live sign-in board: one row per expected member (and any extra who came), with the counts on top. */
export const board: MeetingHandler<'board'> = async (input, ctx) => {
  const { meeting, orgs } = await loadMeetingInScope(ctx, input.meetingId)
  return { meeting: toMeetingView(meeting, orgs), ...(await attendanceOf(ctx, meeting, orgs)) }
}

/** Everyone expected (and any extra who came) with their status: three reads of a branch's size. No scope check. */
export async function attendanceOf(
  ctx: Ctx,
  meeting: MeetingDoc,
  orgs: ReadonlyMap<string, OrgDoc>,
): Promise<Pick<MeetingOutputs['board'], 'tally' | 'rows' | 'unboundMissing'>> {
  const [records, leaveDocs] = await Promise.all([
    allOfMeeting(attendanceRepo(ctx.db), meeting._id),
    allOfMeeting(leavesOf(ctx.db), meeting._id),
  ])
  const byMember = new Map(records.map((r) => [r.memberId, r]))
  const approved = new Set(leaveDocs.filter((l) => l.status === 'approved').map((l) => l.memberId))
  const pending = new Map(leaveDocs.filter((l) => l.status === 'pending' && !l.cancelled).map((l) => [l.memberId, l]))
  const extras = records.filter((r) => r.extra).map((r) => r.memberId)
  const members = await membersOf(ctx.db).getMany([...meeting.expectedIds, ...extras])
  const counted = countedMembers(
    [...meeting.expectedIds, ...extras]
      .filter((id) => members.has(id))
      .map((id) => ({
        ...members.get(id)!,
        id,
        leftAt: members.get(id)!.leftAt ? new Date(members.get(id)!.leftAt!) : null,
      })),
    new Date(meeting.startAt),
  )
  const over = isOver(meeting, ctx.clock.now())
  const rows = counted.map((m) => ({
    ...boardRow(m, byMember.get(m._id), approved.has(m._id), over, orgs),
    pendingLeave: pending.has(m._id) ? { leaveId: pending.get(m._id)!._id, reason: pending.get(m._id)!.reason } : null,
    unbound: m.bindStatus !== 'bound',
  }))
  const order = { pending: 0, absent: 1, late: 2, present: 3, leave: 4 }
  rows.sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name, 'zh'))
  const unboundMissing = rows.filter((r) => r.unbound && (r.status === 'pending' || r.status === 'absent')).length
  return { tally: tally(rows.map((r) => r.status)), rows, unboundMissing }
}

function boardRow(
  m: MemberDoc,
  record: AttendanceDoc | undefined,
  leaveApproved: boolean,
  over: boolean,
  orgs: ReadonlyMap<string, OrgDoc>,
): BoardRow {
  return {
    memberId: m._id,
    name: m.name,
    groupName: m.groupId ? (orgs.get(m.groupId)?.name ?? null) : null,
    status: statusOf({ record, leaveApproved, over }),
    at: record ? new Date(record.at).toISOString() : null,
    method: record?.method ?? null,
    markedBy: record?.markedByName ? markedByLabel(record.markedByName) : null,
    reason: record?.reason ?? null,
  }
}

type Mine = {
  record: AttendanceDoc
  leave: LeaveDoc
  objection: ObjectionDoc
}

/** A meeting as its member sees it, from her own record, leave request and 出勤异议 about it (any may be missing). */
function myMeeting(
  m: MeetingHead,
  own: { [K in keyof Mine]: Mine[K] | null },
  expected: boolean,
  orgs: ReadonlyMap<string, OrgDoc>,
  now: Date,
): MyMeeting {
  const over = isOver(m, now)
  const record = own.record ?? undefined
  // A withdrawn request (or one of a cancelled meeting) is no request.
  const leave = own.leave && !own.leave.cancelled ? own.leave : undefined
  // Only a meeting that is over can carry a 出勤异议.
  const objection = over ? own.objection : null
  return {
    ...toMeetingView(m, orgs),
    myExpected: expected,
    myStatus: statusOf({ record, leaveApproved: leave?.status === 'approved', over }),
    mySignedAt: record && record.status !== 'absent' ? new Date(record.at).toISOString() : null,
    myLeave: leave ? { status: leave.status, reason: leave.reason } : null,
    myObjection: objection ? toObjectionView(objection) : null,
  }
}

/**
 * A member's meetings: the ones they are expected at, and open ones. Caller, the count, the orgs, and the page in one
 * aggregation that brings her record, leave and 出勤异议 of each meeting along (joined by their natural key) and says
 * whether she is expected without carrying the expected lists: 4 requests, whatever the page.
 */
export const mine: MeetingHandler<'mine'> = async (input, ctx) => {
  const _ = ctx.db.command
  const $ = _.aggregate
  const me = ctx.caller.member
  const now = ctx.clock.now()
  const where = _.and([
    _.or([{ expectedIds: me._id }, { open: true }]),
    input.when === 'upcoming'
      ? { endAt: _.gte(now), status: 'scheduled' }
      : _.or([{ endAt: _.lt(now) }, { status: _.neq('scheduled') }]),
  ])
  const page = input.page ?? 1
  const [total, rows, orgs] = await Promise.all([
    meetingsOf(ctx.db).count(where),
    joinedPage<MeetingDoc, Mine, 'expectedIds'>(ctx.db, COL.meetings, where, {
      orderBy: [['startAt', input.when === 'upcoming' ? 'asc' : 'desc']],
      page,
      own: { memberId: me._id, from: { record: COL.attendance, leave: COL.leaves, objection: COL.objections } },
      extend: (a) => a.addFields({ _x_expected: $.in([me._id, $.ifNull(['$expectedIds', []])]) }),
      omit: ['expectedIds'],
    }),
    orgsOf(ctx),
  ])
  return {
    items: rows.map((r) => myMeeting(r.row, r.own, r.extra.expected === true, orgs, now)),
    total,
    page,
    pageSize: PAGE_SIZE,
  }
}

/** One meeting as a member sees it: only meetings they are expected at, of their branch, or open. */
export const detail: MeetingHandler<'detail'> = async (input, ctx) => {
  const meeting = await getMeeting(ctx.db, input.meetingId)
  const me = ctx.caller.member
  const visible = meeting && (meeting.open || meeting.expectedIds.includes(me._id) || meeting.branchId === me.branchId)
  if (!meeting || !visible) throw new AppError('NOT_FOUND', '没有找到该会议')
  const key = recordId(meeting._id, me._id)
  const [orgs, record, leave, objection] = await Promise.all([
    orgsOf(ctx),
    attendanceRepo(ctx.db).get(key),
    leavesOf(ctx.db).get(key),
    isOver(meeting, ctx.clock.now()) ? objectionsOf(ctx.db).get(key) : null,
  ])
  return {
    meeting: myMeeting(
      meeting,
      { record, leave, objection },
      meeting.expectedIds.includes(me._id),
      orgs,
      ctx.clock.now(),
    ),
  }
}
