import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Button } from './nut'
import { QrCode } from './qr-code'
import './rotating-qr.scss'

/** Ask again a moment after the slot turns, so the server is surely in the new slot. */
const SLOT_MARGIN_MS = 150
/** After a failure (network, meeting closed), try again at this pace while the screen stays open. */
const RETRY_MS = 5000

function qrSize(projector: boolean): number {
  try {
    const { windowWidth, windowHeight } = Taro.getWindowInfo()
    // On a projector the code takes most of the height (landscape) beside the title and the count.
    // A phone held upright stacks the words under the code (see .qr-projector in the stylesheet).
    if (projector && windowWidth < windowHeight) return Math.floor(windowWidth * 0.86)
    if (projector) return Math.floor(Math.min(windowHeight * 0.78, windowWidth * 0.55))
    return Math.min(Math.floor(windowWidth * 0.82), 420)
  } catch {
    return 300
  }
}

export interface RotatingQrScreenProps {
  /** What the code is for (a meeting, an activity's check-in or check-out); a new key restarts the rotation. */
  codeKey: string
  title: string
  /** The line under the title: where members scan it. */
  hint: string
  token: string | null
  error: { message: string } | null
  /** Fetches the current code; resolves to how long until the next one (ms), or null on failure. */
  next(codeKey: string): Promise<number | null>
  /** The live counts under the code (已签到 N 人 …). */
  children?: ReactNode
  placeholder?: string
  /**
   * 投屏模式: for a projector or a large screen in landscape — the code as large as the height allows, title and count
   * beside it, and no token text on screen (only in a data attribute the browser tests read).
   */
  projector?: boolean
  /** Controls under the count (我已到会, 投屏模式…); left out on the projector. */
  actions?: ReactNode
}

/**
 * The organiser's on-site screen: a code that rotates every 10 seconds (one fetch per slot, paused while the page is
 * hidden, the screen kept on), for meeting sign-in and activity check-in/out alike. The raw token sits in
 * `#qr-token[data-token]` for the browser tests; harmless in production since it changes every 10 seconds.
 */
export function RotatingQrScreen({
  codeKey,
  title,
  hint,
  token,
  error,
  next,
  children,
  placeholder = '正在生成签到码…',
  projector = false,
  actions,
}: RotatingQrScreenProps) {
  const [size, setSize] = useState(() => qrSize(projector))
  useEffect(() => setSize(qrSize(projector)), [projector])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const active = useRef(false)
  const nextRef = useRef(next)
  nextRef.current = next
  const keyRef = useRef(codeKey)
  keyRef.current = codeKey

  const stop = () => {
    active.current = false
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }
  // One code per 10-second slot: fetch now, then again when this one stops being current.
  const run = async (key: string) => {
    if (!active.current || key !== keyRef.current) return
    const wait = await nextRef.current(key)
    if (!active.current || key !== keyRef.current) return
    timer.current = setTimeout(() => run(key), wait === null ? RETRY_MS : wait + SLOT_MARGIN_MS)
  }
  const begin = () => {
    stop()
    if (!keyRef.current) return
    active.current = true
    run(keyRef.current)
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => {})
  }

  useEffect(() => {
    begin()
    return stop
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [codeKey])
  useDidShow(() => {
    if (keyRef.current && !active.current) begin()
  })
  useDidHide(() => stop())
  useUnload(() => {
    stop()
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => {})
  })

  const code = (
    <View className="qr-box" style={{ width: `${size + 24}px`, height: `${size + 24}px` }}>
      {token ? (
        <QrCode text={token} size={size} label="签到二维码（每 10 秒更换）" />
      ) : (
        <View className="qr-placeholder" style={{ width: `${size}px`, height: `${size}px` }}>
          <Text className="qr-placeholder-text">{error ? error.message : placeholder}</Text>
        </View>
      )}
    </View>
  )
  const retry = error && !token && (
    <Button className="qr-retry" size="small" onClick={begin}>
      重试
    </Button>
  )
  if (projector) {
    return (
      <View className="qr-page qr-projector">
        {code}
        <View className="qr-projector-side">
          <Text className="qr-title">{title}</Text>
          <Text className="qr-sub">{hint}</Text>
          {retry}
          {children}
          <Text className="qr-note">二维码每 10 秒自动更新，截图转发无效</Text>
          {actions}
        </View>
        <View className="qr-token" id="qr-token" data-token={token ?? ''} />
      </View>
    )
  }
  return (
    <View className="qr-page">
      <Text className="qr-title">{title}</Text>
      <Text className="qr-sub">{hint}</Text>
      {code}
      {retry}
      {children}
      <Text className="qr-note">二维码每 10 秒自动更新，截图转发无效</Text>
      {actions}
      <Text className="qr-token" id="qr-token" data-token={token ?? ''}>
        {token ?? ''}
      </Text>
    </View>
  )
}
