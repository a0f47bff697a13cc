import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { usePullToRefresh } from '@/remote/use-procedure'
import type { Paged } from '@/remote/use-paged'
import { KitButton } from './button'
import { EmptyState, ErrorState, LoadingSkeleton, isRefusal } from './screen-state'
import './kit.scss'

export interface ListScreenProps<Item> {
  // Any paged remote answer (usePagedProcedure's).
  query: Pick<
    Paged<never>,
    'error' | 'loading' | 'refreshing' | 'refetch' | 'total' | 'hasMore' | 'loadingMore' | 'loadMore'
  > & { items: Item[] }
  renderItem: (item: Item) => ReactNode
  /** Shown when the list answered with no rows. */
  empty: { title: string; description?: string; icon?: string; action?: ReactNode }
  /** The counting word of the footer: 共 12 {unit}. */
  unit: string
  /** Filters, tabs and the like: shown above the list in every state. */
  header?: ReactNode
  /** Page-level pull-to-refresh also reloads these (cards beside the list). */
  onRefresh?: () => Promise<unknown>
  skeleton?: { cards?: number; rows?: number }
  className?: string
  /** The page's own class (and padding): a ListScreen is the whole page. */
  pageClassName?: string
  children?: ReactNode
}

/**
 * A page that is a list fetched 20 at a time: first-load skeleton, 加载失败 with 重新加载, an empty state that says
 * why, the rows, and a footer that loads more (also on reaching the bottom), retries a failed page in place, or
 * counts the rows. Pull-to-refresh reloads from page 1 (the page config must set `enablePullDownRefresh`).
 */
export function ListScreen<Item extends { id: string }>({
  query,
  renderItem,
  empty,
  unit,
  header,
  onRefresh,
  skeleton,
  className = '',
  pageClassName = '',
  children,
}: ListScreenProps<Item>) {
  usePullToRefresh(() => Promise.all([query.refetch(), onRefresh?.()]))
  const { items, error, loading } = query
  // Refused outright: the refusal alone, without the header's filters and 新建 buttons.
  if (error && !items.length && isRefusal(error))
    return (
      <View className={`page ${pageClassName}`}>
        <ErrorState error={error} />
      </View>
    )

  let body: ReactNode
  if (error && !items.length) body = <ErrorState error={error} onRetry={() => void query.refetch()} />
  else if (loading) body = <LoadingSkeleton cards={skeleton?.cards ?? 2} rows={skeleton?.rows ?? 3} />
  else if (!items.length)
    body = (
      <EmptyState icon={empty.icon} title={empty.title} description={empty.description}>
        {empty.action}
      </EmptyState>
    )
  else
    body = (
      <View className={`kit-list ${className}`}>
        {items.map((item) => (
          <View key={item.id}>{renderItem(item)}</View>
        ))}
        <View className="kit-list-footer">
          {error ? (
            <View className="form-error" onClick={() => void query.loadMore()}>
              {error.message}，点此再试一次
            </View>
          ) : query.hasMore ? (
            <KitButton kind="text" size="small" loading={query.loadingMore} onClick={() => void query.loadMore()}>
              加载更多
            </KitButton>
          ) : (
            <Text className="muted">
              共 {query.total} {unit}
            </Text>
          )}
        </View>
      </View>
    )

  return (
    <View className={`page ${pageClassName}`}>
      {header}
      {children}
      {query.refreshing && <Text className="muted kit-refreshing">正在刷新…</Text>}
      {body}
    </View>
  )
}
