import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useLoad, useUnload } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { Button } from '@/components/nut'
import { QrCode } from '@/components/qr-code'
import { useMeetingQrStore } from '@/stores/meeting-qr.store'
import './index.scss'

/** Ask again a moment after the slot turns, so the server is surely in the new slot. */
const SLOT_MARGIN_MS = 150
/** After a failure (network, meeting closed), try again at this pace while the screen stays open. */
const RETRY_MS = 5000

function qrSize(): number {
  try {
    const { windowWidth } = Taro.getWindowInfo()
    return Math.min(Math.floor(windowWidth * 0.82), 420)
  } catch {
    return 300
  }
}

export default function MeetingQrPage() {
  const title = useMeetingQrStore((s) => s.title)
  const token = useMeetingQrStore((s) => s.token)
  const signedIn = useMeetingQrStore((s) => s.signedIn)
  const error = useMeetingQrStore((s) => s.error)
  const next = useMeetingQrStore((s) => s.next)
  const loadTitle = useMeetingQrStore((s) => s.loadTitle)
  const reset = useMeetingQrStore((s) => s.reset)
  const [id, setId] = useState('')
  const [size] = useState(qrSize)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const active = useRef(false)

  const stop = () => {
    active.current = false
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }
  // One code per 10-second slot: fetch now, then again when this one stops being current.
  const run = async (meetingId: string) => {
    if (!active.current) return
    const wait = await next(meetingId)
    if (!active.current) return
    timer.current = setTimeout(() => run(meetingId), wait === null ? RETRY_MS : wait + SLOT_MARGIN_MS)
  }
  const begin = (meetingId: string) => {
    stop()
    if (!meetingId) return
    active.current = true
    run(meetingId)
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => {})
  }

  useLoad((params?: Record<string, string>) => {
    const meetingId = decodeURIComponent(params?.id ?? '')
    reset()
    setId(meetingId)
    if (meetingId) {
      loadTitle(meetingId)
      begin(meetingId)
    }
  })
  useDidShow(() => {
    const meetingId = useMeetingQrStore.getState().meetingId
    if (meetingId && !active.current) begin(meetingId)
  })
  useDidHide(() => stop())
  useUnload(() => {
    stop()
    reset()
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => {})
  })

  return (
    <View className="qr-page">
      <Text className="qr-title">{title || '会议签到'}</Text>
      <Text className="qr-sub">请打开“机关党建”小程序 → 扫码签到</Text>
      <View className="qr-box" style={{ width: `${size + 24}px`, height: `${size + 24}px` }}>
        {token ? (
          <QrCode text={token} size={size} />
        ) : (
          <View className="qr-placeholder" style={{ width: `${size}px`, height: `${size}px` }}>
            <Text className="qr-placeholder-text">{error ? error.message : '正在生成签到码…'}</Text>
          </View>
        )}
      </View>
      {error && !token && (
        <Button className="qr-retry" size="small" onClick={() => begin(id)}>
          重试
        </Button>
      )}
      <Text className="qr-count" id="qr-count">
        已签到 <Text className="qr-count-n">{signedIn}</Text> 人
      </Text>
      <Text className="qr-note">二维码每 10 秒自动更新，截图转发无效</Text>
      {/* The raw code, for the browser test to read; harmless in production since it changes every 10 seconds. */}
      <Text className="qr-token" id="qr-token" data-token={token ?? ''}>
        {token ?? ''}
      </Text>
    </View>
  )
}
