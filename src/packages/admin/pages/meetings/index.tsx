import { Picker, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { InputOf, OutputOf } from '@/contract'
import { Chips, ListScreen } from '@/components/kit'
import { meetingTime } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { formatRate } from '@/domain/attendance.rules'
import { MEETING_STATUS_LABELS } from '@/domain/meeting.types'
import { usePagedProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { useOrgTree } from '../../components/use-org-tree'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

type Status = NonNullable<InputOf<'meeting.list'>['status']>
type AdminMeetingItem = OutputOf<'meeting.list'>['items'][number]

const STATUS_FILTERS: Array<{ value: Status | null; label: string; id: string }> = [
  { value: null, label: '全部', id: 'meetings-status-all' },
  { value: 'scheduled', label: MEETING_STATUS_LABELS.scheduled, id: 'meetings-status-scheduled' },
  { value: 'closed', label: MEETING_STATUS_LABELS.closed, id: 'meetings-status-closed' },
  { value: 'cancelled', label: MEETING_STATUS_LABELS.cancelled, id: 'meetings-status-cancelled' },
]

function MeetingRow({ m, isOrgAdmin }: { m: AdminMeetingItem; isOrgAdmin: boolean }) {
  return (
    <View
      className="card admin-meeting"
      data-meeting-id={m.id}
      onClick={() => Taro.navigateTo({ url: `${ROUTES.adminMeetingBoard}?id=${encodeURIComponent(m.id)}` })}
    >
      <View className="admin-meeting-head">
        <View className="admin-meeting-tags">
          <Text className="type-tag">{m.typeLabel}</Text>
          <Text className={`status-tag status-tag-${m.status}`}>{MEETING_STATUS_LABELS[m.status]}</Text>
        </View>
        {isOrgAdmin && <Text className="muted admin-meeting-branch">{m.branchName}</Text>}
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
  )
}

/** 会议管理: an organiser's meetings, newest first, with each one's tally; 20 at a time. */
export default function AdminMeetingsPage() {
  const isOrgAdmin = useSessionStore((s) => s.me?.member?.role === 'org_admin')
  const loadMe = useSessionStore((s) => s.load)
  const hasMe = useSessionStore((s) => !!s.me)
  const { branches } = useOrgTree()
  const [branchId, setBranchId] = useState<string | undefined>()
  const [status, setStatus] = useState<Status | null>(null)
  const list = usePagedProcedure('meeting.list', {
    ...(branchId ? { branchId } : {}),
    ...(status ? { status } : {}),
  })

  useLoad(() => {
    if (!hasMe) loadMe()
  })

  const branchNames = ['全部支部', ...branches.map((b) => b.name)]
  const branchIndex = Math.max(0, branches.findIndex((b) => b.id === branchId) + 1)
  const createUrl = branchId
    ? `${ROUTES.adminMeetingEdit}?branchId=${encodeURIComponent(branchId)}`
    : ROUTES.adminMeetingEdit

  return (
    <ListScreen
      query={list}
      pageClassName="admin-meetings"
      className="admin-meetings-list"
      unit="场会议"
      skeleton={{ cards: 3, rows: 2 }}
      empty={{ icon: '会', title: '还没有会议', description: '点击“新建会议”安排三会一课、主题党日等组织生活' }}
      renderItem={(m) => <MeetingRow m={m} isOrgAdmin={isOrgAdmin} />}
      header={
        <>
          <View className="card admin-meetings-filters">
            {isOrgAdmin && (
              <Picker
                mode="selector"
                range={branchNames}
                value={branchIndex}
                onChange={(e) => setBranchId(branches[Number(e.detail.value) - 1]?.id)}
              >
                <View className="picker-row">
                  <Text className="muted">支部</Text>
                  <Text className="picker-value">{branchNames[branchIndex]} ▾</Text>
                </View>
              </Picker>
            )}
            <Chips value={status} options={STATUS_FILTERS} onChange={setStatus} />
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
        </>
      }
    />
  )
}
