/**
 * Who came, who was late, who was excused and who was absent — the rules both the cloud and the app use.
 * Times are instants (Date); the window is relative to the meeting's start.
 */
export interface SignInWindow {
  /** Minutes before the start when sign-in opens (default 30). */
  opensBeforeMin: number
  /** Minutes after the start when sign-in closes (default 30). */
  closesAfterMin: number
  /** Minutes after the start still counted as on time (default 5). */
  graceMin: number
}

export const DEFAULT_WINDOW: SignInWindow = { opensBeforeMin: 30, closesAfterMin: 30, graceMin: 5 }

const MIN = 60_000

export type WindowState = 'not_open' | 'open' | 'closed'

/** Whether sign-in is open at `at`. Both ends are inclusive: a scan at exactly the opening or closing minute counts. */
export function windowState(start: Date, window: SignInWindow, at: Date): WindowState {
  const t = at.getTime()
  const opens = start.getTime() - window.opensBeforeMin * MIN
  const closes = start.getTime() + window.closesAfterMin * MIN
  if (t < opens) return 'not_open'
  if (t > closes) return 'closed'
  return 'open'
}

/** A sign-in at `at` is late when strictly after start + grace; exactly at start + grace is on time. */
export function isLate(start: Date, window: SignInWindow, at: Date): boolean {
  return at.getTime() > start.getTime() + window.graceMin * MIN
}

export type AttendanceMark = 'present' | 'late' | 'absent'
export type AttendanceStatus = 'present' | 'late' | 'leave' | 'absent' | 'pending'

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: '已签到',
  late: '迟到',
  leave: '请假',
  absent: '缺席',
  pending: '未签到',
}

export interface StatusInput {
  /** The member's attendance record, if any: a scan, or an organiser's mark (which may be "absent"). */
  record?: { status: AttendanceMark } | null
  /** Whether the member has an approved leave for this meeting. */
  leaveApproved: boolean
  /** Whether the meeting is over (closed, or its sign-in window has passed). */
  over: boolean
}

/**
 * A member's status for one meeting. A record wins over leave: someone who signed in and also had leave approved
 * came. Without a record, approved leave excuses; otherwise absent once the meeting is over, pending before.
 */
export function statusOf(input: StatusInput): AttendanceStatus {
  if (input.record) return input.record.status
  if (input.leaveApproved) return 'leave'
  return input.over ? 'absent' : 'pending'
}

export interface ExpectedMember {
  id: string
  /** When the member left the branch (moved, retired, died), if they did. */
  leftAt?: Date | null
}

/**
 * The members a meeting counts: its expected list, less anyone who had left the branch before it started. A member
 * who joined after the meeting is not on its list and so never counts as absent for it.
 */
export function countedMembers<M extends ExpectedMember>(expected: readonly M[], start: Date): M[] {
  return expected.filter((m) => !m.leftAt || m.leftAt.getTime() > start.getTime())
}

export interface Tally {
  expected: number
  present: number
  late: number
  leave: number
  absent: number
  pending: number
  /** (present + late) / (expected − leave); null when nobody was required to come. */
  rate: number | null
  /** Of `absent`, how many have done their 补学 (period reports only; never more than `absent`). */
  absentMadeUp?: number
  /** Of `leave`, how many have done their 补学. */
  leaveMadeUp?: number
}

/** Counts statuses into the figures every report shows. */
export function tally(statuses: readonly AttendanceStatus[]): Tally {
  const t: Tally = { expected: statuses.length, present: 0, late: 0, leave: 0, absent: 0, pending: 0, rate: null }
  for (const s of statuses) t[s]++
  t.rate = attendanceRate(t)
  return t
}

/** 出勤率: those who came over those who were required to come (approved leave is excused, not absent). */
export function attendanceRate(t: { expected: number; present: number; late: number; leave: number }): number | null {
  const required = t.expected - t.leave
  return required > 0 ? (t.present + t.late) / required : null
}

/** `87.5%`, or `—` when there is no rate. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`
}

/** How an organiser's correction reads on the board and in Excel: "由 李秀英 代签/补录". */
export function markedByLabel(name: string): string {
  return `由 ${name} 代签/补录`
}

/** 缺席 as reports show it: the absences still owed (those made up by 补学 are shown apart). */
export function owedAbsences(t: Tally): number {
  return Math.max(0, t.absent - (t.absentMadeUp ?? 0))
}

/**
 * The order members are listed in a branch's attendance report, on screen and in Excel alike: best rate first, those
 * with no rate (never required to come) last, then by name in pinyin order.
 */
export function statsMemberOrder(a: { name: string; tally: Tally }, b: { name: string; tally: Tally }): number {
  return (b.tally.rate ?? -1) - (a.tally.rate ?? -1) || a.name.localeCompare(b.name, 'zh')
}
