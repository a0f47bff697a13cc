import { Text } from '@tarojs/components'
import type { LeaveStatus } from '@/contract'
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
