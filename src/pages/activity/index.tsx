import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@/components/nut'
import { EmptyState } from '@/components/page-state'
import { ROUTES } from '@/services/routes'

export default function ActivityTab() {
  return (
    <View className="page">
      <View className="section-title">活动</View>
      <EmptyState icon="志" title="志愿与工会活动即将上线" description="志愿服务、工会活动的报名、候补、签到和志愿时长将在这里办理">
        <Button type="primary" fill="outline" onClick={() => Taro.navigateTo({ url: ROUTES.activityList })}>
          查看活动
        </Button>
      </EmptyState>
    </View>
  )
}
