import { createHash } from 'crypto'
import { DEFAULT_WINDOW } from '../../src/domain/attendance.rules'
import { defaultAudience, isLeadershipMeeting, type MeetingType } from '../../src/domain/meeting.types'
import { writeAudit } from '../_shared/audit'
import { COL } from '../_shared/collections'
import { PAGE_SIZE } from '../_shared/paging'
import type { Ctx, MemberCaller } from '../_shared/context'
import { fail } from '../_shared/errors'
import { saveAtRevision } from '../_shared/revision'
import { activeMembersOf } from '../_shared/members'
import { assertCovers, assertSees, branchFilter, orgsOf, type OrgDoc } from '../_shared/orgs'
import { isOver, toMeetingView, type MeetingDoc } from './docs'
import { joinedPage } from '../_shared/joined-page'
import { attendanceOf, getMeeting, leavesOf, meetingsOf, membersOf, objectionsOf } from './meeting.repo'
import { countsOf, withCounts } from './page-tallies'
import { fromCounts } from './tallies'
import type { MeetingHandler } from '../_shared/handlers'
import { countAndStore, tallyOf } from './stored-tally'

/** The meeting, if it exists and the caller's scope covers its branch. */
export async function loadMeetingInScope(
  ctx: Ctx<MemberCaller>,
  meetingId: string,
): Promise<{ meeting: MeetingDoc; orgs: Map<string, OrgDoc> }> {
  const [meeting, orgs] = await Promise.all([getMeeting(ctx.db, meetingId), orgsOf(ctx)])
  assertSees(ctx.caller, orgs, meeting?.branchId, '会议')
  return { meeting: meeting!, orgs }
}

/**
 * A meeting's id is derived from where and when it is (branch, group, type, start): the same meeting submitted twice
 * lands on one document, and it is short enough for a printed code's 32-character scene.
 */
function meetingIdFor(branchId: string, groupId: string | null, type: MeetingType, startAt: Date): string {
  return (
    'mt' +
    createHash('sha256')
      .update(`${branchId}|${groupId ?? ''}|${type}|${startAt.toISOString()}`)
      .digest('hex')
      .slice(0, 12)
  )
}

function parseTimes(input: { startAt: string; endAt: string }) {
  const startAt = new Date(input.startAt)
  const endAt = new Date(input.endAt)
  if (Number.isNaN(startAt.getTime()) || Number.isNaN(endAt.getTime())) fail('INVALID_INPUT', '会议时间格式不正确')
  if (endAt <= startAt) fail('MEETING_TIME_INVALID')
  if (endAt.getTime() - startAt.getTime() > 24 * 3600_000) fail('MEETING_TIME_INVALID', '会议时长不能超过 24 小时')
  return { startAt, endAt }
}

/** Checks an explicit expected list: every id an active member of this branch (or, for open meetings, of any branch). */
async function resolveExpected(
  ctx: Ctx<MemberCaller>,
  branchId: string,
  groupId: string | null,
  ids: string[] | undefined,
  open: boolean,
  orgs?: ReadonlyMap<string, OrgDoc>,
  type?: MeetingType,
): Promise<string[]> {
  if (!ids) {
    // Nobody named: who the meeting type expects (src/domain/meeting.types.ts defaultAudience).
    const members = await activeMembersOf(ctx.db, groupId ? { groupId } : { branchId })
    if (!type || defaultAudience(type) !== 'committee') return members.map((m) => m._id)
    const committee = members.filter((m) => !!m.post)
    if (!committee.length)
      fail('INVALID_INPUT', '本支部还没有设置支部委员（职务），请先在“支部委员会”中设置，或直接选择应到人员')
    return committee.map((m) => m._id)
  }
  const found = await membersOf(ctx.db).getMany(ids)
  // A leadership meeting (held by a 党总支 or the committee) takes members of any branch under it.
  const inOrg = (m: { branchId: string }) =>
    m.branchId === branchId || !!orgs?.get(m.branchId)?.ancestors.includes(branchId)
  const bad = [...new Set(ids)].filter((id) => {
    const m = found.get(id)
    return !m || m.status !== 'active' || (!open && !inOrg(m))
  })
  if (bad.length) fail('INVALID_INPUT', `应到人员中有 ${bad.length} 人不是本支部在册党员，请重新选择`)
  return [...new Set(ids)]
}

export const create: MeetingHandler<'create'> = async (input, ctx) => {
  const orgs = await orgsOf(ctx)
  assertCovers(ctx.caller, orgs, input.branchId)
  const branch = orgs.get(input.branchId)!
  if (isLeadershipMeeting(input.type)) {
    // 民主生活会 is the leadership's: held by the committee or a 党总支, with its attendees named.
    if (branch.type !== 'committee' && branch.type !== 'general_branch')
      fail('INVALID_INPUT', '民主生活会请选择机关党委或党总支')
    if (!input.expectedIds?.length) fail('INVALID_INPUT', '民主生活会请选择参会的领导班子成员')
  } else if (branch.type !== 'branch') fail('INVALID_INPUT', '请选择一个党支部')
  const groupId = input.groupId ?? null
  if (groupId && orgs.get(groupId)?.parentId !== branch._id) fail('INVALID_INPUT', '所选党小组不属于该支部')
  if (input.type === 'group_meeting' && !groupId) fail('INVALID_INPUT', '党小组会请选择党小组')
  const { startAt, endAt } = parseTimes(input)
  const open = input.open ?? false
  const expectedIds = await resolveExpected(ctx, branch._id, groupId, input.expectedIds, open, orgs, input.type)
  const now = ctx.clock.now()
  const id = meetingIdFor(branch._id, groupId, input.type, startAt)
  const doc: MeetingDoc = {
    _id: id,
    branchId: branch._id,
    groupId,
    title: input.title,
    type: input.type,
    startAt,
    endAt,
    place: input.place,
    agenda: input.agenda ?? null,
    notes: input.notes ?? null,
    expectedIds,
    expectedCount: expectedIds.length,
    open,
    window: input.window ?? DEFAULT_WINDOW,
    staticCode: input.staticCode ?? false,
    status: 'scheduled',
    cancelReason: null,
    createdBy: ctx.caller.member._id,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  }
  const made = await meetingsOf(ctx.db).create(doc)
  if (!made.created) {
    const existing = made.existing
    // The same request again (a retry): answer with what it created. Anything else at that slot is a clash.
    if (existing.title !== input.title || existing.status === 'cancelled')
      fail('CONFLICT', '该支部同一时间已有一场同类会议')
    return { meeting: toMeetingView(existing, orgs) }
  }
  return { meeting: toMeetingView(doc, orgs) }
}

export const update: MeetingHandler<'update'> = async (input, ctx) => {
  const { meeting, orgs } = await loadMeetingInScope(ctx, input.meetingId)
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  if (meeting.status === 'closed') fail('MEETING_CLOSED')
  // The host org was chosen for the type: a 民主生活会 sits on the committee, every other meeting on a 党支部.
  if (isLeadershipMeeting(input.type) !== isLeadershipMeeting(meeting.type))
    fail('INVALID_INPUT', '民主生活会与支部会议不能互相改类型，请取消后重新创建')
  const { startAt, endAt } = parseTimes(input)
  const open = input.open ?? meeting.open
  // A type whose default audience differs (党员大会 → 支部委员会) takes the new type's default unless attendees are named.
  const expectedIds = input.expectedIds
    ? await resolveExpected(ctx, meeting.branchId, meeting.groupId, input.expectedIds, open, orgs)
    : defaultAudience(input.type) !== defaultAudience(meeting.type)
      ? await resolveExpected(ctx, meeting.branchId, meeting.groupId, undefined, open, orgs, input.type)
      : meeting.expectedIds
  const patch = {
    title: input.title,
    type: input.type,
    startAt,
    endAt,
    place: input.place,
    agenda: input.agenda ?? null,
    notes: input.notes ?? null,
    expectedIds,
    expectedCount: expectedIds.length,
    open,
    window: input.window ?? meeting.window,
    staticCode: input.staticCode ?? meeting.staticCode,
    updatedAt: ctx.clock.now(),
  }
  // Conditional on the status, so a meeting closed meanwhile is not edited behind the organiser's back, and on the
  // revision the editor opened, so another organiser's save meanwhile is not overwritten (revision.ts).
  const saved = await saveAtRevision({
    db: ctx.db,
    records: meetingsOf(ctx.db),
    before: meeting,
    revision: input.revision,
    fields: patch,
    where: { status: 'scheduled' },
    recheck: (now) => {
      if (now.status !== 'scheduled') fail(now.status === 'cancelled' ? 'MEETING_CANCELLED' : 'MEETING_CLOSED')
    },
    notFound: '没有找到该会议',
  })
  if (startAt.getTime() !== new Date(meeting.startAt).getTime()) {
    await attendanceOf(ctx.db).updateWhere(
      { meetingId: meeting._id },
      { meetingStartAt: startAt, meetingType: input.type },
    )
    await leavesOf(ctx.db).updateWhere(
      { meetingId: meeting._id },
      { meetingStartAt: startAt, meetingTitle: input.title },
    )
  }
  return { meeting: toMeetingView(saved, orgs) }
}

export const cancel: MeetingHandler<'cancel'> = async (input, ctx) => {
  const { meeting, orgs } = await loadMeetingInScope(ctx, input.meetingId)
  if (meeting.status === 'closed') fail('MEETING_CLOSED', '会议已结束，不能取消')
  const now = ctx.clock.now()
  if (meeting.status !== 'cancelled') {
    await meetingsOf(ctx.db).updateWhere(
      { _id: meeting._id, status: 'scheduled' },
      { status: 'cancelled', cancelReason: input.reason, updatedAt: now },
    )
    await attendanceOf(ctx.db).updateWhere({ meetingId: meeting._id }, { cancelled: true })
    await leavesOf(ctx.db).updateWhere({ meetingId: meeting._id }, { cancelled: true })
    // An objection to a record that no longer counts has nothing left to correct: it is answered, so it neither waits
    // on the secretary's list for good nor leaves the member without a reply.
    const me = ctx.caller.member
    await objectionsOf(ctx.db).updateWhere(
      { branchId: meeting.branchId, status: 'pending', meetingId: meeting._id },
      {
        status: 'rejected',
        correctedTo: null,
        reply: `会议已取消，本次出勤不再计入（${input.reason}）`,
        resolvedById: me._id,
        resolvedByName: me.name,
        resolvedAt: now,
      },
    )
    await writeAudit(ctx, {
      action: 'meeting.cancel',
      targetType: 'meeting',
      targetId: meeting._id,
      reason: input.reason,
    })
  }
  return {
    meeting: toMeetingView(
      { ...meeting, status: 'cancelled', cancelReason: meeting.cancelReason ?? input.reason },
      orgs,
    ),
  }
}

export const close: MeetingHandler<'close'> = async (input, ctx) => {
  const { meeting, orgs } = await loadMeetingInScope(ctx, input.meetingId)
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  const now = ctx.clock.now()
  if (meeting.status === 'scheduled') {
    await meetingsOf(ctx.db).updateWhere(
      { _id: meeting._id, status: 'scheduled' },
      { status: 'closed', closedAt: now, updatedAt: now },
    )
  }
  const closed: MeetingDoc = { ...meeting, status: 'closed', closedAt: meeting.closedAt ?? now }
  // Counted and stored now (stored-tally.ts): period reports read the count instead of the records.
  const counts = await countAndStore(ctx.db, [closed], now)
  return { meeting: toMeetingView(closed, orgs), tally: tallyOf(closed, counts.get(closed._id)!, now) }
}

export const list: MeetingHandler<'list'> = async (input, ctx) => {
  const orgs = await orgsOf(ctx)
  const branchId = branchFilter(ctx.caller, orgs, input.branchId)
  const where: Record<string, unknown> = branchId ? { branchId } : {}
  if (input.status) where.status = input.status
  const page = input.page ?? 1
  const now = ctx.clock.now()
  // The page and its attendance figures in one aggregation (page-tallies.ts), the count beside it.
  const [total, rows] = await Promise.all([
    meetingsOf(ctx.db).count(where),
    joinedPage<MeetingDoc, Record<never, never>, 'expectedIds'>(ctx.db, COL.meetings, where, {
      orderBy: [['startAt', 'desc']],
      page,
      extend: withCounts(ctx.db),
      omit: ['expectedIds'],
    }),
  ])
  return {
    items: rows.map(({ row: m, extra }) => ({
      ...toMeetingView(m, orgs),
      tally: m.status === 'cancelled' ? null : fromCounts(countsOf(extra), m.expectedCount, isOver(m, now)),
      recordState: m.recordState ?? 'none',
    })),
    total,
    page,
    pageSize: PAGE_SIZE,
  }
}
