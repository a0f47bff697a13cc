import { Text, View } from '@tarojs/components'
import { useLoad, useUnload } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/nut'
import { RotatingQrScreen } from '@/components/rotating-qr'
import { formatDateTime } from '@/domain/time'
import { useMeetingQrStore } from '@/stores/meeting-qr.store'
import './index.scss'

export default function MeetingQrPage() {
  const title = useMeetingQrStore((s) => s.title)
  const token = useMeetingQrStore((s) => s.token)
  const signedIn = useMeetingQrStore((s) => s.signedIn)
  const error = useMeetingQrStore((s) => s.error)
  const next = useMeetingQrStore((s) => s.next)
  const loadTitle = useMeetingQrStore((s) => s.loadTitle)
  const present = useMeetingQrStore((s) => s.present)
  const presentError = useMeetingQrStore((s) => s.presentError)
  const presentBusy = useMeetingQrStore((s) => s.presentBusy)
  const imHere = useMeetingQrStore((s) => s.imHere)
  const reset = useMeetingQrStore((s) => s.reset)
  const [id, setId] = useState('')
  const [projector, setProjector] = useState(false)

  useLoad((params?: Record<string, string>) => {
    const meetingId = decodeURIComponent(params?.id ?? '')
    reset()
    setId(meetingId)
    setProjector(params?.projector === '1')
    if (meetingId) loadTitle(meetingId)
  })
  useUnload(() => reset())

  const actions = (
    <View className="qr-actions">
      {!present && (
        <Button id="qr-im-here" size="small" loading={presentBusy} onClick={() => imHere(id)}>
          我已到会
        </Button>
      )}
      <Button id="qr-projector" size="small" fill="outline" onClick={() => setProjector(!projector)}>
        {projector ? '退出投屏' : '投屏模式'}
      </Button>
    </View>
  )
  return (
    <RotatingQrScreen
      codeKey={id}
      title={title || '会议签到'}
      hint="请打开“机关党建”小程序 → 扫码签到"
      token={token}
      error={error}
      next={next}
      projector={projector}
      actions={actions}
    >
      <Text className="qr-count" id="qr-count">
        已签到 <Text className="qr-count-n">{signedIn}</Text> 人
      </Text>
      {present && (
        <Text className="qr-present" id="qr-present">
          您已{present.status === 'late' ? '迟到签到' : '签到'}（{formatDateTime(present.at).slice(11)}）
        </Text>
      )}
      {presentError && (
        <Text className="qr-present" id="qr-present-error">
          {presentError.message}
        </Text>
      )}
    </RotatingQrScreen>
  )
}
