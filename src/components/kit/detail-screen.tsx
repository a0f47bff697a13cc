import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Remote } from '@/remote/use-procedure'
import { usePullToRefresh } from '@/remote/use-procedure'
import { ErrorState, LoadingSkeleton } from './screen-state'

export interface DetailScreenProps<T> {
  query: Pick<Remote<T>, 'data' | 'error' | 'loading' | 'refetch'>
  children: (data: T) => ReactNode
  /** Page-level pull-to-refresh also reloads these. */
  onRefresh?: () => Promise<unknown>
  /** Pull-to-refresh (the page config must set `enablePullDownRefresh`). */
  pullToRefresh?: boolean
  skeleton?: { cards?: number; rows?: number }
  pageClassName?: string
}

/** A page about one record: skeleton, then the record; 加载失败 with 重新加载 if it never came. */
export function DetailScreen<T>({
  query,
  children,
  onRefresh,
  pullToRefresh = true,
  skeleton,
  pageClassName = '',
}: DetailScreenProps<T>) {
  usePullToRefresh(() => (pullToRefresh ? Promise.all([query.refetch(), onRefresh?.()]) : Promise.resolve()))
  let body: ReactNode
  if (query.data !== undefined) body = children(query.data)
  else if (query.error) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  else body = <LoadingSkeleton cards={skeleton?.cards ?? 2} rows={skeleton?.rows ?? 4} />
  return <View className={`page ${pageClassName}`}>{body}</View>
}
