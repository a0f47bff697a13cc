import type { AttendanceMark, AttendanceStatus, SignInWindow, Tally } from '../domain/attendance.rules'
import type { ComplianceRow } from '../domain/compliance.rules'
import { MEETING_TYPES, type CheckInMethod, type MeetingStatus, type MeetingType } from '../domain/meeting.types'
import { action } from './access'
import { v } from './schema'

const id = (label: string) => v.str({ label, min: 1, max: 64 })
/** ISO 8601 instants (`2026-07-01T09:00:00+08:00`); the app sends China time with its offset. */
const instant = (label: string) =>
  v.str({
    label,
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
    patternMessage: `${label}格式不正确`,
  })
const page = v.optional(v.int({ label: '页码', min: 1, max: 10000 }))
const ADMINS = ['branch_admin', 'org_admin'] as const

const windowSchema = v.optional(
  v.object({
    opensBeforeMin: v.int({ label: '提前开放签到（分钟）', min: 0, max: 240 }),
    closesAfterMin: v.int({ label: '开始后关闭签到（分钟）', min: 0, max: 600 }),
    graceMin: v.int({ label: '迟到宽限（分钟）', min: 0, max: 120 }),
  }),
)

const meetingFields = {
  title: v.str({ label: '会议名称', min: 2, max: 60 }),
  type: v.oneOf(MEETING_TYPES, { label: '会议类型' }),
  startAt: instant('开始时间'),
  endAt: instant('结束时间'),
  place: v.str({ label: '地点', min: 1, max: 60 }),
  agenda: v.optional(v.str({ label: '第一议题', max: 200 })),
  notes: v.optional(v.str({ label: '会议内容', max: 2000 })),
  expectedIds: v.optional(v.array(id('应到人员'), { label: '应到人员', max: 500 })),
  open: v.optional(v.bool({ label: '全机关开放' })),
  window: windowSchema,
  staticCode: v.optional(v.bool({ label: '打印签到码' })),
}

/** The `meeting` cloud function: 三会一课 and other meetings, sign-in, leave, statistics and exports. */
export const meetingActions = {
  create: action({
    access: ADMINS,
    summary: '新建会议（默认应到：本支部或党小组全体党员）',
    input: v.object({ branchId: id('支部'), groupId: v.optional(id('党小组')), ...meetingFields }),
  }),
  update: action({
    access: ADMINS,
    summary: '修改会议（已结束或已取消的会议不能修改）',
    input: v.object({ meetingId: id('会议'), ...meetingFields }),
  }),
  cancel: action({
    access: ADMINS,
    summary: '取消会议',
    input: v.object({ meetingId: id('会议'), reason: v.str({ label: '取消原因', min: 2, max: 100 }) }),
  }),
  close: action({
    access: ADMINS,
    summary: '结束会议：未签到且未请假者计为缺席',
    input: v.object({ meetingId: id('会议') }),
  }),
  list: action({
    access: ADMINS,
    summary: '本支部会议列表（分页）',
    input: v.object({
      branchId: v.optional(id('支部')),
      status: v.optional(v.oneOf(['scheduled', 'closed', 'cancelled'] as const, { label: '状态' })),
      page,
    }),
  }),
  board: action({
    access: ADMINS,
    summary: '签到看板：应到、已到、迟到、请假、未到及名单',
    input: v.object({ meetingId: id('会议') }),
  }),
  qrToken: action({
    access: ADMINS,
    summary: '当前的动态签到码（每 10 秒更换）',
    input: v.object({ meetingId: id('会议') }),
  }),
  staticCode: action({
    access: ADMINS,
    summary: '生成打印用的固定签到码（仅在签到时段内有效）',
    input: v.object({ meetingId: id('会议') }),
  }),
  mark: action({
    access: ADMINS,
    summary: '代签/补录：标记已到、迟到或缺席并注明原因（记审计）',
    input: v.object({
      meetingId: id('会议'),
      memberId: id('党员'),
      status: v.oneOf(['present', 'late', 'absent'] as const, { label: '出勤状态' }),
      reason: v.str({ label: '原因', min: 2, max: 100 }),
    }),
  }),
  leaves: action({
    access: ADMINS,
    summary: '请假申请列表',
    input: v.object({
      meetingId: v.optional(id('会议')),
      branchId: v.optional(id('支部')),
      status: v.optional(v.oneOf(['pending', 'approved', 'rejected'] as const, { label: '状态' })),
      page,
    }),
  }),
  reviewLeave: action({
    access: ADMINS,
    summary: '批准或驳回请假（会后批准须注明原因，记审计）',
    input: v.object({
      leaveId: id('请假'),
      approve: v.bool({ label: '审批结果' }),
      reason: v.optional(v.str({ label: '原因', max: 100 })),
    }),
  }),
  stats: action({
    access: 'member',
    summary: '出勤统计：单次会议、党员个人、支部、全机关（党员只能看自己）',
    input: v.object({
      kind: v.oneOf(['meeting', 'member', 'branch', 'org'] as const, { label: '统计口径' }),
      meetingId: v.optional(id('会议')),
      memberId: v.optional(id('党员')),
      branchId: v.optional(id('支部')),
      from: v.optional(instant('开始日期')),
      to: v.optional(instant('结束日期')),
    }),
  }),
  compliance: action({
    access: ADMINS,
    summary: '组织生活达标情况：按月/季度对照最低频次',
    input: v.object({ branchId: id('支部'), year: v.int({ label: '年份', min: 2000, max: 2100 }) }),
  }),
  export: action({
    access: ADMINS,
    summary: '导出 Excel：单次会议签到表，或支部一段时间的出勤明细',
    input: v.object({
      kind: v.oneOf(['meeting', 'branch'] as const, { label: '导出内容' }),
      meetingId: v.optional(id('会议')),
      branchId: v.optional(id('支部')),
      from: v.optional(instant('开始日期')),
      to: v.optional(instant('结束日期')),
    }),
  }),
  mine: action({
    access: 'member',
    summary: '我的会议：即将召开或已召开（分页）',
    input: v.object({ when: v.oneOf(['upcoming', 'past'] as const, { label: '范围' }), page }),
  }),
  detail: action({
    access: 'member',
    summary: '会议详情及我的出勤、请假状态',
    input: v.object({ meetingId: id('会议') }),
  }),
  checkIn: action({
    access: 'member',
    summary: '扫码签到（动态码或打印码）；重复扫码返回首次签到时间',
    input: v.object({ token: v.str({ label: '签到码', min: 8, max: 200 }) }),
  }),
  requestLeave: action({
    access: 'member',
    summary: '会前请假（注明原因）',
    input: v.object({ meetingId: id('会议'), reason: v.str({ label: '请假原因', min: 2, max: 200 }) }),
  }),
}

export interface MeetingView {
  id: string
  branchId: string
  branchName: string
  groupId: string | null
  groupName: string | null
  title: string
  type: MeetingType
  typeLabel: string
  startAt: string
  endAt: string
  place: string
  agenda: string | null
  notes: string | null
  open: boolean
  window: SignInWindow
  staticCode: boolean
  status: MeetingStatus
  expectedCount: number
  cancelReason: string | null
}

export type LeaveStatus = 'pending' | 'approved' | 'rejected'

export interface LeaveView {
  id: string
  meetingId: string
  meetingTitle: string
  meetingStartAt: string
  memberId: string
  memberName: string
  reason: string
  status: LeaveStatus
  requestedAt: string
  reviewedByName: string | null
  reviewReason: string | null
}

export interface BoardRow {
  memberId: string
  name: string
  groupName: string | null
  status: AttendanceStatus
  at: string | null
  method: CheckInMethod | null
  /** "代签/补录 by 李秀英：…" when an organiser set it. */
  markedBy: string | null
  reason: string | null
}

export interface MyMeeting extends MeetingView {
  myStatus: AttendanceStatus
  mySignedAt: string | null
  myLeave: { status: LeaveStatus; reason: string } | null
}

export interface MemberStats {
  memberId: string
  name: string
  tally: Tally
}

export interface MeetingOutputs {
  create: { meeting: MeetingView }
  update: { meeting: MeetingView }
  cancel: { meeting: MeetingView }
  close: { meeting: MeetingView; tally: Tally }
  list: { items: Array<MeetingView & { tally: Tally | null }>; total: number; page: number; pageSize: number }
  board: { meeting: MeetingView; tally: Tally; rows: BoardRow[] }
  qrToken: { token: string; expiresInMs: number; signedIn: number }
  staticCode: { url: string; scene: string }
  mark: { row: BoardRow }
  leaves: { items: LeaveView[]; total: number; page: number; pageSize: number }
  reviewLeave: { leave: LeaveView }
  stats: {
    tally: Tally
    meetings: number
    /** Per meeting (member and branch kinds), newest first. */
    byMeeting?: Array<{ meetingId: string; title: string; startAt: string; type: MeetingType; tally: Tally }>
    /** Per branch (org kind). */
    byBranch?: Array<{ branchId: string; branchName: string; meetings: number; tally: Tally }>
    /** Per member (branch kind). */
    byMember?: MemberStats[]
  }
  compliance: { branchId: string; year: number; rows: ComplianceRow[] }
  export: { fileID: string; url: string; fileName: string }
  mine: { items: MyMeeting[]; total: number; page: number; pageSize: number }
  detail: { meeting: MyMeeting }
  checkIn: {
    meetingId: string
    meetingTitle: string
    status: Extract<AttendanceMark, 'present' | 'late'>
    at: string
    already: boolean
  }
  requestLeave: { leave: LeaveView }
}
