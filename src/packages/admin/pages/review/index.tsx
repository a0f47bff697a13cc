import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MemberView } from '@/contract'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { messageOf, useMutation, useProcedure, usePullToRefresh } from '@/remote'
import './index.scss'

type Kind = 'bind' | 'unbind'

const COPY: Record<
  Kind,
  { section: string; approve: string; reject: string; ask: (m: MemberView, ok: boolean) => string }
> = {
  bind: {
    section: '绑定申请（邀请码）',
    approve: '通过',
    reject: '驳回',
    ask: (m, ok) =>
      ok ? `确认 ${m.name} 是「${m.branchName}」的党员，通过其绑定申请？` : `驳回 ${m.name} 的绑定申请？`,
  },
  unbind: {
    section: '解绑申请',
    approve: '通过',
    reject: '驳回',
    ask: (m, ok) =>
      ok ? `通过后 ${m.name} 的微信号将与党员身份解除绑定。确定通过？` : `驳回 ${m.name} 的解绑申请？其绑定保持不变。`,
  },
}

type Page = { items: MemberView[]; total: number }

/** 绑定审核: the requests a branch organiser has to decide on, 20 of each kind at a time. */
export default function ReviewPage() {
  const binds = useProcedure('member.list', { bindStatus: 'pending', pageSize: 20 })
  const unbinds = useProcedure('member.list', { bindStatus: 'unbind_requested', pageSize: 20 })
  const decide = useMutation('member.approveBinding', { invalidates: ['member'] })
  const [busy, setBusy] = useState<string | null>(null)
  const refetch = () => Promise.all([binds.refetch(), unbinds.refetch()])
  usePullToRefresh(refetch)

  const onDecide = async (kind: Kind, m: MemberView, approve: boolean) => {
    const { confirm } = await Taro.showModal({
      title: approve ? '确认通过' : '确认驳回',
      content: COPY[kind].ask(m, approve),
      confirmText: approve ? '通过' : '驳回',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    setBusy(m.id)
    try {
      await decide.run({ memberId: m.id, approve })
      Taro.showToast({ title: approve ? '已通过' : '已驳回', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    } finally {
      setBusy(null)
    }
  }

  const error = binds.error ?? unbinds.error
  const waiting = (binds.data?.total ?? 0) + (unbinds.data?.total ?? 0)
  if (error && !binds.data && !unbinds.data) {
    return (
      <View className="page">
        <ErrorState error={error} onRetry={() => void refetch()} />
      </View>
    )
  }
  if (binds.loading || unbinds.loading) {
    return (
      <View className="page">
        <LoadingSkeleton cards={2} rows={2} />
      </View>
    )
  }
  if (!waiting) {
    return (
      <View className="page">
        <EmptyState icon="审" title="暂无待审核的申请" description="党员用邀请码绑定或申请解绑后，会出现在这里" />
      </View>
    )
  }

  const section = (kind: Kind, list: Page | undefined) =>
    !!list?.items.length && (
      <View className={`review-section review-section-${kind}`}>
        <View className="section-title">
          {COPY[kind].section}（{list.total}）
        </View>
        {list.items.map((m) => (
          <View key={m.id} className="card review-item" data-member-id={m.id}>
            <View className="review-item-info">
              <Text className="review-item-name">{m.name}</Text>
              <Text className="muted">
                {m.branchName}
                {m.groupName ? ` · ${m.groupName}` : ''} · {m.phoneMasked}
              </Text>
            </View>
            <View className="review-item-actions">
              <Button
                className="review-reject"
                size="small"
                fill="outline"
                disabled={!!busy}
                onClick={() => onDecide(kind, m, false)}
              >
                {COPY[kind].reject}
              </Button>
              <Button
                className="review-approve"
                size="small"
                type="primary"
                loading={busy === m.id}
                disabled={!!busy && busy !== m.id}
                onClick={() => onDecide(kind, m, true)}
              >
                {COPY[kind].approve}
              </Button>
            </View>
          </View>
        ))}
        {list.total > list.items.length && (
          <Text className="muted review-more">还有 {list.total - list.items.length} 条，处理完这些后自动显示</Text>
        )}
      </View>
    )

  return (
    <View className="page review">
      {binds.refreshing || unbinds.refreshing ? <Text className="muted">正在刷新…</Text> : null}
      {section('bind', binds.data)}
      {section('unbind', unbinds.data)}
    </View>
  )
}
