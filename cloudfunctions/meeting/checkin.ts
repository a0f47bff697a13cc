import type { BoardRow, MeetingOutputs } from '../../src/contract/meeting.contract'
import { isLate, markedByLabel, windowState, type AttendanceMark } from '../../src/domain/attendance.rules'
import {
  acceptsPrintedCode,
  isPrintedScene,
  issueToken,
  msToNextSlot,
  printedScene,
  printedSceneMeeting,
  verifyToken,
} from '../../src/domain/checkin.token'
import type { CheckInMethod } from '../../src/domain/meeting.types'
import { formatDateTime } from '../../src/domain/time'
import { writeAudit } from '../_shared/audit'
import type { Ctx, Db, MemberCaller, MemberDoc } from '../_shared/context'
import { fail } from '../_shared/errors'
import { checkinSigner } from '../_shared/signing'
import { inTransaction, type Tx } from '../_shared/transaction'
import type { ErrorCode } from '../../src/contract/errors'
import { isOver, recordId, type AttendanceDoc, type MeetingDoc } from './docs'
import { tallyChanged } from './stored-tally'
import { attendanceOf, meetingForMember, membersOf, txAttendance, txMeetings, type MeetingHead } from './meeting.repo'
import { loadMeetingInScope } from './meetings'
import { subjectOf } from '../_shared/rank'
import { rankRefusal } from '../../src/domain/rank'
import { coversOrg } from '../../src/domain/roles'
import type { OrgDoc } from '../_shared/orgs'
import type { MeetingHandler } from '../_shared/handlers'

/** The page a printed code opens; it passes the scene to checkIn. */
export const STATIC_CODE_PAGE = 'packages/meeting/pages/checkin/index'

/** The current rotating code for the organiser's screen, and how many have signed in so far. */
export const qrToken: MeetingHandler<'qrToken'> = async (input, ctx) => {
  const { meeting } = await loadMeetingInScope(ctx, input.meetingId)
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  if (meeting.status === 'closed') fail('MEETING_CLOSED')
  const now = ctx.clock.now()
  const _ = ctx.db.command
  const signedIn = await attendanceOf(ctx.db).count({ meetingId: meeting._id, status: _.in(['present', 'late']) })
  return { token: issueToken(checkinSigner(), 'm', meeting._id, now), expiresInMs: msToNextSlot(now), signedIn }
}

/**
 * A printed code for the meeting (wxacode.getUnlimited). It cannot rotate, so anyone holding a photo of it could sign
 * in from elsewhere: it is accepted only inside the sign-in window, and only when the organiser turned it on.
 */
export const staticCode: MeetingHandler<'staticCode'> = async (input, ctx) => {
  const { meeting } = await loadMeetingInScope(ctx, input.meetingId)
  if (!acceptsPrintedCode(meeting)) fail('MEETING_STATIC_CODE_OFF', '本次会议未启用打印签到码，请先在会议设置中开启')
  const scene = printedScene(checkinSigner(), meeting._id)
  const res = (await ctx.cloud.openapi.wxacode.getUnlimited({
    scene,
    page: STATIC_CODE_PAGE,
    checkPath: false,
    width: 430,
  })) as { buffer: Buffer }
  const { fileID } = (await ctx.cloud.uploadFile({
    cloudPath: `meeting-codes/${meeting._id}.png`,
    fileContent: res.buffer,
  })) as { fileID: string }
  const urls = (await ctx.cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL: string }> }
  return { url: urls.fileList[0].tempFileURL, scene }
}

/** Which meeting a scanned code names, or the reason it is refused. */
function meetingIdFromCode(token: string, now: Date): { meetingId: string; method: 'scan' | 'static_code' } {
  const sign = checkinSigner()
  const t = token.trim()
  if (isPrintedScene(t)) {
    const meetingId = printedSceneMeeting(sign, t)
    if (!meetingId) fail('MEETING_TOKEN_FORGED')
    return { meetingId, method: 'static_code' }
  }
  const check = verifyToken(sign, t, now, 'm')
  if (!check.ok)
    fail(check.reason === 'expired' || check.reason === 'future' ? 'MEETING_TOKEN_EXPIRED' : 'MEETING_TOKEN_FORGED')
  return { meetingId: check.payload.id, method: 'scan' }
}

/** Why a scan that found no record of its own is refused now, or null when it may sign in. */
function refusal(meeting: MeetingHead, expected: boolean, now: Date): { code: ErrorCode; message?: string } | null {
  if (meeting.status === 'cancelled') return { code: 'MEETING_CANCELLED' }
  if (meeting.status === 'closed') return { code: 'MEETING_WINDOW_CLOSED' }
  const state = windowState(new Date(meeting.startAt), meeting.window, now)
  if (state === 'not_open') {
    const opens = new Date(new Date(meeting.startAt).getTime() - meeting.window.opensBeforeMin * 60_000)
    return { code: 'MEETING_WINDOW_NOT_OPEN', message: `签到尚未开始，将于 ${formatDateTime(opens)} 开放` }
  }
  if (state === 'closed') return { code: 'MEETING_WINDOW_CLOSED' }
  if (!expected && !meeting.open) return { code: 'MEETING_NOT_EXPECTED' }
  return null
}

/**
 * A member scans the organiser's code: identify (1 read), read the meeting (1), create the attendance record once
 * under its natural key `${meetingId}_${memberId}` (1). A second scan — or twenty at once — loses the create and
 * answers "已签到" with the first time from one more read; nothing is written twice. Approved leave is not looked up
 * here: reports join it by the same key (tallies.ts), so a leave approved at the same moment is still counted once.
 */
export const checkIn: MeetingHandler<'checkIn'> = async (input, ctx) => {
  const now = ctx.clock.now()
  const { meetingId, method } = meetingIdFromCode(input.token, now)
  const member = ctx.caller.member
  const found = await meetingForMember(ctx.db, meetingId, member._id)
  if (!found) fail('MEETING_TOKEN_FORGED')
  const { meeting, expected } = found
  if (method === 'static_code' && !acceptsPrintedCode(meeting)) fail('MEETING_STATIC_CODE_OFF')
  const id = recordId(meeting._id, member._id)
  const records = attendanceOf(ctx.db)

  const refused = refusal(meeting, expected, now)
  if (refused) {
    // Outside the window a member who did sign in still hears when; everyone else hears why not.
    const mine = await records.get(id)
    if (mine && mine.status !== 'absent') return answer(meeting, mine, true)
    fail(refused.code, refused.message)
  }
  const written = await writeArrival(ctx, meeting, member._id, method, expected, now)
  return answer(meeting, written.doc, written.already)
}

/**
 * Records a member's own arrival inside the window (a scan, or the organiser's 我已到会): present or late by the
 * clock, once. The record is created under its natural key `${meetingId}_${memberId}` (one write); a second scan —
 * or twenty at once — loses the create and answers with the first record from one more read. An organiser's
 * "absent" is replaced by a conditional update while it is still "absent", so of two scans one writes.
 */
export async function writeArrival(
  ctx: Ctx<MemberCaller>,
  meeting: MeetingHead,
  memberId: string,
  method: CheckInMethod,
  expected: boolean,
  now: Date,
): Promise<{ doc: AttendanceDoc; already: boolean }> {
  const records = attendanceOf(ctx.db)
  const doc: AttendanceDoc = {
    _id: recordId(meeting._id, memberId),
    meetingId: meeting._id,
    memberId,
    branchId: meeting.branchId,
    meetingStartAt: new Date(meeting.startAt),
    meetingType: meeting.type,
    status: isLate(new Date(meeting.startAt), meeting.window, now) ? 'late' : 'present',
    at: now,
    method,
    extra: !expected,
    cancelled: false,
    markedById: null,
    markedByName: null,
    reason: null,
  }
  const made = await records.create(doc)
  if (made.created) return { doc, already: false }
  const existing = made.existing
  if (existing && existing.status !== 'absent') return { doc: existing, already: true }
  const { _id, ...fresh } = doc
  if ((await records.updateWhere({ _id, status: 'absent' }, fresh)) === 1) return { doc, already: false }
  return { doc: (await records.get(_id)) ?? doc, already: true }
}

export function answer(meeting: MeetingHead, doc: AttendanceDoc, already: boolean): MeetingOutputs['checkIn'] {
  return {
    meetingId: meeting._id,
    meetingTitle: meeting.title,
    status: doc.status === 'late' ? 'late' : 'present',
    at: new Date(doc.at).toISOString(),
    already,
  }
}

/** An organiser records a member as present, late or absent with a reason: shown as "代签/补录" and audited. */
export const mark: MeetingHandler<'mark'> = async (input, ctx) => {
  const { meeting, orgs } = await loadMeetingInScope(ctx, input.meetingId)
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  const target = await membersOf(ctx.db).get(input.memberId)
  const expected = !!target && meeting.expectedIds.includes(target._id)
  // An open meeting admits members of other branches, but the organiser may only add people of their own scope by
  // hand: a missing id, another branch's id and an unexpected one all get the same answer, so no id can be probed.
  const addable = !!target && meeting.open && target.status === 'active' && assertMayMark(ctx, orgs, target)
  if (!target || (!expected && !addable))
    fail('MEETING_NOT_EXPECTED', '该党员不在本次会议的应到名单中，请先编辑应到人员')
  const refusal = rankRefusal(
    { id: ctx.caller.member._id, role: ctx.caller.member.role },
    { id: target._id, role: target.role },
    'mark',
  )
  if (refusal) fail('FORBIDDEN', refusal)
  const now = ctx.clock.now()
  const stated = input.at ? statedArrival(meeting, input.at, now) : null
  const me = ctx.caller.member
  const before = await inTransaction(ctx.db, (t) =>
    putMark(t, {
      db: ctx.db,
      meeting,
      target,
      expected,
      status: input.status,
      reason: input.reason,
      by: me,
      now,
      at: stated,
    }),
  )
  await auditMark(ctx, recordId(meeting._id, target._id), before, input.status, input.reason)
  return {
    row: markedRow(target, orgs, input.status, stated ?? (before?.at ? new Date(before.at) : now), me, input.reason),
  }
}

/**
 * Inside a transaction: writes an organiser's mark over whatever record the member has (a 代签/补录, or a correction
 * the secretary accepts from a 出勤异议) and answers the record it replaced. `at`: the arrival stated, else the time
 * the replaced record carried, else now (or `unknownArrival`).
 */
export async function putMark(
  t: Tx,
  m: {
    /** For its commands (the transaction has none). */
    db: Db
    meeting: MeetingDoc
    target: MemberDoc
    expected: boolean
    status: AttendanceMark
    reason: string
    by: MemberDoc
    now: Date
    at: Date | null
    /** Used instead of `now` when neither `at` nor an arrival on the replaced record says when she came. */
    unknownArrival?: Date
  },
): Promise<AttendanceDoc | null> {
  const id = recordId(m.meeting._id, m.target._id)
  const current = await txAttendance(t).get(id)
  const doc: Omit<AttendanceDoc, '_id'> = {
    meetingId: m.meeting._id,
    memberId: m.target._id,
    branchId: m.meeting.branchId,
    meetingStartAt: new Date(m.meeting.startAt),
    meetingType: m.meeting.type,
    status: m.status,
    at:
      m.at ??
      (m.unknownArrival && (!current || current.status === 'absent') ? m.unknownArrival : (current?.at ?? m.now)),
    method: 'manual',
    extra: !m.expected,
    cancelled: false,
    markedById: m.by._id,
    markedByName: m.by.name,
    reason: m.reason,
  }
  await txAttendance(t).set(id, doc)
  // A correction of an over meeting: its stored count is stale from this commit on (stored-tally.ts). An open one has
  // no count yet, and one closing this instant is counted again by the timer a minute after its end.
  if (isOver(m.meeting, m.now)) await txMeetings(t).update(m.meeting._id, tallyChanged(m.db))
  return current
}

export async function auditMark(
  ctx: Ctx<MemberCaller>,
  id: string,
  before: AttendanceDoc | null,
  status: AttendanceMark,
  reason: string,
): Promise<void> {
  await writeAudit(ctx, {
    action: 'attendance.mark',
    targetType: 'attendance',
    targetId: id,
    before: before ? { status: before.status, method: before.method } : null,
    after: { status },
    reason,
  })
}

/** The 签到看板 row of a member an organiser has just marked. */
export function markedRow(
  target: MemberDoc,
  orgs: ReadonlyMap<string, OrgDoc>,
  status: AttendanceMark,
  at: Date,
  by: MemberDoc,
  reason: string,
): BoardRow {
  return {
    memberId: target._id,
    name: target.name,
    groupName: target.groupId ? (orgs.get(target.groupId)?.name ?? null) : null,
    status,
    at: new Date(at).toISOString(),
    method: 'manual',
    markedBy: markedByLabel(by.name),
    reason,
  }
}

function assertMayMark(ctx: Ctx<MemberCaller>, orgs: ReadonlyMap<string, OrgDoc>, target: MemberDoc): boolean {
  const subject = subjectOf(target, orgs)
  return coversOrg(ctx.caller.scope, subject.orgId, subject.ancestors)
}

/**
 * The arrival time an organiser states for a 补录: kept as stated, so a record added after the meeting shows when the
 * member came, not when the organiser tapped. It must lie between the opening of sign-in and now (or the meeting's
 * end, whichever is earlier).
 */
function statedArrival(meeting: MeetingDoc, at: string, now: Date): Date {
  const t = new Date(at)
  const opens = new Date(meeting.startAt).getTime() - meeting.window.opensBeforeMin * 60_000
  const latest = Math.min(now.getTime(), new Date(meeting.endAt).getTime())
  if (t.getTime() < opens || t.getTime() > latest)
    fail('INVALID_INPUT', '到会时间应在签到开放之后、会议结束之前，且不能晚于现在')
  return t
}
