import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS } from '@/domain/activity.rules'
import { hoursText, myStatusText, placesText, SIGNUP_STATE_LABELS, statusTone } from '@/components/activity-format'
import { meetingTime } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { ROUTES } from '@/routes'
import {
  selectActivityHasMore,
  useActivityListStore,
  type ActivityFilter,
  type ActivityListItem,
} from '@/stores/activity-list.store'
import { useActivityHoursStore } from '@/stores/activity-hours.store'
import './index.scss'

const FILTERS: Array<{ key: ActivityFilter; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'open', label: '可报名' },
  { key: 'mine', label: '我参加的' },
]

function ActivityCard({ a }: { a: ActivityListItem }) {
  const full = a.placesLeft === 0
  const mine = a.mine && a.mine.status !== 'cancelled' ? a.mine : null
  return (
    <View
      className="card act-card"
      data-activity-id={a.id}
      onClick={() => Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${encodeURIComponent(a.id)}` })}
    >
      <View className="act-card-head">
        <Text className={`act-kind act-kind-${a.kind}`}>
          {a.kindLabel} · {a.subType}
        </Text>
        {mine ? (
          <Text className={`act-status act-status-${statusTone(mine)}`}>{myStatusText(mine)}</Text>
        ) : (
          <Text className={`act-state act-state-${a.signupState}`}>{SIGNUP_STATE_LABELS[a.signupState]}</Text>
        )}
      </View>
      <Text className="act-card-title">{a.title}</Text>
      <Text className="act-card-line">{meetingTime(a)}</Text>
      <Text className="act-card-line">{a.place}</Text>
      <Text className={`act-places ${full ? 'act-places-full' : ''}`}>{placesText(a)}</Text>
    </View>
  )
}

export default function ActivityTab() {
  const kind = useActivityListStore((s) => s.kind)
  const filter = useActivityListStore((s) => s.filter)
  const items = useActivityListStore((s) => s.items)
  const total = useActivityListStore((s) => s.total)
  const loaded = useActivityListStore((s) => s.loaded)
  const loading = useActivityListStore((s) => s.loading)
  const loadingMore = useActivityListStore((s) => s.loadingMore)
  const error = useActivityListStore((s) => s.error)
  const hasMore = useActivityListStore(selectActivityHasMore)
  const setKind = useActivityListStore((s) => s.setKind)
  const setFilter = useActivityListStore((s) => s.setFilter)
  const refresh = useActivityListStore((s) => s.refresh)
  const loadMore = useActivityListStore((s) => s.loadMore)
  const hours = useActivityHoursStore((s) => s.hours)
  const loadHours = useActivityHoursStore((s) => s.load)

  // Every time the tab shows: places and my status change after signing up on the detail page.
  useDidShow(() => {
    refresh()
    loadHours()
  })
  usePullDownRefresh(() => {
    Promise.all([refresh(), loadHours()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  let body
  if (error && !items.length) body = <ErrorState message={error.message} onRetry={refresh} />
  else if (!loaded) body = <LoadingSkeleton cards={2} rows={3} />
  else if (!items.length)
    body = (
      <EmptyState
        icon="志"
        title={filter === 'mine' ? '您还没有报名活动' : filter === 'open' ? '暂时没有可报名的活动' : '暂时没有活动'}
        description={
          filter === 'mine' ? '报名的志愿服务和工会活动会出现在这里' : '工会和志愿服务队发布活动后会出现在这里'
        }
      />
    )
  else
    body = (
      <View className="act-list">
        {items.map((a) => (
          <ActivityCard key={a.id} a={a} />
        ))}
        <View className="act-footer">
          {error ? (
            <View className="form-error" onClick={loadMore}>
              {error.message}，点击重试
            </View>
          ) : hasMore ? (
            <Button size="small" fill="none" loading={loadingMore} onClick={loadMore}>
              加载更多
            </Button>
          ) : (
            <Text className="muted">共 {total} 个活动</Text>
          )}
        </View>
      </View>
    )

  return (
    <View className="page act-tab">
      <View className="act-hours" id="act-hours" onClick={() => Taro.navigateTo({ url: ROUTES.activityHours })}>
        <View>
          <Text className="act-hours-label">{hours ? `${hours.year} 年` : '今年'}志愿服务时长</Text>
          <Text className="act-hours-value">
            {hours ? hoursText(hours.totalHours) : '—'}
            <Text className="act-hours-unit"> 小时</Text>
          </Text>
        </View>
        <View className="act-hours-side">
          <Text
            className="act-hours-scan"
            onClick={(e) => {
              e.stopPropagation()
              Taro.navigateTo({ url: ROUTES.activityCheckIn })
            }}
          >
            扫码签到
          </Text>
          <Text className="act-hours-more">明细 ›</Text>
        </View>
      </View>

      <View className="act-kinds">
        <View className={`act-kind-chip ${kind === null ? 'act-kind-chip-active' : ''}`} onClick={() => setKind(null)}>
          全部
        </View>
        {ACTIVITY_KINDS.map((k) => (
          <View
            key={k}
            className={`act-kind-chip ${kind === k ? 'act-kind-chip-active' : ''}`}
            data-kind={k}
            onClick={() => setKind(k)}
          >
            {ACTIVITY_KIND_LABELS[k]}
          </View>
        ))}
      </View>
      <View className="act-filters">
        {FILTERS.map((f) => (
          <View
            key={f.key}
            id={`act-filter-${f.key}`}
            className={`act-filter ${filter === f.key ? 'act-filter-active' : ''}`}
            onClick={() => setFilter(f.key)}
          >
            {f.label}
          </View>
        ))}
      </View>
      {loading && loaded && <Text className="muted act-refreshing">正在刷新…</Text>}
      {body}
    </View>
  )
}
