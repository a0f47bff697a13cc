import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatDate } from '@/domain/time'
import { hoursText } from '@/components/activity-format'
import { DetailScreen, EmptyState } from '@/components/kit'
import { ROUTES } from '@/routes'
import { useProcedure } from '@/remote'
import './index.scss'

/** 志愿服务时长: the member's volunteer hours this year, the same answer the 活动 tab and 我的 read. */
export default function HoursPage() {
  const query = useProcedure('activity.myHours', {})
  return (
    <DetailScreen query={query} pageClassName="act-hours-page" skeleton={{ cards: 2, rows: 2 }}>
      {(hours) => (
        <>
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
        </>
      )}
    </DetailScreen>
  )
}
