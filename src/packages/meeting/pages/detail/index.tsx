import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { LeaveStatus, MyMeeting } from '@/contract'
import { MyMeetingBadge } from '@/components/attendance-badge'
import { meetingTime, signInOpen, signInWindowText } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { DetailScreen, ErrorState, KitButton, useConfirm } from '@/components/kit'
import { usePageParams } from '@/components/kit/use-page-params'
import { RecordCard } from '../../components/record-card'
import { formatDateTime } from '@/domain/time'
import { messageOf, useMutation, useProcedure } from '@/remote'
import { updateProcedure } from '@/remote/patch'
import { RemindMe } from '../../components/remind-me'
import { ObjectionCard } from '../../components/objection-card'
import { ReasonForm } from '../../components/reason-form'
import { ROUTES } from '@/routes'
import './index.scss'

/** The contract's cap on a leave reason (meeting.requestLeave). */
const LEAVE_REASON_MAX = 200

const LEAVE_LABELS: Record<LeaveStatus, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回' }

export default function MeetingDetailPage() {
  const params = usePageParams()
  const id = params?.id ?? ''
  const query = useProcedure('meeting.detail', { meetingId: id }, { enabled: !!id })
  if (params && !id) {
    return (
      <View className="page">
        <ErrorState error={{ message: '没有指定会议，请从会议列表进入' }} />
      </View>
    )
  }
  return (
    <DetailScreen query={query} pageClassName="detail" skeleton={{ cards: 2, rows: 3 }}>
      {({ meeting }) => <MeetingBody meeting={meeting} />}
    </DetailScreen>
  )
}

function MeetingBody({ meeting }: { meeting: MyMeeting }) {
  const [reason, setReason] = useState('')
  const [formError, setFormError] = useState<string | null>(null)
  const [editingLeave, setEditingLeave] = useState(false)
  const confirm = useConfirm()
  const withdrawLeave = useMutation('meeting.withdrawLeave', { invalidates: ['meeting.mine', 'meeting.detail'] })
  const requestLeave = useMutation('meeting.requestLeave', {
    invalidates: ['meeting.mine'],
    // The answer is the leave as recorded: the meeting on screen takes it without asking again.
    onSuccess: ({ leave }, input) =>
      updateProcedure('meeting.detail', { meetingId: input.meetingId }, (old) =>
        old ? { meeting: { ...old.meeting, myLeave: { status: leave.status, reason: leave.reason } } } : old,
      ),
  })
  const submitting = requestLeave.pending

  const now = Date.now()
  const started = now >= new Date(meeting.startAt).getTime()
  const beforeStart = meeting.status === 'scheduled' && !started && meeting.myStatus === 'pending'
  const canAskLeave = meeting.myExpected && beforeStart && meeting.myLeave?.status !== 'approved'
  const canWithdraw = meeting.myExpected && beforeStart && !!meeting.myLeave && meeting.myLeave.status !== 'rejected'
  const showLeaveForm = canAskLeave && editingLeave

  const openLeaveForm = () => {
    // Editing starts from the reason already given.
    setReason(meeting.myLeave && meeting.myLeave.status !== 'rejected' ? meeting.myLeave.reason : '')
    setFormError(null)
    setEditingLeave(true)
  }

  const withdraw = async () => {
    const go = await confirm({
      title: '撤回请假',
      content: '撤回后按正常参会处理，确定撤回吗？',
      confirmText: '撤回',
      danger: true,
    })
    if (!go) return
    try {
      await withdrawLeave.run({ meetingId: meeting.id })
      Taro.showToast({ title: '已撤回请假', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  const submitLeave = async () => {
    const text = reason.trim()
    if (text.length < 2) {
      setFormError('请填写请假原因（至少 2 个字）')
      return
    }
    if (text.length > LEAVE_REASON_MAX) {
      setFormError(`请假原因最多 ${LEAVE_REASON_MAX} 个字，现在有 ${text.length} 个字，请精简后再提交`)
      return
    }
    setFormError(null)
    try {
      await requestLeave.run({ meetingId: meeting.id, reason: text })
      setEditingLeave(false)
      setReason('')
      Taro.showToast({ title: '请假申请已提交', icon: 'success' })
    } catch (e) {
      setFormError(messageOf(e))
    }
  }

  return (
    <>
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

      {new Date(meeting.startAt).getTime() <= now && meeting.status !== 'cancelled' && (
        <RecordCard meetingId={meeting.id} />
      )}

      <View className="card detail-mine">
        <View className="detail-mine-row">
          <Text className="detail-mine-label">我的出勤</Text>
          <MyMeetingBadge meeting={meeting} />
        </View>
        {meeting.mySignedAt && (
          <Text className="muted detail-signed">签到时间：{formatDateTime(meeting.mySignedAt)}</Text>
        )}
        {(meeting.myStatus === 'absent' || meeting.myStatus === 'leave') &&
          (meeting.status === 'closed' || (started && meeting.status === 'scheduled' && !signInOpen(meeting))) && (
            <Button
              id="detail-makeup"
              className="detail-checkin"
              fill="outline"
              block
              onClick={() => Taro.navigateTo({ url: `${ROUTES.meetingMakeupDo}?id=${encodeURIComponent(meeting.id)}` })}
            >
              补学：阅读会议纪实
            </Button>
          )}
        {!started &&
          meeting.status === 'scheduled' &&
          meeting.myExpected &&
          (!meeting.myLeave || meeting.myLeave.status === 'rejected') && <RemindMe meetingId={meeting.id} />}
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

      <ObjectionCard meeting={meeting} />

      <View className="card detail-leave" id="detail-leave">
        <Text className="detail-mine-label">请假</Text>
        {meeting.myLeave && (
          <View className="detail-leave-status">
            <Text className={`leave-status leave-status-${meeting.myLeave.status}`}>
              {LEAVE_LABELS[meeting.myLeave.status]}
            </Text>
            <Text className="muted detail-leave-reason">原因：{meeting.myLeave.reason}</Text>
            {!editingLeave && (
              <View className="detail-leave-actions">
                {canAskLeave && (
                  <KitButton id="leave-edit" size="small" kind="outline" onClick={openLeaveForm}>
                    {meeting.myLeave.status === 'rejected' ? '重新申请' : '修改原因'}
                  </KitButton>
                )}
                {canWithdraw && (
                  <KitButton
                    id="leave-withdraw"
                    size="small"
                    kind="text"
                    loading={withdrawLeave.pending}
                    onClick={withdraw}
                  >
                    撤回请假
                  </KitButton>
                )}
              </View>
            )}
          </View>
        )}
        {showLeaveForm ? (
          <ReasonForm
            id="leave"
            value={reason}
            onInput={setReason}
            placeholder="请填写请假原因，如公务出差、病假等"
            max={LEAVE_REASON_MAX}
            error={formError}
            busy={submitting}
            submitText="提交请假申请"
            onCancel={() => setEditingLeave(false)}
            onSubmit={submitLeave}
          />
        ) : (
          !meeting.myLeave &&
          (canAskLeave ? (
            <KitButton id="leave-open" kind="outline" block onClick={openLeaveForm}>
              请假
            </KitButton>
          ) : (
            <Text className="muted detail-leave-closed">
              {!meeting.myExpected
                ? '您不在本次会议的应到名单中，无需请假'
                : meeting.status !== 'scheduled'
                  ? '会议已结束或已取消'
                  : started
                    ? '会议已开始，不能再请假；如确有原因请联系支部书记补批'
                    : meeting.myStatus !== 'pending'
                      ? '您已签到，无需请假'
                      : ''}
            </Text>
          ))
        )}
      </View>
    </>
  )
}
