import type { AttendanceStatus } from './attendance.rules'

/**
 * 补学: a member who missed a meeting (absent, or excused on leave) catches up by reading its 纪实 and writing a short
 * reflection. The rules both the cloud and the app use.
 */
export type MakeupKind = 'absent' | 'leave'

export const MAKEUP_KIND_LABELS: Record<MakeupKind, string> = { absent: '缺席', leave: '请假' }

/** The shortest reflection that counts: a sentence, not "已学习". */
export const MAKEUP_MIN_CHARS = 20
export const MAKEUP_MAX_CHARS = 2000

/** Whether a member's status at a meeting that is over owes a 补学, and of which kind. */
export function makeupKindOf(status: AttendanceStatus): MakeupKind | null {
  return status === 'absent' || status === 'leave' ? status : null
}

/** A reflection's length as the member sees it (characters, not UTF-16 units), ignoring surrounding blanks. */
export function reflectionLength(text: string): number {
  return [...text.trim()].length
}

/**
 * The line reports print: 缺席 and 缺席已补学 apart (and the same for leave). `madeUp` never exceeds `missed`:
 * a member whose absence was later corrected to present keeps her 补学 record, but it no longer counts.
 */
export function splitMadeUp(missed: number, madeUp: number): { open: number; madeUp: number } {
  const m = Math.min(missed, Math.max(0, madeUp))
  return { open: missed - m, madeUp: m }
}
