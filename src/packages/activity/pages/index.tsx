import Taro, { useLoad } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { EmptyState } from '@/components/page-state'
import { ROUTES } from '@/routes'

/** Old links to the activity subpackage's index land on the 活动 tab, where the list lives. */
export default function ActivityIndex() {
  useLoad(() => {
    Taro.switchTab({ url: ROUTES.activity }).catch(() => {})
  })
  return (
    <View className="page">
      <EmptyState icon="志" title="正在打开活动栏目…" />
    </View>
  )
}
