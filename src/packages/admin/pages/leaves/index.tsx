import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useUnload } from '@tarojs/taro'
import { useState } from 'react'
import type { LeaveStatus, LeaveView } from '@/contract'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { ReasonDialog } from '@/components/reason-dialog'
import { formatDateTime } from '@/domain/time'
import { messageOf } from '@/remote/messages'
import { selectLeavesHasMore, useMeetingLeavesStore } from '@/stores/meeting-leaves.store'
import './index.scss'

const TABS: Array<{ status: LeaveStatus; label: string }> = [
  { status: 'pending', label: '待审批' },
  { status: 'approved', label: '已批准' },
  { status: 'rejected', label: '已驳回' },
]

type Asking = { leave: LeaveView; approve: boolean }

const started = (l: LeaveView) => Date.now() >= new Date(l.meetingStartAt).getTime()

export default function LeavesPage() {
  const status = useMeetingLeavesStore((s) => s.status)
  const items = useMeetingLeavesStore((s) => s.items)
  const total = useMeetingLeavesStore((s) => s.total)
  const loaded = useMeetingLeavesStore((s) => s.loaded)
  const loadingMore = useMeetingLeavesStore((s) => s.loadingMore)
  const error = useMeetingLeavesStore((s) => s.error)
  const busy = useMeetingLeavesStore((s) => s.busy)
  const hasMore = useMeetingLeavesStore(selectLeavesHasMore)
  const setStatus = useMeetingLeavesStore((s) => s.setStatus)
  const refresh = useMeetingLeavesStore((s) => s.refresh)
  const loadMore = useMeetingLeavesStore((s) => s.loadMore)
  const review = useMeetingLeavesStore((s) => s.review)
  const reset = useMeetingLeavesStore((s) => s.reset)
  const [asking, setAsking] = useState<Asking | null>(null)
  const [askError, setAskError] = useState<string | null>(null)

  useDidShow(() => {
    refresh()
  })
  useUnload(() => reset())
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  const decide = async (leave: LeaveView, approve: boolean, reason?: string) => {
    try {
      await review(leave.id, approve, reason)
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

  let body
  if (error && !items.length) body = <ErrorState message={error.message} onRetry={refresh} />
  else if (!loaded && !items.length) body = <LoadingSkeleton cards={2} rows={3} />
  else if (!items.length)
    body = (
      <EmptyState
        icon="假"
        title={status === 'pending' ? '没有待审批的请假' : '暂无记录'}
        description="党员在会议详情中提交请假后，会出现在这里"
      />
    )
  else
    body = (
      <View>
        {items.map((l) => (
          <View key={l.id} className="card leave-item" data-leave-id={l.id}>
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
                <Button
                  className="leave-reject"
                  size="small"
                  fill="outline"
                  disabled={busy.includes(l.id)}
                  onClick={() => onReject(l)}
                >
                  驳回
                </Button>
                <Button
                  className="leave-approve"
                  size="small"
                  type="primary"
                  loading={busy.includes(l.id)}
                  onClick={() => onApprove(l)}
                >
                  批准
                </Button>
              </View>
            )}
          </View>
        ))}
        <View className="list-footer">
          {error ? (
            <View className="form-error" onClick={loadMore}>
              {error.message}，点击重试
            </View>
          ) : hasMore ? (
            <Button size="small" fill="none" loading={loadingMore} onClick={loadMore}>
              加载更多
            </Button>
          ) : (
            <Text className="muted">共 {total} 条</Text>
          )}
        </View>
      </View>
    )

  return (
    <View className="page leaves">
      <View className="chips leaves-tabs">
        {TABS.map((t) => (
          <View
            key={t.status}
            className={`chip ${status === t.status ? 'chip-active' : ''}`}
            onClick={() => setStatus(t.status)}
          >
            {t.label}
          </View>
        ))}
      </View>
      {body}
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
        busy={!!asking && busy.includes(asking.leave.id)}
        error={askError}
        onCancel={() => setAsking(null)}
        onConfirm={(reason) => asking && decide(asking.leave, asking.approve, reason)}
      />
    </View>
  )
}
