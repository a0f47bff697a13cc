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
 * An answer that says the caller may not have this screen at all (not bound, no rights, another branch): the screen
 * then shows only the refusal, not the filters and actions around it, which would be refused the same way.
 */
export function isRefusal(error: { code?: string } | null | undefined): boolean {
  return error?.code === 'NOT_BOUND' || error?.code === 'FORBIDDEN' || error?.code === 'OUT_OF_SCOPE'
}

/**
 * A load that did not come: what went wrong, in Chinese, and what to do. Only a real failure is 加载失败 with
 * 重新加载; a caller not yet bound (the member-only procedures answer NOT_BOUND) is shown how to bind, and one without
 * the rights is told so, with no retry that would be refused the same way.
 */
export function ErrorState({ error, onRetry }: { error: { code?: string; message: string }; onRetry?: () => void }) {
  if (error.code === 'NOT_BOUND') return <Unbound />
  const denied = error.code === 'FORBIDDEN' || error.code === 'OUT_OF_SCOPE'
  return (
    <View className="page-state" role="alert">
      <View className="page-state-icon page-state-icon-error">!</View>
      <Text className="page-state-title">{denied ? '无权查看' : '加载失败'}</Text>
      <Text className="page-state-desc">{error.message}</Text>
      {!denied && onRetry && (
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
