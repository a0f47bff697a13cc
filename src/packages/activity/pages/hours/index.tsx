import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { formatDate } from '@/domain/time'
import { hoursText } from '@/components/activity-format'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { ROUTES } from '@/routes'
import { useActivityHoursStore } from '@/stores/activity-hours.store'
import './index.scss'

export default function HoursPage() {
  const hours = useActivityHoursStore((s) => s.hours)
  const error = useActivityHoursStore((s) => s.error)
  const load = useActivityHoursStore((s) => s.load)

  useDidShow(() => {
    load()
  })
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })

  if (error && !hours) {
    return (
      <View className="page">
        <ErrorState message={error.message} onRetry={load} />
      </View>
    )
  }
  if (!hours) {
    return (
      <View className="page">
        <LoadingSkeleton cards={2} rows={2} />
      </View>
    )
  }

  return (
    <View className="page act-hours-page">
      <View className="act-hours-total">
        <Text className="act-hours-total-label">{hours.year} 年志愿服务时长</Text>
        <Text className="act-hours-total-value" id="hours-total">
          {hoursText(hours.totalHours)}
          <Text className="act-hours-total-unit"> 小时</Text>
        </Text>
        <Text className="act-hours-total-note">按签到、签退时间计算，不超过活动时长；如有出入请联系活动组织者</Text>
      </View>
      {hours.items.length === 0 ? (
        <EmptyState
          icon="志"
          title="今年还没有志愿服务记录"
          description="参加志愿服务并在现场签到、签退后，时长会记录在这里"
        />
      ) : (
        <View className="card act-hours-list">
          {hours.items.map((it) => (
            <View
              key={it.activityId}
              className="act-hours-item"
              onClick={() =>
                Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${encodeURIComponent(it.activityId)}` })
              }
            >
              <View className="act-hours-item-main">
                <Text className="act-hours-item-title">{it.title}</Text>
                <Text className="muted">{formatDate(it.startAt)}</Text>
              </View>
              <Text className="act-hours-item-value">{hoursText(it.hours)} 小时</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
