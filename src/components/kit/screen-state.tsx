import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { KitButton } from './button'
import './kit.scss'

/** Grey bars standing in for cards while they load (plain CSS: no skeleton library in the main package). */
export function LoadingSkeleton({ rows = 3, cards = 2 }: { rows?: number; cards?: number }) {
  return (
    <View className="kit-skeleton" aria-busy="true" aria-label="加载中">
      {Array.from({ length: cards }, (_, i) => (
        <View key={i} className="card">
          {Array.from({ length: rows }, (_, j) => (
            <View key={j} className={`kit-skeleton-bar ${j === 0 ? 'kit-skeleton-bar-title' : ''}`} />
          ))}
        </View>
      ))}
    </View>
  )
}

/** A failed load: what went wrong, in Chinese, and one way to try again. */
export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="page-state page-state-error" role="alert">
      <View className="page-state-icon page-state-icon-error">!</View>
      <Text className="page-state-title">加载失败</Text>
      <Text className="page-state-desc">{message}</Text>
      {onRetry && (
        <KitButton className="page-state-retry" size="small" onClick={onRetry}>
          重新加载
        </KitButton>
      )}
    </View>
  )
}

/** Nothing to show (or not yet allowed to): a title, a line of explanation and optionally an action. */
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
      <View className="page-state-icon" aria-hidden="true">
        {icon}
      </View>
      <Text className="page-state-title">{title}</Text>
      {description && <Text className="page-state-desc">{description}</Text>}
      {children}
    </View>
  )
}
