import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MyMeeting } from '@/contract'
import { MyMeetingBadge } from '@/components/attendance-badge'
import { meetingTime } from '@/components/meeting-format'
import { ListScreen, Tabs } from '@/components/kit'
import { usePagedProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import './index.scss'

type MineTab = 'upcoming' | 'past'

const TABS = [
  { value: 'upcoming' as const, label: '即将召开', id: 'mine-tab-upcoming' },
  { value: 'past' as const, label: '已召开', id: 'mine-tab-past' },
]

const open = (id: string) => Taro.navigateTo({ url: `${ROUTES.meetingDetail}?id=${encodeURIComponent(id)}` })

function MeetingItem({ m }: { m: MyMeeting }) {
  return (
    <View
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
  )
}

/** 我的会议: scan to sign in, then the member's upcoming or past meetings with her own status, 20 at a time. */
export default function MyMeetingsPage() {
  const [tab, setTab] = useState<MineTab>('upcoming')
  // Refetched each time the page shows: a sign-in or a leave request on another page changes the statuses.
  const list = usePagedProcedure('meeting.mine', { when: tab })

  const header = (
    <>
      <View
        className="mine-scan"
        id="mine-scan"
        role="button"
        onClick={() => Taro.navigateTo({ url: `${ROUTES.meetingCheckIn}?scan=1` })}
      >
        <View className="mine-scan-icon" aria-hidden="true">
          扫
        </View>
        <View className="mine-scan-text">
          <Text className="mine-scan-title">扫码签到</Text>
          <Text className="mine-scan-desc">扫描组织者屏幕上的二维码</Text>
        </View>
        <Text className="mine-scan-arrow">›</Text>
      </View>
      <View className="mine-tabs">
        <Tabs className="mine-tabs-switch" value={tab} options={TABS} onChange={setTab} />
        <View
          className="mine-tab-link"
          id="mine-history"
          role="button"
          onClick={() => Taro.navigateTo({ url: ROUTES.meetingHistory })}
        >
          我的出勤 ›
        </View>
      </View>
    </>
  )

  return (
    <ListScreen
      pageClassName="mine"
      className="mine-list"
      query={list}
      header={header}
      unit="场"
      skeleton={{ cards: 2, rows: 2 }}
      renderItem={(m) => <MeetingItem m={m} />}
      empty={{
        icon: '会',
        title: tab === 'upcoming' ? '近期没有需要参加的会议' : '还没有已召开的会议',
        description: tab === 'upcoming' ? '支部安排会议后会出现在这里' : '参加过的会议和出勤情况会出现在这里',
      }}
    />
  )
}
