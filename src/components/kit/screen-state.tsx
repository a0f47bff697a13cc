import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { ROUTES } from '@/routes'
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

/**
 * A load that did not come: what went wrong, in Chinese, and what to do. Only a real failure is 加载失败 with
 * 重新加载; a caller not yet bound is sent to bind (the member-only procedures answer NOT_BOUND), and one without the
 * rights is told so, with no retry that would answer the same.
 */
export function ErrorState({ error, onRetry }: { error: { code?: string; message: string }; onRetry?: () => void }) {
  const code = error.code
  const denied = code === 'FORBIDDEN' || code === 'OUT_OF_SCOPE'
  // One button, its words and action by case (the main package counts every byte of this file).
  const action: [string, () => void] | false | undefined =
    code === 'NOT_BOUND'
      ? ['去绑定', () => Taro.navigateTo({ url: ROUTES.bind })]
      : !denied && onRetry && ['重新加载', onRetry]
  return (
    <View className="page-state page-state-error" role="alert">
      <View className="page-state-icon page-state-icon-error">!</View>
      <Text className="page-state-title">
        {code === 'NOT_BOUND' ? '尚未绑定党员身份' : denied ? '无权查看' : '加载失败'}
      </Text>
      <Text className="page-state-desc">{error.message}</Text>
      {action && (
        <KitButton size="small" onClick={action[1]}>
          {action[0]}
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
