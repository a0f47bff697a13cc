import type { MeetingView, ObjectionView } from '../../src/contract/meeting.contract'
import type { AttendanceMark, SignInWindow } from '../../src/domain/attendance.rules'
import { windowState } from '../../src/domain/attendance.rules'
import {
  MEETING_TYPE_LABELS,
  type CheckInMethod,
  type MeetingStatus,
  type MeetingType,
} from '../../src/domain/meeting.types'
import type { ObjectionStatus } from '../../src/domain/objection.rules'
import type { OrgDoc } from '../_shared/orgs'

export interface MeetingDoc {
  _id: string
  /** Bumped by each editor save (_shared/revision.ts); missing on records saved before it existed (= 0). */
  revision?: number
  branchId: string
  groupId: string | null
  title: string
  type: MeetingType
  startAt: Date
  endAt: Date
  place: string
  agenda: string | null
  notes: string | null
  expectedIds: string[]
  /** Kept beside the list so reports can sum it in an aggregation. */
  expectedCount: number
  open: boolean
  window: SignInWindow
  staticCode: boolean
  status: MeetingStatus
  cancelReason: string | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
  /** The 纪实's state, kept on the meeting for lists and completeness reports (absent = none yet). */
  recordState?: 'draft' | 'complete'
}

/** `_id` = `${meetingId}_${memberId}`: one record per member and meeting, whatever retries or double scans do. */
export interface AttendanceDoc {
  _id: string
  meetingId: string
  memberId: string
  /** Denormalised from the meeting so branch and period reports are one aggregation each. */
  branchId: string
  meetingStartAt: Date
  meetingType: MeetingType
  status: AttendanceMark
  at: Date
  method: CheckInMethod
  /** Not on the expected list (an open meeting): adds to the expected count. */
  extra: boolean
  /** The meeting was cancelled after this record was written: ignored by reports. */
  cancelled: boolean
  markedById: string | null
  markedByName: string | null
  reason: string | null
}

/** `_id` = `${meetingId}_${memberId}`: one leave request per member and meeting. */
export interface LeaveDoc {
  _id: string
  meetingId: string
  memberId: string
  memberName: string
  branchId: string
  meetingStartAt: Date
  meetingTitle: string
  reason: string
  status: 'pending' | 'approved' | 'rejected'
  requestedAt: Date
  reviewedById: string | null
  reviewedByName: string | null
  reviewedAt: Date | null
  reviewReason: string | null
  cancelled: boolean
}

/** `_id` = `${meetingId}_${memberId}`: one 出勤异议 per member and meeting, whatever retries do. */
export interface ObjectionDoc {
  _id: string
  meetingId: string
  memberId: string
  memberName: string
  branchId: string
  meetingTitle: string
  meetingStartAt: Date
  /** The record she objected to, as it stood when she raised it. */
  recorded: 'absent' | 'late'
  reason: string
  status: ObjectionStatus
  raisedAt: Date
  /** What an accepted objection made of it: 出席, 迟到, or 不应参加 (taken off the expected list). */
  correctedTo: 'present' | 'late' | 'not_expected' | null
  resolvedById: string | null
  resolvedByName: string | null
  reply: string | null
  resolvedAt: Date | null
}

export function toObjectionView(o: ObjectionDoc): ObjectionView {
  return {
    id: o._id,
    meetingId: o.meetingId,
    meetingTitle: o.meetingTitle,
    meetingStartAt: new Date(o.meetingStartAt).toISOString(),
    memberId: o.memberId,
    memberName: o.memberName,
    recorded: o.recorded,
    reason: o.reason,
    status: o.status,
    raisedAt: new Date(o.raisedAt).toISOString(),
    correctedTo: o.correctedTo,
    resolvedByName: o.resolvedByName,
    reply: o.reply,
    resolvedAt: o.resolvedAt ? new Date(o.resolvedAt).toISOString() : null,
  }
}

export const recordId = (meetingId: string, memberId: string) => `${meetingId}_${memberId}`

/** Whether the meeting counts as over for attendance: closed, or its sign-in window has passed. */
export function isOver(m: Pick<MeetingDoc, 'status' | 'startAt' | 'window'>, now: Date): boolean {
  return m.status === 'closed' || windowState(m.startAt, m.window, now) === 'closed'
}

export function toMeetingView(m: Omit<MeetingDoc, 'expectedIds'>, orgs: ReadonlyMap<string, OrgDoc>): MeetingView {
  return {
    id: m._id,
    branchId: m.branchId,
    branchName: orgs.get(m.branchId)?.name ?? '',
    groupId: m.groupId,
    groupName: m.groupId ? (orgs.get(m.groupId)?.name ?? null) : null,
    title: m.title,
    type: m.type,
    typeLabel: MEETING_TYPE_LABELS[m.type],
    startAt: new Date(m.startAt).toISOString(),
    endAt: new Date(m.endAt).toISOString(),
    place: m.place,
    agenda: m.agenda,
    notes: m.notes,
    open: m.open,
    window: m.window,
    staticCode: m.staticCode,
    status: m.status,
    expectedCount: m.expectedCount,
    cancelReason: m.cancelReason,
    revision: m.revision ?? 0,
  }
}
