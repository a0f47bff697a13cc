// Typed reads and writes of the meeting area (meetings, attendance, leave, objections, 补学, 纪实, talks): handlers
// call these, never ctx.db.collection. Each function says what it costs, because every database call is a round trip
// (issue 11). The report queries (tallies.ts, stored-tally.ts, period-figures.ts, page-tallies.ts) build their
// aggregations on the typed collections below.
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import type { Db, MemberDoc } from '../_shared/context'
import type { Doc, Tx } from '../_shared/db-types'
import { GET_PAGE } from '../_shared/docs'
import type { OrgDoc } from '../_shared/orgs'
import { txCollection, typedCollection, type TypedCollection } from '../_shared/repo'
import { membersOf } from '../member/member.repo'
import type { AttendanceDoc, LeaveDoc, MeetingDoc, ObjectionDoc } from './docs'
import type { MakeupDoc } from './makeup'
import type { RecordDoc } from './record'
import type { TalliedMeeting } from './stored-tally'
import type { TalkDoc } from './talks'

export const meetingsOf = (db: Db) => typedCollection<MeetingDoc>(db, COL.meetings)
/** The meetings with their stored counts (stored-tally.ts). */
export const talliedMeetingsOf = (db: Db) => typedCollection<TalliedMeeting>(db, COL.meetings)
export const attendanceOf = (db: Db) => typedCollection<AttendanceDoc>(db, COL.attendance)
export const leavesOf = (db: Db) => typedCollection<LeaveDoc>(db, COL.leaves)
export const objectionsOf = (db: Db) => typedCollection<ObjectionDoc>(db, COL.objections)
export const makeupsOf = (db: Db) => typedCollection<MakeupDoc>(db, COL.makeups)
export const talksOf = (db: Db) => typedCollection<TalkDoc>(db, COL.talks)
export const meetingRecordsOf = (db: Db) => typedCollection<RecordDoc>(db, COL.meetingRecords)
/** The members as the meeting area reads them (expected lists, marks, talks, report rosters): the roster's own. */
export { membersOf }

/** The same collections inside a transaction (transaction.ts: only `doc()` operations are transactional there). */
export const txMeetings = (t: Tx) => txCollection<MeetingDoc>(t, COL.meetings)
export const txAttendance = (t: Tx) => txCollection<AttendanceDoc>(t, COL.attendance)
export const txLeaves = (t: Tx) => txCollection<LeaveDoc>(t, COL.leaves)
export const txObjections = (t: Tx) => txCollection<ObjectionDoc>(t, COL.objections)

/** A meeting without its expected list (thousands of ids for a large meeting). */
export type MeetingHead = Omit<MeetingDoc, 'expectedIds'>

/** The meeting with this id, or null: one read. */
export function getMeeting(db: Db, meetingId: string): Promise<MeetingDoc | null> {
  return meetingsOf(db).get(meetingId)
}

/**
 * The meeting as a member scanning in needs it: without the expected list, and whether they are on it, asked in the
 * same query. One read for everyone on the list; someone not on it (an open meeting, a stranger) costs a second.
 */
export async function meetingForMember(
  db: Db,
  meetingId: string,
  memberId: string,
): Promise<{ meeting: MeetingHead; expected: boolean } | null> {
  const meetings = meetingsOf(db)
  const onList = await meetings.findOne({ _id: meetingId, expectedIds: memberId }, { fields: { expectedIds: false } })
  if (onList) return { meeting: onList, expected: true }
  const other = await meetings.get(meetingId, { expectedIds: false })
  return other ? { meeting: other, expected: false } : null
}

/**
 * Every document of a meeting's records or leave, GET_PAGE at a time in id order (a board is one meeting: a branch's
 * size, so one or two requests).
 */
export async function allOfMeeting<T extends AttendanceDoc | LeaveDoc>(
  col: TypedCollection<T>,
  meetingId: string,
): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += GET_PAGE) {
    const rows = await col.find({ meetingId }, { orderBy: [['_id', 'asc']], skip, limit: GET_PAGE })
    out.push(...rows)
    if (rows.length < GET_PAGE) return out
  }
}

/** Every record (or leave) matching `match`, through aggregate pages of 1000 in id order: an export needs the rows. */
export function allMatching<T extends AttendanceDoc | LeaveDoc>(col: TypedCollection<T>, match: Doc): Promise<T[]> {
  return aggregateAll<T>(() => col.aggregate().match(match).sort({ _id: 1 }))
}

/**
 * A meeting's 补学 keyed by member: one aggregate page while a meeting's expected list stays within 1000 (the contract
 * caps it at 500, plus open-meeting extras), more only beyond.
 */
export async function makeupsByMember(db: Db, meetingId: string): Promise<Map<string, MakeupDoc>> {
  const list = await aggregateAll<MakeupDoc>(() => makeupsOf(db).aggregate().match({ meetingId }).sort({ _id: 1 }))
  return new Map(list.map((d) => [d.memberId, d]))
}

/** The fields of a meeting a member's own lists (我的出勤, 我的补学) show and judge by (isOver). */
export type MeetingLine = Pick<
  MeetingDoc,
  '_id' | 'title' | 'startAt' | 'type' | 'status' | 'window' | 'endAt' | 'recordState'
>

/**
 * The not-cancelled meetings a member was expected at whose start matches `startAt` (a query command), newest first,
 * at most 500 (a member's year is a few dozen): one aggregation.
 */
export async function meetingsExpecting(db: Db, memberId: string, startAt: unknown): Promise<MeetingLine[]> {
  const _ = db.command
  const res = await meetingsOf(db)
    .aggregate()
    .match({ expectedIds: memberId, status: _.neq('cancelled'), startAt })
    .sort({ startAt: -1 })
    .project({ title: 1, startAt: 1, type: 1, status: 1, window: 1, endAt: 1, recordState: 1 })
    .limit(500)
    .end()
  return res.list as MeetingLine[]
}

/** A branch's meetings for a period (every field but none cancelled), in start order, at most `limit`: one request. */
export async function branchMeetings(db: Db, branchId: string, startAt: unknown, limit: number): Promise<MeetingDoc[]> {
  const _ = db.command
  const res = await meetingsOf(db)
    .aggregate()
    .match({ branchId, status: _.neq('cancelled'), startAt })
    .sort({ startAt: 1 })
    .limit(limit)
    .end()
  return res.list as MeetingDoc[]
}

/** What the compliance report needs of a meeting. */
export type ComplianceMeeting = Pick<MeetingDoc, '_id' | 'type' | 'startAt' | 'groupId' | 'title' | 'recordState'>

/** A branch's not-cancelled meetings whose start matches `startAt`, for the compliance report: one aggregation. */
export function complianceMeetings(db: Db, branchId: string, startAt: unknown): Promise<ComplianceMeeting[]> {
  const _ = db.command
  return aggregateAll<ComplianceMeeting>(() =>
    meetingsOf(db)
      .aggregate()
      .match({ branchId, status: _.neq('cancelled'), startAt })
      .project({ type: 1, startAt: 1, groupId: 1, title: 1, recordState: 1 })
      .sort({ _id: 1 }),
  )
}

/** A branch's first not-cancelled meeting's start, or null: one read. */
export async function firstMeetingStart(db: Db, branchId: string): Promise<Date | null> {
  const _ = db.command
  const first = await meetingsOf(db).findOne(
    { branchId, status: _.neq('cancelled') },
    { orderBy: [['startAt', 'asc']], fields: { startAt: true } },
  )
  return first ? new Date(first.startAt) : null
}

/** Per branch, the not-cancelled meetings whose start matches `startAt` and how many have a complete 纪实: one request. */
export async function recordStateByBranch(
  db: Db,
  startAt: unknown,
): Promise<Array<{ _id: string; held: number; complete: number }>> {
  const _ = db.command
  const $ = _.aggregate
  const res = await meetingsOf(db)
    .aggregate()
    .match({ status: _.neq('cancelled'), startAt })
    .group({
      _id: '$branchId',
      held: $.sum(1),
      complete: $.sum($.cond({ if: $.eq(['$recordState', 'complete']), then: 1, else: 0 })),
    })
    .limit(1000)
    .end()
  return res.list as Array<{ _id: string; held: number; complete: number }>
}

/** A member as a report's roster lists her. */
export type RosterEntry = Pick<MemberDoc, '_id' | 'name' | 'branchId' | 'groupId' | 'bindStatus'>

/**
 * The active members matching `where` (a branch, or everyone), folded into one result document: ONE request whatever
 * the roster's size (a few dozen bytes a member).
 */
export async function activeRoster(db: Db, where: { branchId?: string }): Promise<RosterEntry[]> {
  const $ = db.command.aggregate
  const res = await membersOf(db)
    .aggregate()
    .match({ ...where, status: 'active' })
    .group({
      _id: null,
      rows: $.push({
        _id: '$_id',
        name: '$name',
        branchId: '$branchId',
        groupId: '$groupId',
        bindStatus: '$bindStatus',
      }),
    })
    .limit(1)
    .end()
  return ((res.list[0] as { rows?: RosterEntry[] } | undefined)?.rows ?? []) as RosterEntry[]
}

/** Active members not bound now, by branch with their ids: one aggregation per 1000 branches. */
export function unboundByBranch(db: Db): Promise<Array<{ _id: string; n: number; ids: string[] }>> {
  const $ = db.command.aggregate
  return aggregateAll<{ _id: string; n: number; ids: string[] }>(() =>
    membersOf(db)
      .aggregate()
      .match({ status: 'active', bindStatus: db.command.neq('bound') })
      .group({ _id: '$branchId', n: $.sum(1), ids: $.push('$_id') })
      .sort({ _id: 1 }),
  )
}

/** A branch's active secretaries (branch_admin; a branch has one or two): one read. */
export function secretariesOf(db: Db, branchId: string): Promise<MemberDoc[]> {
  return membersOf(db).find({ branchId, status: 'active', role: 'branch_admin' }, { limit: 20 })
}

/** Talks per secretary of a branch in a year: one aggregation. */
export async function talksBySecretary(db: Db, branchId: string, year: number): Promise<Map<string, number>> {
  const $ = db.command.aggregate
  const res = await talksOf(db)
    .aggregate()
    .match({ branchId, year })
    .group({ _id: '$secretaryId', n: $.sum(1) })
    .limit(100)
    .end()
  return new Map(res.list.map((r) => [r._id as string, r.n as number]))
}

/** The committee's rules for organisation life: `_id` = 'rules'. */
export interface LifeRulesDoc {
  _id: 'rules'
  talksPerYear: number
  updatedAt: Date
  updatedById: string
}

export const lifeRulesOf = (db: Db) => typedCollection<LifeRulesDoc>(db, COL.lifeRules)

/** The date a branch's compliance is counted from, as the committee set it (null clears it): one write. */
export async function setComplianceFrom(db: Db, branchId: string, from: Date | null, now: Date): Promise<void> {
  await typedCollection<OrgDoc>(db, COL.orgs).update(branchId, { complianceFrom: from, updatedAt: now })
}
