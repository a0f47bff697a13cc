import { Text } from '@tarojs/components'
import { useLoad, useUnload } from '@tarojs/taro'
import { useState } from 'react'
import { RotatingQrScreen } from '@/components/rotating-qr'
import { useMeetingQrStore } from '@/stores/meeting-qr.store'
import './index.scss'

export default function MeetingQrPage() {
  const title = useMeetingQrStore((s) => s.title)
  const token = useMeetingQrStore((s) => s.token)
  const signedIn = useMeetingQrStore((s) => s.signedIn)
  const error = useMeetingQrStore((s) => s.error)
  const next = useMeetingQrStore((s) => s.next)
  const loadTitle = useMeetingQrStore((s) => s.loadTitle)
  const reset = useMeetingQrStore((s) => s.reset)
  const [id, setId] = useState('')

  useLoad((params?: Record<string, string>) => {
    const meetingId = decodeURIComponent(params?.id ?? '')
    reset()
    setId(meetingId)
    if (meetingId) loadTitle(meetingId)
  })
  useUnload(() => reset())

  return (
    <RotatingQrScreen
      codeKey={id}
      title={title || '会议签到'}
      hint="请打开“机关党建”小程序 → 扫码签到"
      token={token}
      error={error}
      next={next}
    >
      <Text className="qr-count" id="qr-count">
        已签到 <Text className="qr-count-n">{signedIn}</Text> 人
      </Text>
    </RotatingQrScreen>
  )
}
