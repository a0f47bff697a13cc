import Taro, { useLoad } from '@tarojs/taro'
import { EmptyState } from '@/components/page-state'
import { View } from '@tarojs/components'
import { ROUTES } from '@/routes'

/** Old links to the study subpackage's index land on the 学习 tab, where the list lives. */
export default function StudyIndex() {
  useLoad(() => {
    Taro.switchTab({ url: ROUTES.study }).catch(() => {})
  })
  return (
    <View className="page">
      <EmptyState icon="学" title="正在打开学习栏目…" />
    </View>
  )
}
