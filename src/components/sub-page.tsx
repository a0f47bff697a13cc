import { View } from '@tarojs/components'
import { EmptyState } from './page-state'

/** The placeholder an area's subpackage shows until its feature lands. */
export function ComingSoon({ title, description, icon }: { title: string; description: string; icon?: string }) {
  return (
    <View className="page">
      <EmptyState title={title} description={description} icon={icon} />
    </View>
  )
}
