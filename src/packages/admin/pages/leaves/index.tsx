import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { LeaveStatus, LeaveView } from '@/contract'
import { Chips, ListScreen } from '@/components/kit'
import { Button } from '@/components/nut'
import { ReasonDialog } from '@/components/reason-dialog'
import { formatDateTime } from '@/domain/time'
import { messageOf, useMutation, usePagedProcedure } from '@/remote'
import './index.scss'

const TABS: Array<{ value: LeaveStatus; label: string; id: string }> = [
  { value: 'pending', label: '待审批', id: 'leaves-status-pending' },
  { value: 'approved', label: '已批准', id: 'leaves-status-approved' },
  { value: 'rejected', label: '已驳回', id: 'leaves-status-rejected' },
]

type Asking = { leave: LeaveView; approve: boolean }

const started = (l: LeaveView) => Date.now() >= new Date(l.meetingStartAt).getTime()

function LeaveRow({
  l,
  busy,
  onApprove,
  onReject,
}: {
  l: LeaveView
  busy: boolean
  onApprove: (l: LeaveView) => void
  onReject: (l: LeaveView) => void
}) {
  return (
    <View className="card leave-item" data-leave-id={l.id}>
      <View className="leave-item-head">
        <Text className="leave-item-name">{l.memberName}</Text>
        <Text className="muted">{formatDateTime(l.requestedAt)} 申请</Text>
      </View>
      <Text className="leave-item-meeting">
        {l.meetingTitle} · {formatDateTime(l.meetingStartAt)}
      </Text>
      <Text className="leave-item-reason">请假原因：{l.reason}</Text>
      {l.status !== 'pending' && (
        <Text className="muted leave-item-review">
          {l.reviewedByName ?? ''} {l.status === 'approved' ? '已批准' : '已驳回'}
          {l.reviewReason ? `：${l.reviewReason}` : ''}
        </Text>
      )}
      {l.status === 'pending' && (
        <View className="leave-item-actions">
          {started(l) && <Text className="leave-item-late">会议已开始，批准须注明原因</Text>}
          <Button className="leave-reject" size="small" fill="outline" disabled={busy} onClick={() => onReject(l)}>
            驳回
          </Button>
          <Button className="leave-approve" size="small" type="primary" loading={busy} onClick={() => onApprove(l)}>
            批准
          </Button>
        </View>
      )}
    </View>
  )
}

/** 请假审批: the branch's leave requests by status, 20 at a time, and the organiser's decisions. */
export default function LeavesPage() {
  const [status, setStatus] = useState<LeaveStatus>('pending')
  const list = usePagedProcedure('meeting.leaves', { status })
  // A decision moves the request out of the list shown (it is filtered by status) and changes the meeting's figures.
  const review = useMutation('meeting.reviewLeave', { invalidates: ['meeting'] })
  const [asking, setAsking] = useState<Asking | null>(null)
  const [askError, setAskError] = useState<string | null>(null)

  const decide = async (leave: LeaveView, approve: boolean, reason?: string) => {
    try {
      await review.run(reason ? { leaveId: leave.id, approve, reason } : { leaveId: leave.id, approve })
      setAsking(null)
      Taro.showToast({ title: approve ? '已批准' : '已驳回', icon: 'success' })
    } catch (e) {
      if (asking) setAskError(messageOf(e))
      else Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  const onApprove = async (leave: LeaveView) => {
    // After the start the cloud wants a reason (补批), which is audited.
    if (started(leave)) {
      setAskError(null)
      setAsking({ leave, approve: true })
      return
    }
    const { confirm } = await Taro.showModal({
      title: '批准请假',
      content: `批准 ${leave.memberName} 请假参加「${leave.meetingTitle}」？批准后计为请假，不计缺席。`,
      confirmText: '批准',
      confirmColor: '#c8102e',
    })
    if (confirm) decide(leave, true)
  }

  const onReject = (leave: LeaveView) => {
    setAskError(null)
    setAsking({ leave, approve: false })
  }

  return (
    <ListScreen
      query={list}
      pageClassName="leaves"
      unit="条"
      empty={{
        icon: '假',
        title: status === 'pending' ? '没有待审批的请假' : '暂无记录',
        description: '党员在会议详情中提交请假后，会出现在这里',
      }}
      renderItem={(l) => <LeaveRow l={l} busy={review.pending} onApprove={onApprove} onReject={onReject} />}
      header={<Chips className="leaves-tabs" value={status} options={TABS} onChange={setStatus} />}
    >
      <ReasonDialog
        open={!!asking}
        title={asking?.approve ? `补批请假：${asking.leave.memberName}` : `驳回请假：${asking?.leave.memberName ?? ''}`}
        description={
          asking?.approve
            ? '会议已开始，会后补批请假须注明原因，并记入审计日志。'
            : '请填写驳回原因，党员将在会议详情中看到。'
        }
        placeholder={asking?.approve ? '如：临时公务，已事先口头请假' : '如：会议重要，请调整工作安排参加'}
        confirmText={asking?.approve ? '批准' : '驳回'}
        busy={review.pending}
        error={askError}
        onCancel={() => setAsking(null)}
        onConfirm={(reason) => asking && decide(asking.leave, asking.approve, reason)}
      />
    </ListScreen>
  )
}
