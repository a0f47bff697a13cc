import { useReachBottom } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import type { InputOf, OutputOf, ProcedureName } from '@/contract'
import { call } from '@/services/api-client'
import { fetchInto, keyOf, read } from './cache'
import { useEntry, useKeyLifecycle, type Remote, type RemoteOptions } from './use-procedure'

/** The procedures that answer a page at a time: `{ items, total, page }` for an input with `page`. */
export type PagedName = {
  [N in ProcedureName]: InputOf<N> extends { page?: number }
    ? OutputOf<N> extends { items: { id: string }[]; total: number; page: number }
      ? N
      : never
    : never
}[ProcedureName]

export interface PageShape {
  items: { id: string }[]
  total: number
  page: number
}

export type ItemOf<N extends PagedName> = Extract<OutputOf<N>, { items: unknown[] }>['items'][number]

export interface Paged<N extends PagedName> extends Remote<OutputOf<N>> {
  items: ItemOf<N>[]
  total: number
  hasMore: boolean
  loadingMore: boolean
  /** Appends the next page, if there is one and nothing is loading. */
  loadMore: () => Promise<void>
}

/**
 * A list fetched 20 at a time. The cached answer is the first page's answer (its extra fields, e.g. the required
 * reading, come with it) with later pages' items appended; refetch starts again from page 1. Reaching the bottom of
 * the page loads more.
 */
export function usePagedProcedure<N extends PagedName>(
  name: N,
  input: Omit<InputOf<N>, 'page'>,
  { enabled = true, refetchOnShow = true }: RemoteOptions = {},
): Paged<N> {
  type Out = OutputOf<N> & PageShape
  const key = keyOf(name, { ...input, page: '*' })
  const entry = useEntry<Out>(key)
  const inputRef = useRef(input)
  inputRef.current = input
  const [loadingMore, setLoadingMore] = useState(false)

  const fetchPage = useCallback(
    (page: number) => call(name, { ...inputRef.current, page } as InputOf<N>) as Promise<Out>,
    [name],
  )
  const refetch = useCallback(async () => {
    await fetchInto(key, () => fetchPage(1))
  }, [key, fetchPage])
  useKeyLifecycle(key, enabled, refetchOnShow, refetch)

  const data = entry.data
  const items = (data?.items ?? []) as ItemOf<N>[]
  const total = data?.total ?? 0
  const hasMore = items.length < total

  const loadMore = useCallback(async () => {
    const cur = read<Out>(key)
    if (!cur.data || cur.fetching || cur.data.items.length >= cur.data.total) return
    setLoadingMore(true)
    try {
      await fetchInto(key, async () => {
        const out = await fetchPage(cur.data!.page + 1)
        const now = read<Out>(key).data ?? cur.data!
        // A row added or moved up since the previous page may come back again; show it once.
        const seen = new Set(now.items.map((i: { id: string }) => i.id))
        return {
          ...now,
          items: [...now.items, ...out.items.filter((i: { id: string }) => !seen.has(i.id))],
          total: out.total,
          page: out.page,
        } as Out
      })
    } finally {
      setLoadingMore(false)
    }
  }, [key, fetchPage])

  useReachBottom(() => {
    if (enabled) void loadMore()
  })

  return {
    data,
    error: entry.error,
    loading: enabled && data === undefined && !entry.error,
    refreshing: entry.fetching && data !== undefined && !loadingMore,
    refetch,
    items,
    total,
    hasMore,
    loadingMore,
    loadMore,
  }
}
