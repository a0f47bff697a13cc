import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Button, Skeleton } from './nut'
import './page-state.scss'

/** Grey bars standing in for a card while it loads. */
export function LoadingSkeleton({ rows = 3, cards = 2 }: { rows?: number; cards?: number }) {
  return (
    <View className="page-state-skeleton" aria-busy="true">
      {Array.from({ length: cards }, (_, i) => (
        <View key={i} className="card">
          <Skeleton rows={rows} animated />
        </View>
      ))}
    </View>
  )
}

/** A failed load: the Chinese message and a retry button. */
export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="page-state page-state-error">
      <View className="page-state-icon page-state-icon-error">!</View>
      <Text className="page-state-title">加载失败</Text>
      <Text className="page-state-desc">{message}</Text>
      {onRetry && (
        <Button className="page-state-retry" type="primary" size="small" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}

/** Nothing to show yet: a title, a line of explanation and optionally an action. */
export function EmptyState({
  title,
  description,
  icon = '党',
  children,
}: {
  title: string
  description?: string
  icon?: string
  children?: ReactNode
}) {
  return (
    <View className="page-state page-state-empty">
      <View className="page-state-icon">{icon}</View>
      <Text className="page-state-title">{title}</Text>
      {description && <Text className="page-state-desc">{description}</Text>}
      {children}
    </View>
  )
}
