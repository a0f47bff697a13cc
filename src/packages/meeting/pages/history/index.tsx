import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@/contract'
import { AttendanceBadge } from '@/components/attendance-badge'
import { OBJECTION_LABELS } from '@/domain/objection.rules'
import { DetailScreen, EmptyState, StatusTag } from '@/components/kit'
import { formatRate, type AttendanceStatus, type Tally } from '@/domain/attendance.rules'
import { MEETING_TYPE_LABELS } from '@/domain/meeting.types'
import { formatDateTime } from '@/domain/time'
import { useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import './index.scss'

/** A one-meeting tally has exactly one status counted. */
function statusOfTally(t: Tally): AttendanceStatus {
  const order: AttendanceStatus[] = ['present', 'late', 'leave', 'absent', 'pending']
  return order.find((s) => t[s] > 0) ?? 'pending'
}

/** 我的出勤: the signed-in member's rate, counts and one line per meeting this year (the cloud's default period). */
export default function HistoryPage() {
  const query = useProcedure('meeting.stats', { kind: 'member' })
  return (
    <DetailScreen query={query} pageClassName="history" skeleton={{ cards: 2, rows: 3 }}>
      {(stats) => <HistoryBody stats={stats} refreshing={query.refreshing} />}
    </DetailScreen>
  )
}

function HistoryBody({ stats, refreshing }: { stats: OutputOf<'meeting.stats'>; refreshing: boolean }) {
  const t = stats.tally
  const figures = [
    { label: '应到', value: t.expected },
    { label: '出席', value: t.present },
    { label: '迟到', value: t.late },
    { label: '请假', value: t.leave },
    { label: '缺席', value: t.absent },
  ]
  return (
    <>
      <View className="history-hero">
        <Text className="history-hero-label">今年出勤率</Text>
        <Text className="history-rate" id="history-rate">
          {formatRate(t.rate)}
        </Text>
        <Text className="history-hero-sub">共 {stats.meetings} 场会议（请假不计入应出席）</Text>
      </View>
      <View className="card history-figures">
        {figures.map((f) => (
          <View key={f.label} className="history-figure">
            <Text className="history-figure-value">{f.value}</Text>
            <Text className="history-figure-label">{f.label}</Text>
          </View>
        ))}
      </View>

      <View className="section-title">会议记录{refreshing ? '（刷新中…）' : ''}</View>
      {!stats.byMeeting?.length ? (
        <EmptyState icon="勤" title="今年还没有需要出席的会议" description="支部召开会议后，您的出勤情况会记录在这里" />
      ) : (
        stats.byMeeting.map((m) => (
          <View
            key={m.meetingId}
            className="card history-item"
            data-meeting-id={m.meetingId}
            onClick={() => Taro.navigateTo({ url: `${ROUTES.meetingDetail}?id=${encodeURIComponent(m.meetingId)}` })}
          >
            <View className="history-item-main">
              <Text className="history-item-title">{m.title}</Text>
              <Text className="muted">
                {MEETING_TYPE_LABELS[m.type]} · {formatDateTime(m.startAt)}
              </Text>
            </View>
            <View className="history-item-side">
              <AttendanceBadge status={statusOfTally(m.tally)} />
              {m.objection && (
                <StatusTag className="history-objection" tone={m.objection === 'pending' ? 'warning' : 'neutral'}>
                  {`异议${OBJECTION_LABELS[m.objection]}`}
                </StatusTag>
              )}
            </View>
          </View>
        ))
      )}
    </>
  )
}
