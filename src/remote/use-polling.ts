import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

/**
 * Refetches every `everyMs` while the page is on screen (a live view: the test's results, the sign-in board), for a
 * query that loads itself (useProcedure): nothing polls a hidden page, and a failed
 * tick keeps the answer on screen (the cache keeps data beside the error). `keepGoing`, read before each tick, ends
 * the polling for good (a test that closed). Imported by its module path: only subpackage screens poll, and the
 * `@/remote` barrel ships with the tab pages in the size-capped weapp main package.
 */
export function usePolling(
  refetch: () => Promise<unknown>,
  everyMs: number,
  { enabled = true, keepGoing }: { enabled?: boolean; keepGoing?: () => boolean } = {},
): void {
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const shown = useRef(true)
  // Ticks read the latest callbacks, not those of the render that started the timer.
  const latest = useRef({ refetch, keepGoing })
  latest.current = { refetch, keepGoing }

  const stop = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }
  const start = () => {
    stop()
    timer.current = setInterval(() => {
      if (latest.current.keepGoing && !latest.current.keepGoing()) return stop()
      void latest.current.refetch()
    }, everyMs)
  }

  useEffect(() => {
    if (enabled && shown.current) start()
    return stop
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, everyMs])
  useDidShow(() => {
    const wasHidden = !shown.current
    shown.current = true
    // The query refetches on show by itself (useProcedure's refetchOnShow); the timer starts over.
    if (enabled && wasHidden) start()
  })
  useDidHide(() => {
    shown.current = false
    stop()
  })
  useUnload(stop)
}
