import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@/components/nut'
import { EmptyState } from '@/components/page-state'
import { ROUTES } from '@/services/routes'

export default function StudyTab() {
  return (
    <View className="page">
      <View className="section-title">学习</View>
      <EmptyState icon="学" title="学习资料即将上线" description="第一议题、读原著学原文悟原理、党课资源将在这里推送，并提醒必读篇目">
        <Button type="primary" fill="outline" onClick={() => Taro.navigateTo({ url: ROUTES.studyList })}>
          查看学习资料
        </Button>
      </EmptyState>
    </View>
  )
}
