import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, type ActivityKind } from '@/domain/activity.rules'
import { chinaFields } from '@/domain/china-format'
import { activityTag, hoursText, placesText } from '@/components/activity-format'
import { meetingTime } from '@/components/meeting-format'
import { Chips, ListScreen, StatusTag, Tabs } from '@/components/kit'
import { MemberGate } from '@/components/member-gate'
import { useProcedure, usePagedProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import type { OutputOf } from '@/contract'
import './index.scss'

type ActivityListItem = OutputOf<'activity.list'>['items'][number]
type ActivityFilter = 'all' | 'open' | 'mine'

const FILTERS = [
  { value: 'all' as const, label: '全部', id: 'act-filter-all' },
  { value: 'open' as const, label: '可报名', id: 'act-filter-open' },
  { value: 'mine' as const, label: '我参加的', id: 'act-filter-mine' },
]

const KINDS = [
  { value: null, label: '全部' },
  ...ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k], id: `act-kind-${k}` })),
]

function ActivityCard({ a }: { a: ActivityListItem }) {
  const tag = activityTag(a, Date.now())
  const finished = Date.parse(a.endAt) <= Date.now()
  return (
    <View
      className={`card act-card ${finished ? 'act-card-finished' : ''}`}
      data-activity-id={a.id}
      onClick={() => Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${encodeURIComponent(a.id)}` })}
    >
      <View className="act-card-head">
        <Text className={`act-kind act-kind-${a.kind}`}>
          {a.kindLabel} · {a.subType}
        </Text>
        <StatusTag className={tag.mine ? 'act-status' : 'act-state'} tone={tag.tone}>
          {tag.text}
        </StatusTag>
      </View>
      <Text className="act-card-title">{a.title}</Text>
      <Text className="act-card-line">{meetingTime(a)}</Text>
      <Text className="act-card-line">{a.place}</Text>
      {!finished && (
        <Text className={`act-places ${a.placesLeft === 0 ? 'act-places-full' : ''}`}>{placesText(a)}</Text>
      )}
    </View>
  )
}

function ActivityList() {
  const [kind, setKind] = useState<ActivityKind | null>(null)
  const [filter, setFilter] = useState<ActivityFilter>('all')
  const list = usePagedProcedure('activity.list', { filter, ...(kind ? { kind } : {}) })
  const hours = useProcedure('activity.myHours', {})
  const h = hours.data

  const header = (
    <>
      <View className="act-hours" id="act-hours" onClick={() => Taro.navigateTo({ url: ROUTES.activityHours })}>
        <View>
          {/* The year before the answer too (China time, as the cloud counts it): 今年 → 2026 年 changed the line's
              length when the hours came in, and in 长辈模式 its wrap moved everything below (layout shift). */}
          <Text className="act-hours-label">{h?.year ?? chinaFields(Date.now()).year} 年志愿服务时长</Text>
          <Text className="act-hours-value">
            {h ? hoursText(h.totalHours) : '—'}
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
      <Chips value={kind} options={KINDS} onChange={setKind} />
      <Tabs value={filter} options={FILTERS} onChange={setFilter} />
    </>
  )

  return (
    <ListScreen
      pageClassName="act-tab"
      className="act-list"
      query={list}
      header={header}
      onRefresh={hours.refetch}
      unit="个活动"
      renderItem={(a) => <ActivityCard a={a} />}
      empty={{
        icon: '活',
        title: filter === 'mine' ? '您还没有报名活动' : filter === 'open' ? '暂时没有可报名的活动' : '暂时没有活动',
        description:
          filter === 'mine' ? '报名的志愿服务和工会活动会出现在这里' : '工会和志愿服务队发布活动后会出现在这里',
      }}
    />
  )
}

export default function ActivityTab() {
  return (
    <MemberGate pageClassName="act-tab">
      <ActivityList />
    </MemberGate>
  )
}
