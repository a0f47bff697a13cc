import type { AttendanceStatus } from './attendance.rules'

/**
 * 出勤异议: a member who thinks her attendance record is wrong says so with a reason; her branch's secretary corrects it
 * (through the same 代签/补录 path every correction takes, so the counts follow) or answers why not. Shared by the cloud
 * (which decides) and the app (which offers the button only when the cloud would accept it).
 */
export type ObjectionStatus = 'pending' | 'accepted' | 'rejected'
/**
 * What the secretary decides: correct the record to 出席 or 迟到; or 不应参加 (`not_expected`: she was wrongly on the
 * meeting's expected list, e.g. an ordinary member at a 支部委员会 — she comes off it, so her 缺席 leaves every count);
 * or leave it as it is.
 */
export type ObjectionOutcome = 'present' | 'late' | 'not_expected' | 'rejected'

/** What an accepted objection made of the record, as the member and the secretary read it. */
export const CORRECTION_LABELS: Record<Exclude<ObjectionOutcome, 'rejected'>, string> = {
  present: '出席',
  late: '迟到',
  not_expected: '不应参加',
}

export const OBJECTION_LABELS: Record<ObjectionStatus, string> = {
  pending: '待处理',
  accepted: '已更正',
  rejected: '未更正',
}

/** How long after a meeting's end a member may still object: long enough to notice, short enough to verify. */
export const OBJECTION_DAYS = 30
export const OBJECTION_REASON_MIN = 5
export const OBJECTION_REASON_MAX = 200

/** Records a member can object to: a 缺席 (she says she came) or a 迟到 (she says she was on time). */
const OBJECTABLE: readonly AttendanceStatus[] = ['absent', 'late']

export type ObjectionRefusal = 'OBJECTION_TOO_EARLY' | 'OBJECTION_TOO_LATE' | 'OBJECTION_NOT_NEEDED'

/**
 * Why she may not object to this record now, or null when she may. `over`: the meeting's sign-in has closed (before
 * that her record can still change by scanning); `endAt`: the meeting's end, from which the 30 days run.
 */
export function objectionRefusal(input: {
  status: AttendanceStatus
  over: boolean
  endAt: Date | string
  now: Date | number
}): ObjectionRefusal | null {
  if (!input.over) return 'OBJECTION_TOO_EARLY'
  if (!OBJECTABLE.includes(input.status)) return 'OBJECTION_NOT_NEEDED'
  const end = new Date(input.endAt).getTime()
  if (new Date(input.now).getTime() > end + OBJECTION_DAYS * 24 * 3600_000) return 'OBJECTION_TOO_LATE'
  return null
}
