import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react'
import type { InputOf, OutputOf, ProcedureName } from '@/contract'
import type { ApiError } from '@/services/api-client'
import { fetchProcedure, keyOf, read, refetchers, subscribe } from './cache'

/** An answer younger than this is shown without asking again when another screen mounts. */
const FRESH_MS = 2000

export interface RemoteOptions {
  /** false: do not fetch yet (e.g. until the page knows its id, or the caller is known to be bound). */
  enabled?: boolean
  /** Fetch again each time the page comes back on screen (default true): another screen may have changed it. */
  refetchOnShow?: boolean
  /**
   * Show only an answer fetched after this screen opened (default false). For editors: a form filled from a cached
   * answer saves its old values back over a change another admin made meanwhile.
   */
  freshOnOpen?: boolean
}

export interface Remote<T> {
  data: T | undefined
  /** The last fetch failed (the previous data, if any, is still in `data`). */
  error: ApiError | null
  /** Nothing to show yet: the first answer is on its way. */
  loading: boolean
  /** A fetch is in flight while older data is shown. */
  refreshing: boolean
  /** Fetches again; resolves when the answer (or the error) is in. */
  refetch: () => Promise<void>
}

/** Subscribes a component to one cache key. */
export function useEntry<T>(key: string) {
  return useSyncExternalStore(
    useCallback((l: () => void) => subscribe(key, l), [key]),
    () => read<T>(key),
  )
}

/**
 * Re-runs `refetch` when the page shows again (not on its first show: the mount fetched already), and registers it
 * so invalidate() can refresh the key while it is on screen.
 */
export function useKeyLifecycle(
  key: string,
  enabled: boolean,
  refetchOnShow: boolean,
  refetch: () => Promise<void>,
  always = false,
) {
  const latest = useRef(refetch)
  latest.current = refetch
  const firstShow = useRef(true)

  useEffect(() => {
    if (!enabled) return
    const run = () => void latest.current()
    refetchers.set(key, run)
    // A screen that appears fetches anew (another screen may have changed the answer since it was cached), unless
    // the answer is seconds old or on its way — two components mounting together share one call.
    // `always` (freshOnOpen): a fetch already in flight may have left before the screen opened, so ask anew.
    const e = read(key)
    if (always || (!e.fetching && Date.now() - e.at > FRESH_MS)) run()
    return () => {
      if (refetchers.get(key) === run) refetchers.delete(key)
    }
  }, [key, enabled, always])

  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    if (enabled && refetchOnShow) void latest.current()
  })
}

/** One procedure's answer for one input, shared by every component that asks for the same thing. */
export function useProcedure<N extends ProcedureName>(
  name: N,
  input: InputOf<N>,
  { enabled = true, refetchOnShow = true, freshOnOpen = false }: RemoteOptions = {},
): Remote<OutputOf<N>> {
  const key = keyOf(name, input)
  const cached = useEntry<OutputOf<N>>(key)
  const openedAt = useRef(Date.now())
  // freshOnOpen: an answer that arrived before the screen opened is not shown (the fetch on open replaces it).
  const entry =
    freshOnOpen && cached.at < openedAt.current && cached.data !== undefined
      ? { ...cached, data: undefined, error: cached.fetching ? null : cached.error }
      : cached
  const inputRef = useRef(input)
  inputRef.current = input
  const refetch = useCallback(async () => {
    await fetchProcedure(name, inputRef.current)
  }, [name])
  useKeyLifecycle(key, enabled, refetchOnShow, refetch, freshOnOpen)
  return {
    data: entry.data,
    error: entry.error,
    loading: enabled && entry.data === undefined && !entry.error,
    refreshing: entry.fetching && entry.data !== undefined,
    refetch,
  }
}

/** Pull-to-refresh on the page (its config sets `enablePullDownRefresh`): runs `refetch`, then folds the spinner. */
export function usePullToRefresh(refetch: () => Promise<unknown>) {
  usePullDownRefresh(() => {
    refetch().finally(() => Taro.stopPullDownRefresh())
  })
}
