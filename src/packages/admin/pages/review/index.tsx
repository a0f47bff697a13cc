import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { MemberView } from '@/contract'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { messageOf } from '@/remote/messages'
import { useBindingReviewStore } from '@/stores/binding-review.store'
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

export default function ReviewPage() {
  const pending = useBindingReviewStore((s) => s.pending)
  const unbindRequests = useBindingReviewStore((s) => s.unbindRequests)
  const loading = useBindingReviewStore((s) => s.loading)
  const error = useBindingReviewStore((s) => s.error)
  const busy = useBindingReviewStore((s) => s.busy)
  const load = useBindingReviewStore((s) => s.load)
  const decide = useBindingReviewStore((s) => s.decide)

  useDidShow(() => {
    load()
  })
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })

  const onDecide = async (kind: Kind, m: MemberView, approve: boolean) => {
    const { confirm } = await Taro.showModal({
      title: approve ? '确认通过' : '确认驳回',
      content: COPY[kind].ask(m, approve),
      confirmText: approve ? '通过' : '驳回',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      await decide(m.id, approve)
      Taro.showToast({ title: approve ? '已通过' : '已驳回', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  if (error && !pending.length && !unbindRequests.length) {
    return (
      <View className="page">
        <ErrorState message={error.message} onRetry={load} />
      </View>
    )
  }
  if (loading && !pending.length && !unbindRequests.length) {
    return (
      <View className="page">
        <LoadingSkeleton cards={2} rows={2} />
      </View>
    )
  }
  if (!pending.length && !unbindRequests.length) {
    return (
      <View className="page">
        <EmptyState icon="审" title="暂无待审核的申请" description="党员用邀请码绑定或申请解绑后，会出现在这里" />
      </View>
    )
  }

  const section = (kind: Kind, list: MemberView[]) =>
    list.length > 0 && (
      <View className={`review-section review-section-${kind}`}>
        <View className="section-title">
          {COPY[kind].section}（{list.length}）
        </View>
        {list.map((m) => (
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
                disabled={busy.includes(m.id)}
                onClick={() => onDecide(kind, m, false)}
              >
                {COPY[kind].reject}
              </Button>
              <Button
                className="review-approve"
                size="small"
                type="primary"
                loading={busy.includes(m.id)}
                onClick={() => onDecide(kind, m, true)}
              >
                {COPY[kind].approve}
              </Button>
            </View>
          </View>
        ))}
      </View>
    )

  return (
    <View className="page review">
      {section('bind', pending)}
      {section('unbind', unbindRequests)}
    </View>
  )
}
