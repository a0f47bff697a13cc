import { Text } from '@tarojs/components'
import type { LeaveStatus, MyMeeting } from '@/contract'
import { ATTENDANCE_STATUS_LABELS, type AttendanceStatus } from '@/domain/attendance.rules'
import './attendance-badge.scss'

/**
 * A member's status for one meeting as a coloured badge. A pending leave request is not yet 请假 (the status is still
 * 未签到), but the member should see that it is waiting: 请假待批.
 */
export function AttendanceBadge({ status, leave }: { status: AttendanceStatus; leave?: LeaveStatus | null }) {
  const leavePending = status === 'pending' && leave === 'pending'
  const label = leavePending ? '请假待批' : ATTENDANCE_STATUS_LABELS[status]
  return <Text className={`att-badge att-badge-${leavePending ? 'leave-pending' : status}`}>{label}</Text>
}

/**
 * A member's badge on one of their meetings, as of `now`. Before a meeting ends nobody is 缺席 or 未签到 yet: it is
 * 待参加 until sign-in opens, 签到中 while it is open, then 进行中 — a week-away meeting said 未签到 and one in
 * progress said 缺席 under 即将召开.
 */
export function myMeetingBadge(
  m: Pick<MyMeeting, 'status' | 'myStatus' | 'myLeave' | 'startAt' | 'endAt' | 'window'>,
  now: number,
): { label: string; tone: string } {
  if (m.status === 'cancelled') return { label: '已取消', tone: 'pending' }
  if (m.myStatus === 'present' || m.myStatus === 'late' || m.myStatus === 'leave')
    return { label: ATTENDANCE_STATUS_LABELS[m.myStatus], tone: m.myStatus }
  if (m.myLeave?.status === 'pending') return { label: '请假待批', tone: 'leave-pending' }
  const over = m.status === 'closed' || now > Date.parse(m.endAt)
  if (!over) {
    const start = Date.parse(m.startAt)
    if (now < start - m.window.opensBeforeMin * 60_000) return { label: '待参加', tone: 'pending' }
    if (now <= start + m.window.closesAfterMin * 60_000) return { label: '签到中', tone: 'open' }
    return { label: '进行中', tone: 'pending' }
  }
  return { label: ATTENDANCE_STATUS_LABELS[m.myStatus], tone: m.myStatus }
}

/** The badge of one of the member's own meetings (list and detail). */
export function MyMeetingBadge({ meeting, now = Date.now() }: { meeting: MyMeeting; now?: number }) {
  const b = myMeetingBadge(meeting, now)
  return <Text className={`att-badge att-badge-${b.tone}`}>{b.label}</Text>
}
