import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useUnload } from '@tarojs/taro'
import { useRef } from 'react'
import { meetingTime } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { formatRate } from '@/domain/attendance.rules'
import { MEETING_STATUS_LABELS } from '@/domain/meeting.types'
import { ROUTES } from '@/routes'
import {
  selectAdminMeetingsHasMore,
  useMeetingAdminListStore,
  type AdminMeetingFilter,
} from '@/stores/meeting-admin-list.store'
import { useOrgStore } from '@/stores/org.store'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

const STATUS_FILTERS: Array<{ value: AdminMeetingFilter['status']; label: string }> = [
  { value: undefined, label: '全部' },
  { value: 'scheduled', label: MEETING_STATUS_LABELS.scheduled },
  { value: 'closed', label: MEETING_STATUS_LABELS.closed },
  { value: 'cancelled', label: MEETING_STATUS_LABELS.cancelled },
]

export default function AdminMeetingsPage() {
  const isOrgAdmin = useSessionStore((s) => s.me?.member?.role === 'org_admin')
  const loadMe = useSessionStore((s) => s.load)
  const hasMe = useSessionStore((s) => !!s.me)
  const branches = useOrgStore((s) => s.branches)
  const loadOrgs = useOrgStore((s) => s.load)
  const filter = useMeetingAdminListStore((s) => s.filter)
  const items = useMeetingAdminListStore((s) => s.items)
  const total = useMeetingAdminListStore((s) => s.total)
  const loaded = useMeetingAdminListStore((s) => s.loaded)
  const loading = useMeetingAdminListStore((s) => s.loading)
  const loadingMore = useMeetingAdminListStore((s) => s.loadingMore)
  const error = useMeetingAdminListStore((s) => s.error)
  const hasMore = useMeetingAdminListStore(selectAdminMeetingsHasMore)
  const setFilter = useMeetingAdminListStore((s) => s.setFilter)
  const refresh = useMeetingAdminListStore((s) => s.refresh)
  const loadMore = useMeetingAdminListStore((s) => s.loadMore)
  const reset = useMeetingAdminListStore((s) => s.reset)
  const first = useRef(true)

  // Refresh on every return: a meeting created, edited or closed on another page changes this list.
  useDidShow(() => {
    if (!hasMe) loadMe()
    if (first.current) loadOrgs()
    first.current = false
    refresh()
  })
  useUnload(() => reset())
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  const branchNames = ['全部支部', ...branches.map((b) => b.name)]
  const branchIndex = Math.max(0, branches.findIndex((b) => b.id === filter.branchId) + 1)
  const createUrl = filter.branchId
    ? `${ROUTES.adminMeetingEdit}?branchId=${encodeURIComponent(filter.branchId)}`
    : ROUTES.adminMeetingEdit

  return (
    <View className="page admin-meetings">
      <View className="card admin-meetings-filters">
        {isOrgAdmin && (
          <Picker
            mode="selector"
            range={branchNames}
            value={branchIndex}
            onChange={(e) => setFilter({ branchId: branches[Number(e.detail.value) - 1]?.id })}
          >
            <View className="picker-row">
              <Text className="muted">支部</Text>
              <Text className="picker-value">{branchNames[branchIndex]} ▾</Text>
            </View>
          </Picker>
        )}
        <View className="chips">
          {STATUS_FILTERS.map((f) => (
            <View
              key={f.label}
              className={`chip ${filter.status === f.value ? 'chip-active' : ''}`}
              onClick={() => setFilter({ status: f.value })}
            >
              {f.label}
            </View>
          ))}
        </View>
      </View>

      <Button
        id="meeting-new"
        className="admin-meetings-new"
        type="primary"
        block
        onClick={() => Taro.navigateTo({ url: createUrl })}
      >
        ＋ 新建会议
      </Button>

      {error && !items.length ? (
        <ErrorState message={error.message} onRetry={refresh} />
      ) : !loaded && !items.length ? (
        <LoadingSkeleton cards={3} rows={2} />
      ) : !items.length ? (
        <EmptyState icon="会" title="还没有会议" description="点击“新建会议”安排三会一课、主题党日等组织生活" />
      ) : (
        <View className="admin-meetings-list">
          {loading && <Text className="muted admin-meetings-refreshing">正在刷新…</Text>}
          {items.map((m) => (
            <View
              key={m.id}
              className="card admin-meeting"
              data-meeting-id={m.id}
              onClick={() => Taro.navigateTo({ url: `${ROUTES.adminMeetingBoard}?id=${encodeURIComponent(m.id)}` })}
            >
              <View className="admin-meeting-head">
                <View>
                  <Text className="type-tag">{m.typeLabel}</Text>
                  <Text className={`status-tag status-tag-${m.status}`}>{MEETING_STATUS_LABELS[m.status]}</Text>
                </View>
                {isOrgAdmin && <Text className="muted">{m.branchName}</Text>}
              </View>
              <Text className="admin-meeting-title">{m.title}</Text>
              <Text className="admin-meeting-line">{meetingTime(m)}</Text>
              <Text className="admin-meeting-line">{m.place}</Text>
              {m.status !== 'cancelled' && new Date(m.startAt).getTime() <= Date.now() && (
                <View className="admin-meeting-record">
                  <Text className={`record-tag record-tag-${m.recordState}`}>
                    纪实{m.recordState === 'complete' ? '已完成' : '未完成'}
                  </Text>
                  <Text
                    className="admin-meeting-record-link"
                    onClick={(e) => {
                      e.stopPropagation()
                      Taro.navigateTo({ url: `${ROUTES.adminMeetingRecord}?id=${encodeURIComponent(m.id)}` })
                    }}
                  >
                    {m.recordState === 'complete' ? '查看纪实 ›' : '填写纪实 ›'}
                  </Text>
                </View>
              )}
              {m.tally && (
                <View className="admin-meeting-tally">
                  <Text className="admin-meeting-tally-main">
                    实到 {m.tally.present + m.tally.late}/应到 {m.tally.expected}
                  </Text>
                  {/* A rate before the meeting is over only says who has not come yet; show it once it is final. */}
                  <Text className="muted">
                    {m.status === 'scheduled'
                      ? `请假 ${m.tally.leave} · 未到 ${m.tally.pending + m.tally.absent}`
                      : `请假 ${m.tally.leave} · 缺席 ${m.tally.absent} · 出勤率 ${formatRate(m.tally.rate)}`}
                  </Text>
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
              <Text className="muted">共 {total} 场会议</Text>
            )}
          </View>
        </View>
      )}
    </View>
  )
}
