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

/** Someone not yet bound: what to do about it (member-gate shows it on the tabs, ErrorState where a screen is refused). */
export function Unbound() {
  return (
    <EmptyState icon="党" title="尚未绑定党员身份" description="绑定花名册中的党员身份后即可使用这里的功能。">
      <KitButton size="small" onClick={() => Taro.navigateTo({ url: ROUTES.bind })}>
        去绑定
      </KitButton>
    </EmptyState>
  )
}

/**
 * A load that did not come: what went wrong, in Chinese, and 重新加载. A caller not yet bound is not a failure (the
 * member-only procedures answer NOT_BOUND): she is shown how to bind instead. (A refusal for want of rights, FORBIDDEN,
 * still reads 加载失败: saying 无权查看 without the retry did not fit the weapp main package's budget, and members reach
 * staff screens only by a typed link.)
 */
export function ErrorState({ error, onRetry }: { error: { code?: string; message: string }; onRetry?: () => void }) {
  if (error.code === 'NOT_BOUND') return <Unbound />
  return (
    <View className="page-state" role="alert">
      <View className="page-state-icon page-state-icon-error">!</View>
      <Text className="page-state-title">加载失败</Text>
      <Text className="page-state-desc">{error.message}</Text>
      {onRetry && (
        <KitButton size="small" onClick={onRetry}>
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
