import { Text } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import './countdown.scss'

/** `05:09`, or `1:05:09` from an hour up. */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (n: number) => String(n).padStart(2, '0')
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`
}

export interface CountdownProps {
  /** The end, in the server's clock (ms since epoch). */
  deadline: number
  /** serverNow − the phone's now, measured when the deadline arrived: the phone's clock may be off by minutes. */
  offsetMs: number
  /** Called once when the time reaches zero. */
  onExpire(): void
  /** Below this many seconds the clock turns red. */
  warnSeconds?: number
  /** Moments (seconds left) to call onAlert at, once each, e.g. [60, 10]; only those still ahead when mounted. */
  alerts?: readonly number[]
  onAlert?(secondsLeft: number): void
  className?: string
}

/**
 * The time left, ticking once a second inside this component only, so the page around it does not re-render every
 * second. Each tick is scheduled for the next whole second of the remaining time, not by counting ticks, so a phone
 * that slept (timers paused) shows the right time as soon as it wakes.
 */
export function Countdown({
  deadline,
  offsetMs,
  onExpire,
  warnSeconds = 300,
  alerts,
  onAlert,
  className,
}: CountdownProps) {
  const secondsLeft = () => Math.max(0, Math.ceil((deadline - (Date.now() + offsetMs)) / 1000))
  const [seconds, setSeconds] = useState(secondsLeft)
  const expireRef = useRef(onExpire)
  expireRef.current = onExpire
  const alertRef = useRef(onAlert)
  alertRef.current = onAlert
  // The alert moments still ahead: one already past when the clock appears (a resumed attempt) is not announced late.
  const pending = useRef<number[] | null>(null)
  if (pending.current === null) pending.current = (alerts ?? []).filter((a) => a < secondsLeft())

  useEffect(() => {
    let fired = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = () => {
      const msLeft = deadline - (Date.now() + offsetMs)
      const left = Math.max(0, Math.ceil(msLeft / 1000))
      setSeconds(left)
      // The largest moment reached fires once; smaller ones wait their turn (a phone that slept past both says
      // only the nearer one).
      const due = (pending.current ?? []).filter((a) => left <= a && left > 0)
      if (due.length) {
        pending.current = (pending.current ?? []).filter((a) => left > a)
        alertRef.current?.(Math.min(...due))
      }
      if (msLeft <= 0) {
        if (!fired) {
          fired = true
          expireRef.current()
        }
        return
      }
      timer = setTimeout(tick, msLeft % 1000 || 1000)
    }
    tick()
    return () => clearTimeout(timer)
  }, [deadline, offsetMs])

  return (
    <Text className={`countdown ${seconds <= warnSeconds ? 'countdown-warn' : ''} ${className ?? ''}`}>
      {formatClock(seconds)}
    </Text>
  )
}
