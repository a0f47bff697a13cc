import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { MyMeetingBadge } from '@/components/attendance-badge'
import { meetingTime } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { ROUTES } from '@/routes'
import { selectMineHasMore, useMeetingMineStore, type MineTab } from '@/stores/meeting-mine.store'
import './index.scss'

const TABS: Array<{ key: MineTab; label: string }> = [
  { key: 'upcoming', label: '即将召开' },
  { key: 'past', label: '已召开' },
]

export default function MyMeetingsPage() {
  const tab = useMeetingMineStore((s) => s.tab)
  const items = useMeetingMineStore((s) => s.items)
  const total = useMeetingMineStore((s) => s.total)
  const loaded = useMeetingMineStore((s) => s.loaded)
  const loading = useMeetingMineStore((s) => s.loading)
  const loadingMore = useMeetingMineStore((s) => s.loadingMore)
  const error = useMeetingMineStore((s) => s.error)
  const hasMore = useMeetingMineStore(selectMineHasMore)
  const setTab = useMeetingMineStore((s) => s.setTab)
  const refresh = useMeetingMineStore((s) => s.refresh)
  const loadMore = useMeetingMineStore((s) => s.loadMore)

  // Every time the page shows: statuses change after a sign-in or a leave request on another page.
  useDidShow(() => {
    refresh()
  })
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  const open = (id: string) => Taro.navigateTo({ url: `${ROUTES.meetingDetail}?id=${encodeURIComponent(id)}` })

  let body
  if (error && !items.length) body = <ErrorState message={error.message} onRetry={refresh} />
  else if (!loaded && !items.length) body = <LoadingSkeleton cards={2} rows={2} />
  else if (!items.length)
    body = (
      <EmptyState
        icon="会"
        title={tab === 'upcoming' ? '近期没有需要参加的会议' : '还没有已召开的会议'}
        description={tab === 'upcoming' ? '支部安排会议后会出现在这里' : '参加过的会议和出勤情况会出现在这里'}
      />
    )
  else
    body = (
      <View className="mine-list">
        {items.map((m) => (
          <View
            key={m.id}
            className={`card mine-item ${m.status === 'cancelled' ? 'mine-item-cancelled' : ''}`}
            data-meeting-id={m.id}
            onClick={() => open(m.id)}
          >
            <View className="mine-item-head">
              <Text className="type-tag">{m.typeLabel}</Text>
              <MyMeetingBadge meeting={m} />
            </View>
            <Text className="mine-item-title">{m.title}</Text>
            <Text className="mine-item-line">{meetingTime(m)}</Text>
            <Text className="mine-item-line">{m.place}</Text>
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
            <Text className="muted">共 {total} 场</Text>
          )}
        </View>
      </View>
    )

  return (
    <View className="page mine">
      <View
        className="mine-scan"
        id="mine-scan"
        onClick={() => Taro.navigateTo({ url: `${ROUTES.meetingCheckIn}?scan=1` })}
      >
        <View className="mine-scan-icon">扫</View>
        <View className="mine-scan-text">
          <Text className="mine-scan-title">扫码签到</Text>
          <Text className="mine-scan-desc">扫描组织者屏幕上的二维码</Text>
        </View>
        <Text className="mine-scan-arrow">›</Text>
      </View>

      <View className="mine-tabs">
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`mine-tab ${tab === t.key ? 'mine-tab-active' : ''}`}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </View>
        ))}
        <View className="mine-tab mine-tab-link" onClick={() => Taro.navigateTo({ url: ROUTES.meetingHistory })}>
          我的出勤 ›
        </View>
      </View>
      {loading && items.length > 0 && <Text className="muted mine-refreshing">正在刷新…</Text>}
      {body}
    </View>
  )
}
