import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh, useUnload } from '@tarojs/taro'
import { useState } from 'react'
import type { LeaveStatus } from '@/contract'
import { AttendanceBadge } from '@/components/attendance-badge'
import { meetingTime, signInOpen, signInWindowText } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { ErrorState, LoadingSkeleton } from '@/components/page-state'
import { formatDateTime } from '@/domain/time'
import { messageOf } from '@/remote/messages'
import { ROUTES } from '@/routes'
import { useMeetingDetailStore } from '@/stores/meeting-detail.store'
import './index.scss'

const LEAVE_LABELS: Record<LeaveStatus, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回' }

export default function MeetingDetailPage() {
  const meeting = useMeetingDetailStore((s) => s.meeting)
  const loading = useMeetingDetailStore((s) => s.loading)
  const error = useMeetingDetailStore((s) => s.error)
  const submitting = useMeetingDetailStore((s) => s.submitting)
  const load = useMeetingDetailStore((s) => s.load)
  const requestLeave = useMeetingDetailStore((s) => s.requestLeave)
  const reset = useMeetingDetailStore((s) => s.reset)
  const [id, setId] = useState('')
  const [reason, setReason] = useState('')
  const [formError, setFormError] = useState<string | null>(null)
  const [editingLeave, setEditingLeave] = useState(false)

  useLoad((params?: Record<string, string>) => {
    const meetingId = decodeURIComponent(params?.id ?? '')
    setId(meetingId)
    reset()
    if (meetingId) load(meetingId)
  })
  useUnload(() => reset())
  usePullDownRefresh(() => {
    ;(id ? load(id) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh())
  })

  if (!id) {
    return (
      <View className="page">
        <ErrorState message="没有指定会议，请从会议列表进入" />
      </View>
    )
  }
  if (error && !meeting) {
    return (
      <View className="page">
        <ErrorState message={error.message} onRetry={() => load(id)} />
      </View>
    )
  }
  if (!meeting || (loading && !meeting)) {
    return (
      <View className="page">
        <LoadingSkeleton cards={2} rows={3} />
      </View>
    )
  }

  const now = Date.now()
  const started = now >= new Date(meeting.startAt).getTime()
  const canAskLeave =
    meeting.status === 'scheduled' &&
    !started &&
    meeting.myStatus === 'pending' &&
    meeting.myLeave?.status !== 'approved'
  const showLeaveForm = canAskLeave && (!meeting.myLeave || editingLeave)

  const submitLeave = async () => {
    const text = reason.trim()
    if (text.length < 2) {
      setFormError('请填写请假原因（至少 2 个字）')
      return
    }
    setFormError(null)
    try {
      await requestLeave(text)
      setEditingLeave(false)
      setReason('')
      Taro.showToast({ title: '请假申请已提交', icon: 'success' })
    } catch (e) {
      setFormError(messageOf(e))
    }
  }

  return (
    <View className="page detail">
      <View className="card detail-head">
        <View className="detail-tags">
          <Text className="type-tag">{meeting.typeLabel}</Text>
          {meeting.status === 'cancelled' && <Text className="att-badge att-badge-pending">已取消</Text>}
          {meeting.status === 'closed' && <Text className="att-badge att-badge-pending">已结束</Text>}
        </View>
        <Text className="detail-title">{meeting.title}</Text>
        <Text className="muted">
          {meeting.branchName}
          {meeting.groupName ? ` · ${meeting.groupName}` : ''}
          {meeting.open ? ' · 全机关开放' : ''}
        </Text>
        {meeting.status === 'cancelled' && meeting.cancelReason && (
          <View className="form-error">取消原因：{meeting.cancelReason}</View>
        )}
      </View>

      <View className="card">
        <Text className="field-label">时间</Text>
        <Text className="field-value">{meetingTime(meeting)}</Text>
        <Text className="field-label">地点</Text>
        <Text className="field-value">{meeting.place}</Text>
        <Text className="field-label">签到时段</Text>
        <Text className="field-value">{signInWindowText(meeting)}</Text>
        {meeting.agenda && (
          <>
            <Text className="field-label">第一议题</Text>
            <Text className="field-value detail-agenda">{meeting.agenda}</Text>
          </>
        )}
        {meeting.notes && (
          <>
            <Text className="field-label">会议内容</Text>
            <Text className="field-value">{meeting.notes}</Text>
          </>
        )}
      </View>

      <View className="card detail-mine">
        <View className="detail-mine-row">
          <Text className="detail-mine-label">我的出勤</Text>
          <AttendanceBadge status={meeting.myStatus} leave={meeting.myLeave?.status} />
        </View>
        {meeting.mySignedAt && (
          <Text className="muted detail-signed">签到时间：{formatDateTime(meeting.mySignedAt)}</Text>
        )}
        {signInOpen(meeting) && meeting.myStatus === 'pending' && (
          <Button
            className="detail-checkin"
            type="primary"
            block
            onClick={() => Taro.navigateTo({ url: `${ROUTES.meetingCheckIn}?scan=1` })}
          >
            扫码签到
          </Button>
        )}
      </View>

      <View className="card detail-leave" id="detail-leave">
        <Text className="detail-mine-label">请假</Text>
        {meeting.myLeave && (
          <View className="detail-leave-status">
            <Text className={`leave-status leave-status-${meeting.myLeave.status}`}>
              {LEAVE_LABELS[meeting.myLeave.status]}
            </Text>
            <Text className="muted detail-leave-reason">原因：{meeting.myLeave.reason}</Text>
            {canAskLeave && meeting.myLeave.status !== 'approved' && !editingLeave && (
              <Button size="small" fill="outline" onClick={() => setEditingLeave(true)}>
                {meeting.myLeave.status === 'rejected' ? '重新申请' : '修改原因'}
              </Button>
            )}
          </View>
        )}
        {showLeaveForm ? (
          <View className="detail-leave-form">
            <Textarea
              id="leave-reason"
              className="detail-leave-input"
              value={reason}
              maxlength={200}
              placeholder="请填写请假原因，如公务出差、病假等"
              onInput={(e) => setReason(e.detail.value)}
            />
            {formError && (
              <View className="form-error" role="alert">
                {formError}
              </View>
            )}
            <Button
              id="leave-submit"
              className="detail-leave-submit"
              type="primary"
              block
              loading={submitting}
              onClick={submitLeave}
            >
              提交请假申请
            </Button>
          </View>
        ) : (
          !meeting.myLeave && (
            <Text className="muted detail-leave-closed">
              {meeting.status !== 'scheduled'
                ? '会议已结束或已取消'
                : started
                  ? '会议已开始，不能再请假；如确有原因请联系支部书记补批'
                  : meeting.myStatus !== 'pending'
                    ? '您已签到，无需请假'
                    : ''}
            </Text>
          )
        )}
      </View>
    </View>
  )
}
