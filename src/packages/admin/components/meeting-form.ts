import type { MeetingView } from '@/contract'
import { DEFAULT_WINDOW } from '@/domain/attendance.rules'
import { isLeadershipMeeting, type MeetingType } from '@/domain/meeting.types'
import { china } from '@/domain/time'

/** What the 新建/编辑会议 form holds: text as typed, dates and times as China-time strings. */
export interface MeetingForm {
  branchId: string
  groupId: string | null
  title: string
  type: MeetingType
  /** `2026-07-01` */
  date: string
  /** `09:00` */
  start: string
  end: string
  place: string
  agenda: string
  notes: string
  open: boolean
  opensBeforeMin: string
  closesAfterMin: string
  graceMin: string
  staticCode: boolean
}

/** The instant of a China-time date and time, as the cloud wants it: `2026-07-01T09:00:00+08:00`. */
export function chinaInstant(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}

/** A new meeting: next full hour today (China time), one hour long, the default sign-in window. */
export function blankForm(branchId: string, now = Date.now()): MeetingForm {
  const start = china(now).add(1, 'hour').startOf('hour')
  const end = start.add(1, 'hour')
  return {
    branchId,
    groupId: null,
    title: '',
    type: 'branch_assembly',
    date: start.format('YYYY-MM-DD'),
    start: start.format('HH:mm'),
    end: end.format('YYYY-MM-DD') === start.format('YYYY-MM-DD') ? end.format('HH:mm') : '23:59',
    place: '',
    agenda: '',
    notes: '',
    open: false,
    opensBeforeMin: String(DEFAULT_WINDOW.opensBeforeMin),
    closesAfterMin: String(DEFAULT_WINDOW.closesAfterMin),
    graceMin: String(DEFAULT_WINDOW.graceMin),
    staticCode: false,
  }
}

/** The form for an existing meeting. */
export function formOf(m: MeetingView): MeetingForm {
  const s = china(m.startAt)
  return {
    branchId: m.branchId,
    groupId: m.groupId,
    title: m.title,
    type: m.type,
    date: s.format('YYYY-MM-DD'),
    start: s.format('HH:mm'),
    end: china(m.endAt).format('HH:mm'),
    place: m.place,
    agenda: m.agenda ?? '',
    notes: m.notes ?? '',
    open: m.open,
    opensBeforeMin: String(m.window.opensBeforeMin),
    closesAfterMin: String(m.window.closesAfterMin),
    graceMin: String(m.window.graceMin),
    staticCode: m.staticCode,
  }
}

export interface MeetingFields {
  title: string
  type: MeetingType
  startAt: string
  endAt: string
  place: string
  agenda?: string
  notes?: string
  open: boolean
  window: { opensBeforeMin: number; closesAfterMin: number; graceMin: number }
  staticCode: boolean
  expectedIds?: string[]
}

function minutes(text: string, label: string, max: number): number | string {
  const t = text.trim()
  if (!/^\d{1,3}$/.test(t) || Number(t) > max) return `${label}请填写 0–${max} 之间的整数`
  return Number(t)
}

/**
 * Checks the form the way the cloud will, so the organiser sees a Chinese message beside the form before anything is
 * sent; returns the fields to send, or the first problem.
 */
export function validateMeetingForm(
  f: MeetingForm,
  expectedIds: string[] | null,
): { ok: true; fields: MeetingFields } | { ok: false; error: string } {
  const title = f.title.trim()
  if (!f.branchId) return { ok: false, error: '请选择支部' }
  if (title.length < 2 || title.length > 60) return { ok: false, error: '请填写会议名称（2–60 字）' }
  if (f.type === 'group_meeting' && !f.groupId) return { ok: false, error: '党小组会请选择党小组' }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) return { ok: false, error: '请选择会议日期' }
  if (!/^\d{2}:\d{2}$/.test(f.start)) return { ok: false, error: '请选择开始时间' }
  if (!/^\d{2}:\d{2}$/.test(f.end)) return { ok: false, error: '请选择结束时间' }
  if (f.end <= f.start) return { ok: false, error: '结束时间应晚于开始时间' }
  const place = f.place.trim()
  if (!place) return { ok: false, error: '请填写会议地点' }
  if (place.length > 60) return { ok: false, error: '会议地点不能超过 60 字' }
  if (f.agenda.trim().length > 200) return { ok: false, error: '第一议题不能超过 200 字' }
  if (f.notes.trim().length > 2000) return { ok: false, error: '会议内容不能超过 2000 字' }
  const opens = minutes(f.opensBeforeMin, '提前开放签到（分钟）', 240)
  if (typeof opens === 'string') return { ok: false, error: opens }
  const closes = minutes(f.closesAfterMin, '开始后关闭签到（分钟）', 600)
  if (typeof closes === 'string') return { ok: false, error: closes }
  const grace = minutes(f.graceMin, '迟到宽限（分钟）', 120)
  if (typeof grace === 'string') return { ok: false, error: grace }
  if (grace > closes) return { ok: false, error: '迟到宽限不能晚于签到关闭时间' }
  if (expectedIds && expectedIds.length === 0) return { ok: false, error: '请至少选择一名应到人员' }
  // The cloud asks the same: a 民主生活会 names its attendees rather than defaulting to a roster.
  if (isLeadershipMeeting(f.type) && !expectedIds) return { ok: false, error: '民主生活会请选择参会的领导班子成员' }
  const fields: MeetingFields = {
    title,
    type: f.type,
    startAt: chinaInstant(f.date, f.start),
    endAt: chinaInstant(f.date, f.end),
    place,
    open: f.open,
    window: { opensBeforeMin: opens, closesAfterMin: closes, graceMin: grace },
    staticCode: f.staticCode,
  }
  if (f.agenda.trim()) fields.agenda = f.agenda.trim()
  if (f.notes.trim()) fields.notes = f.notes.trim()
  if (expectedIds) fields.expectedIds = expectedIds
  return { ok: true, fields }
}
