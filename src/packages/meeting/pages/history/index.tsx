import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { AttendanceBadge } from '@/components/attendance-badge'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { formatRate, type AttendanceStatus, type Tally } from '@/domain/attendance.rules'
import { MEETING_TYPE_LABELS } from '@/domain/meeting.types'
import { formatDateTime } from '@/domain/time'
import { ROUTES } from '@/routes'
import { useMeetingHistoryStore } from '@/stores/meeting-history.store'
import './index.scss'

/** A one-meeting tally has exactly one status counted. */
function statusOfTally(t: Tally): AttendanceStatus {
  const order: AttendanceStatus[] = ['present', 'late', 'leave', 'absent', 'pending']
  return order.find((s) => t[s] > 0) ?? 'pending'
}

export default function HistoryPage() {
  const stats = useMeetingHistoryStore((s) => s.stats)
  const loading = useMeetingHistoryStore((s) => s.loading)
  const error = useMeetingHistoryStore((s) => s.error)
  const load = useMeetingHistoryStore((s) => s.load)

  useDidShow(() => {
    load()
  })
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })

  if (error && !stats) {
    return (
      <View className="page">
        <ErrorState message={error.message} onRetry={load} />
      </View>
    )
  }
  if (!stats) {
    return (
      <View className="page">
        <LoadingSkeleton cards={2} rows={3} />
      </View>
    )
  }

  const t = stats.tally
  const figures = [
    { label: '应到', value: t.expected },
    { label: '出席', value: t.present },
    { label: '迟到', value: t.late },
    { label: '请假', value: t.leave },
    { label: '缺席', value: t.absent },
  ]
  return (
    <View className="page history">
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

      <View className="section-title">会议记录{loading ? '（刷新中…）' : ''}</View>
      {!stats.byMeeting?.length ? (
        <EmptyState icon="勤" title="今年还没有需要出席的会议" description="支部召开会议后，您的出勤情况会记录在这里" />
      ) : (
        stats.byMeeting.map((m) => (
          <View
            key={m.meetingId}
            className="card history-item"
            onClick={() => Taro.navigateTo({ url: `${ROUTES.meetingDetail}?id=${encodeURIComponent(m.meetingId)}` })}
          >
            <View className="history-item-main">
              <Text className="history-item-title">{m.title}</Text>
              <Text className="muted">
                {MEETING_TYPE_LABELS[m.type]} · {formatDateTime(m.startAt)}
              </Text>
            </View>
            <AttendanceBadge status={statusOfTally(m.tally)} />
          </View>
        ))
      )}
    </View>
  )
}
