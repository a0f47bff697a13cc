import type { AttendanceMark, AttendanceStatus, SignInWindow, Tally } from '../domain/attendance.rules'
import type { ComplianceRow } from '../domain/compliance.rules'
import type { CriticismEntry, RecordState, RecordTopic } from '../domain/record.rules'
import { MAKEUP_MAX_CHARS, type MakeupKind } from '../domain/makeup.rules'
import {
  OBJECTION_REASON_MAX,
  OBJECTION_REASON_MIN,
  type ObjectionOutcome,
  type ObjectionStatus,
} from '../domain/objection.rules'
import { MEETING_TYPES, type CheckInMethod, type MeetingStatus, type MeetingType } from '../domain/meeting.types'
import { action } from './access'
import { revision, v } from './schema'

const id = (label: string) => v.str({ label, min: 1, max: 64 })
/** ISO 8601 instants (`2026-07-01T09:00:00+08:00`); the app sends China time with its offset. */
// Real calendar moments only, 2000–2100 (src/contract/schema.ts).
const instant = (label: string) => v.instant({ label })
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

// A stored file: the schema admits only cloud file ids and https links (never `javascript:` or `data:`, which a page
// would open or show); the handler then asks for uploaded files (cloud://), since the Word export embeds them.
const fileId = (label: string) => v.link({ label, max: 300 })
const year = v.int({ label: '年份', min: 2000, max: 2100 })

const recordFields = {
  hostId: v.optional(id('主持人')),
  recorderId: v.optional(id('记录人')),
  topics: v.array(
    v.object({ title: v.str({ label: '议题', min: 1, max: 200 }), first: v.bool({ label: '第一议题' }) }),
    { label: '议题', max: 20 },
  ),
  minutes: v.optional(v.str({ label: '会议记录', max: 20000, trim: false })),
  decisions: v.array(v.str({ label: '决议', min: 1, max: 500 }), { label: '决议/决定', max: 30 }),
  photos: v.array(fileId('照片'), { label: '照片', max: 9 }),
  materials: v.array(v.object({ fileID: fileId('材料'), name: v.str({ label: '材料名称', min: 1, max: 100 }) }), {
    label: '会议材料',
    max: 10,
  }),
  criticism: v.optional(
    v.array(
      v.object({
        memberId: id('党员'),
        selfCriticism: v.str({ label: '自我批评', max: 2000 }),
        criticisms: v.optional(v.str({ label: '批评意见', max: 2000 })),
      }),
      { label: '批评与自我批评', max: 200 },
    ),
  ),
  /** Marks the record 已完成; the server refuses it while something required is missing. */
  complete: v.bool({ label: '标记为已完成' }),
}

/** The `meeting` cloud function: 三会一课 and other meetings, sign-in, leave, statistics and exports. */
export const meetingActions = {
  create: action({
    access: ADMINS,
    summary: '新建会议（默认应到随会议类型：支部委员会为支部委员，党小组会为本小组，其余为本支部全体党员）',
    input: v.object({ branchId: id('支部'), groupId: v.optional(id('党小组')), ...meetingFields }),
  }),
  update: action({
    access: ADMINS,
    summary: '修改会议（已结束或已取消的会议不能修改）',
    input: v.object({ meetingId: id('会议'), revision, ...meetingFields }),
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
      /** When the member actually arrived (补录 after the fact); kept as stated, not the time of the click. */
      at: v.optional(instant('到会时间')),
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
    input: v.object(
      {
        kind: v.oneOf(['meeting', 'member', 'branch', 'org'] as const, { label: '统计口径' }),
        meetingId: v.optional(id('会议')),
        memberId: v.optional(id('党员')),
        branchId: v.optional(id('支部')),
        from: v.optional(instant('开始日期')),
        to: v.optional(instant('结束日期')),
      },
      { order: [['from', 'to']] },
    ),
  }),
  compliance: action({
    access: ADMINS,
    summary: '组织生活达标情况：按月/季度对照最低频次',
    input: v.object({ branchId: id('支部'), year: v.int({ label: '年份', min: 2000, max: 2100 }) }),
  }),
  setComplianceStart: action({
    access: ['org_admin'],
    summary: '设置支部开始使用本系统的日期（组织生活达标从这天算起；不设则从支部第一次会议算起，记审计）',
    input: v.object({ branchId: id('支部'), from: v.optional(instant('启用日期')) }),
  }),
  export: action({
    access: ADMINS,
    summary: '导出 Excel：单次会议签到表，或支部一段时间的出勤明细',
    input: v.object(
      {
        kind: v.oneOf(['meeting', 'branch'] as const, { label: '导出内容' }),
        meetingId: v.optional(id('会议')),
        branchId: v.optional(id('支部')),
        from: v.optional(instant('开始日期')),
        to: v.optional(instant('结束日期')),
      },
      { order: [['from', 'to']] },
    ),
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
  organiserPresent: action({
    access: ADMINS,
    summary: '我已到会：出示签到码的组织者本人一键签到（须在签到时段内、在应到名单中）',
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
  withdrawLeave: action({
    access: 'member',
    summary: '撤回自己的请假申请（会议开始前）',
    input: v.object({ meetingId: id('会议') }),
  }),
  saveRecord: action({
    access: ADMINS,
    summary: '填写会议纪实：主持人、记录人、议题、会议记录、决议、照片、材料（组织生活会含批评与自我批评）',
    input: v.object({ meetingId: id('会议'), revision, ...recordFields }),
  }),
  record: action({
    access: 'member',
    summary: '会议纪实：管理员看本支部的会议，党员看应参加的会议（含缺席者）',
    input: v.object({ meetingId: id('会议') }),
  }),
  recordCompleteness: action({
    access: ['org_admin'] as const,
    summary: '各支部会议纪实完成情况（按年）',
    input: v.object({ year }),
  }),
  saveTalk: action({
    access: ADMINS,
    summary: '登记谈心谈话：谈话对象、时间、主题、内容摘要',
    input: v.object({
      participantIds: v.array(id('谈话对象'), { label: '谈话对象', min: 1, max: 5 }),
      at: instant('谈话时间'),
      topic: v.str({ label: '谈话主题', min: 2, max: 60 }),
      summary: v.str({ label: '谈话摘要', min: 10, max: 2000 }),
    }),
  }),
  talks: action({
    access: ADMINS,
    summary: '谈心谈话记录（本支部，按年，分页）',
    input: v.object({ branchId: v.optional(id('支部')), year, page }),
  }),
  setTalkRule: action({
    access: ['org_admin'] as const,
    summary: '设置支部书记每年谈心谈话的最低次数',
    input: v.object({ perYear: v.int({ label: '每年最低次数', min: 1, max: 100 }) }),
  }),
  makeupTasks: action({
    access: 'member',
    summary: '我的补学：本年缺席或请假的会议，阅读会议纪实并写学习体会',
    input: v.object({ year: v.optional(year) }),
  }),
  submitMakeup: action({
    access: 'member',
    summary: '提交补学：读过会议纪实后写学习体会（每次会议一次，重复提交返回首次的记录）',
    input: v.object({
      meetingId: id('会议'),
      reflection: v.str({ label: '学习体会', min: 1, max: MAKEUP_MAX_CHARS, trim: false }),
    }),
  }),
  raiseObjection: action({
    access: 'member',
    summary: '对自己的出勤记录提出异议（缺席或迟到，签到结束后 30 天内，注明原因；待处理时可修改原因）',
    input: v.object({
      meetingId: id('会议'),
      reason: v.str({ label: '异议原因', min: OBJECTION_REASON_MIN, max: OBJECTION_REASON_MAX }),
    }),
  }),
  objections: action({
    access: ADMINS,
    summary: '出勤异议列表（本支部，按状态，分页）',
    input: v.object({
      branchId: v.optional(id('支部')),
      status: v.optional(v.oneOf(['pending', 'accepted', 'rejected'] as const, { label: '状态' })),
      page,
    }),
  }),
  resolveObjection: action({
    access: ADMINS,
    summary:
      '处理出勤异议：更正为出席或迟到（经代签/补录写入出勤，记审计），或确认不应参加（移出应到名单，记审计），或说明不予更正的理由',
    input: v.object({
      objectionId: id('异议'),
      outcome: v.oneOf(['present', 'late', 'not_expected', 'rejected'] as const, { label: '处理结果' }),
      reply: v.str({ label: '处理意见', min: 2, max: 100 }),
    }),
  }),
  makeups: action({
    access: ADMINS,
    summary: '补学情况：一次会议的缺席、请假人员及谁已补学（含学习体会）',
    input: v.object({ meetingId: id('会议') }),
  }),
}

/** One meeting a member owes (or has done) 补学 for. */
export interface MakeupTask {
  meetingId: string
  title: string
  typeLabel: string
  startAt: string
  kind: MakeupKind
  /** The 纪实 is 已完成: only then can the member read it and catch up. */
  recordReady: boolean
  done: { at: string; reflection: string } | null
}

export interface MakeupRow {
  memberId: string
  name: string
  kind: MakeupKind
  done: { at: string; reflection: string } | null
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
  /** The revision the record is at: an editor sends it back with its save (a save from an older one is refused). */
  revision: number
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
  /** "由 李秀英 代签/补录" when an organiser set it. */
  markedBy: string | null
  reason: string | null
  /** A leave request waiting for approval, shown beside the member so it can be approved in one tap. */
  pendingLeave?: { leaveId: string; reason: string } | null
  /** The member has not bound WeChat yet: cannot scan, so 未到 is expected until someone helps them. */
  unbound?: boolean
}

/** A member's 出勤异议 on one meeting, as she and her secretary both see it. */
export interface ObjectionView {
  id: string
  meetingId: string
  meetingTitle: string
  meetingStartAt: string
  memberId: string
  memberName: string
  /** The record she objected to (缺席 or 迟到). */
  recorded: Extract<AttendanceStatus, 'absent' | 'late'>
  reason: string
  status: ObjectionStatus
  raisedAt: string
  /** What the record was corrected to (accepted only). */
  correctedTo: Exclude<ObjectionOutcome, 'rejected'> | null
  resolvedByName: string | null
  reply: string | null
  resolvedAt: string | null
}

export interface MyMeeting extends MeetingView {
  /** On the expected list (应到): only then is there anything to ask leave for. */
  myExpected: boolean
  myStatus: AttendanceStatus
  mySignedAt: string | null
  myLeave: { status: LeaveStatus; reason: string } | null
  /** Her 出勤异议 on this meeting (meetings that are over only; absent elsewhere). */
  myObjection?: ObjectionView | null
}

export interface MemberStats {
  memberId: string
  name: string
  tally: Tally
  /** Not yet bound to a WeChat identity: she cannot scan, so her absences say more about binding than attendance. */
  unbound?: boolean
  groupName?: string | null
}

/** Unbound members in a report: how many there are, and how many of the 缺席 (still owed, 人次) are theirs. */
export interface UnboundFigures {
  members: number
  absent: number
}

export interface PersonRef {
  id: string
  name: string
}

export interface StoredFile {
  fileID: string
  /** A temporary download link (expires): show it, never save it back. */
  url: string
}

export interface RecordView {
  meeting: MeetingView
  state: RecordState
  /** What still keeps the record from 已完成 (empty when complete). */
  gaps: string[]
  host: PersonRef | null
  recorder: PersonRef | null
  topics: RecordTopic[]
  minutes: string
  decisions: string[]
  photos: StoredFile[]
  materials: Array<StoredFile & { name: string }>
  criticism: CriticismEntry[]
  attendance: { tally: Tally; absent: string[]; leave: string[]; present: string[] }
  updatedAt: string | null
  updatedByName: string | null
  /** The revision the record is at: an editor sends it back with its save (a save from an older one is refused). */
  revision: number
}

export interface TalkView {
  id: string
  branchId: string
  secretary: PersonRef
  participants: PersonRef[]
  at: string
  topic: string
  summary: string
}

export interface MeetingOutputs {
  create: { meeting: MeetingView }
  update: { meeting: MeetingView }
  cancel: { meeting: MeetingView }
  close: { meeting: MeetingView; tally: Tally }
  list: {
    items: Array<MeetingView & { tally: Tally | null; recordState: RecordState }>
    total: number
    page: number
    pageSize: number
  }
  board: {
    meeting: MeetingView
    tally: Tally
    rows: BoardRow[]
    /** Of the 未到 / 缺席, how many have not bound WeChat (they cannot scan). */
    unboundMissing?: number
  }
  qrToken: { token: string; expiresInMs: number; signedIn: number }
  staticCode: { url: string; scene: string }
  mark: { row: BoardRow }
  leaves: { items: LeaveView[]; total: number; page: number; pageSize: number }
  reviewLeave: { leave: LeaveView }
  stats: {
    tally: Tally
    meetings: number
    /** Period kinds: meetings still in their sign-in window, left out of the figures until it closes. */
    inProgress?: number
    /** Per meeting (member and branch kinds), newest first. */
    byMeeting?: Array<{
      meetingId: string
      title: string
      startAt: string
      type: MeetingType
      tally: Tally
      /** Member kind: the state of her 出勤异议 on the meeting, if she raised one. */
      objection?: ObjectionStatus | null
    }>
    /** Per branch (org kind). */
    byBranch?: Array<{ branchId: string; branchName: string; meetings: number; tally: Tally; unbound: UnboundFigures }>
    /** Per member (branch kind), in the order the screen and the Excel list them (statsMemberOrder). */
    byMember?: MemberStats[]
    /** Branch and org kinds: the unbound members and their share of the absences. */
    unbound?: UnboundFigures
  }
  compliance: {
    branchId: string
    year: number
    rows: ComplianceRow[]
    /** Meetings held this year whose 纪实 is not 已完成, newest first. */
    missingRecords: Array<{ meetingId: string; title: string; typeLabel: string; startAt: string }>
    /**
     * The day the figures count from: set by the committee (`set`), else the branch's first recorded meeting
     * (`first_meeting`); null when the branch has no meeting yet.
     */
    since: { at: string; source: 'set' | 'first_meeting' } | null
  }
  setComplianceStart: { branchId: string; since: { at: string; source: 'set' | 'first_meeting' } | null }
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
  /** false: there was no request to withdraw (already withdrawn: a retry lands here). */
  withdrawLeave: { withdrawn: boolean }
  saveRecord: { record: RecordView }
  record: { record: RecordView }
  recordCompleteness: {
    year: number
    rows: Array<{ branchId: string; branchName: string; held: number; complete: number }>
  }
  saveTalk: { talk: TalkView; already: boolean }
  talks: { items: TalkView[]; total: number; page: number; pageSize: number; held: number; required: number }
  setTalkRule: { perYear: number }
  makeupTasks: { year: number; items: MakeupTask[]; open: number; done: number }
  submitMakeup: { task: MakeupTask; already: boolean }
  makeups: { meeting: MeetingView; recordReady: boolean; rows: MakeupRow[]; done: number; owed: number }
  raiseObjection: { objection: ObjectionView }
  objections: { items: ObjectionView[]; total: number; page: number; pageSize: number }
  /** `row`: the corrected 签到看板 row (accepted only). */
  resolveObjection: { objection: ObjectionView; row: BoardRow | null }
  organiserPresent: MeetingOutputs['checkIn']
}
