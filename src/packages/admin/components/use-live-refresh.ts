import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

type Load = (id: string, opts?: { silent?: boolean }) => unknown

/**
 * Loads `id` and then reloads it silently every `everyMs` while the page is on screen (the meeting board and the test's
 * live results): nothing polls a hidden page, and coming back to it shows the latest at once. `keepGoing`, checked
 * before each tick, ends the polling for good (e.g. once the meeting is closed). Returns `stop`, for a page that knows
 * sooner that there is nothing left to poll.
 */
export function useLiveRefresh(id: string, load: Load, everyMs: number, keepGoing?: () => boolean): () => void {
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const shown = useRef(false)
  // The id last loaded: useDidShow may fire before the effect below has loaded anything.
  const loadedId = useRef('')
  // Ticks read the latest callbacks, not those of the render that started the timer.
  const latest = useRef({ load, keepGoing })
  latest.current = { load, keepGoing }

  const stop = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }
  const start = (liveId: string) => {
    stop()
    if (!liveId) return
    timer.current = setInterval(() => {
      const { load: reload, keepGoing: goOn } = latest.current
      if (goOn && !goOn()) return stop()
      reload(liveId, { silent: true })
    }, everyMs)
  }

  useEffect(() => {
    if (!id) return
    loadedId.current = id
    load(id)
    if (shown.current) start(id)
    return stop
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])
  useDidShow(() => {
    shown.current = true
    const liveId = loadedId.current
    if (liveId) {
      latest.current.load(liveId, { silent: true })
      start(liveId)
    }
  })
  useDidHide(() => {
    shown.current = false
    stop()
  })
  useUnload(stop)
  return stop
}
