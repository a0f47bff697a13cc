import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { OutputOf } from '@/contract'
import { ensurePrivacyConsent } from '@/components/privacy-sheet/consent'
import { PrivacySheet } from '@/components/privacy-sheet'
import { Button } from '@/components/nut'
import { PasteCode } from '@/components/paste-code'
import { formatDateTime } from '@/domain/time'
import { useMutation, type ApiError } from '@/remote'
import { ROUTES } from '@/routes'
import { h5Camera } from '@/components/camera-scan/h5'
import { tokenFromScan } from '../../components/scan-token'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'
const { CameraScan, canScanWithCamera } = h5Camera()

type CheckInResult = OutputOf<'meeting.checkIn'>

export default function CheckInPage() {
  // One code in, one outcome out: signed in, late, already signed in, or why not.
  const [result, setResult] = useState<CheckInResult | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [camera, setCamera] = useState(false)
  // A sign-in changes the member's meetings, the home cards and the attendance figures.
  const mutation = useMutation('meeting.checkIn', { invalidates: ['meeting', 'member.year'] })
  const submitting = mutation.pending
  const run = mutation.run
  const checkIn = useCallback(
    async (token: string) => {
      setResult(null)
      setError(null)
      try {
        setResult(await run({ token: token.trim() }))
      } catch (e) {
        setError(e as ApiError)
      }
    },
    [run],
  )
  const reset = () => {
    setResult(null)
    setError(null)
  }

  const scan = async () => {
    reset()
    if (!isWeapp) {
      if (canScanWithCamera()) setCamera(true)
      return
    }
    if (!(await ensurePrivacyConsent('扫码签到'))) return
    try {
      // 'wxCode' too, so a printed 小程序码 scanned from inside the app also works (Taro's typings omit it).
      const scanType = ['qrCode', 'wxCode'] as Array<keyof Taro.scanCode.ScanType>
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType })
      const token = tokenFromScan(res)
      if (token) await checkIn(token)
    } catch (e) {
      // Closing the scanner is not an error worth a message.
      const msg = (e as { errMsg?: string })?.errMsg ?? ''
      if (!/cancel/i.test(msg)) Taro.showToast({ title: '未能识别二维码，请重新扫描', icon: 'none' })
    }
  }

  useLoad((params?: Record<string, string>) => {
    // Opened from a printed code: WeChat passes the code's scene, URL-encoded.
    const scene = params?.scene ? decodeURIComponent(params.scene) : ''
    if (scene) checkIn(scene)
    // 首页's sign-in card: one tap to scan — the scanner on weapp, the camera in a phone browser that has one.
    else if (params?.scan === '1') {
      if (isWeapp) scan()
      else if (canScanWithCamera()) setCamera(true)
    }
  })

  const onCameraResult = useCallback(
    (text: string) => {
      setCamera(false)
      checkIn(text)
    },
    [checkIn],
  )

  if (result) {
    const late = result.status === 'late'
    return (
      <View className="page checkin">
        <View className={`card checkin-result checkin-result-${late ? 'late' : 'ok'}`} id="checkin-result">
          <View className="checkin-result-icon">✓</View>
          <Text className="checkin-result-title">
            {result.already ? '已签到' : late ? '签到成功 · 迟到' : '签到成功'}
          </Text>
          <Text className="checkin-result-meeting">{result.meetingTitle}</Text>
          <Text className="checkin-result-time">
            {result.already
              ? `已签到（首次签到时间 ${formatDateTime(result.at)}）`
              : `签到时间 ${formatDateTime(result.at)}`}
          </Text>
          {late && !result.already && <Text className="muted">已过迟到宽限时间，本次记为迟到</Text>}
        </View>
        <Button
          block
          type="primary"
          onClick={() => Taro.redirectTo({ url: `${ROUTES.meetingDetail}?id=${encodeURIComponent(result.meetingId)}` })}
        >
          查看会议
        </Button>
        <Button
          className="checkin-back"
          block
          fill="none"
          onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: ROUTES.meeting }))}
        >
          返回
        </Button>
      </View>
    )
  }

  if (error) {
    const expired = error.code === 'MEETING_TOKEN_EXPIRED'
    return (
      <View className="page checkin">
        <View className="card checkin-result checkin-result-error" id="checkin-error">
          <View className="checkin-result-icon">!</View>
          <Text className="checkin-result-title">{expired ? '签到码已过期' : '签到失败'}</Text>
          <Text className="checkin-result-message">{error.message}</Text>
          {expired && (
            <Text className="checkin-rescan-hint">二维码每 10 秒更新一次，截图或转发的二维码很快就会失效</Text>
          )}
        </View>
        <Button id="checkin-rescan" block type="primary" onClick={scan}>
          重新扫码
        </Button>
      </View>
    )
  }

  return (
    <View className="page checkin">
      <View className="card checkin-intro">
        <Text className="checkin-intro-title">会议签到</Text>
        <Text className="muted">扫描组织者手机或屏幕上的二维码完成签到。二维码每 10 秒更新，请现场扫码。</Text>
      </View>

      {isWeapp ? (
        <Button className="checkin-scan" type="primary" block size="large" loading={submitting} onClick={scan}>
          扫码签到
        </Button>
      ) : (
        <>
          {camera ? (
            <CameraScan onResult={onCameraResult} onClose={() => setCamera(false)} />
          ) : (
            canScanWithCamera() && (
              <Button
                id="checkin-camera"
                className="checkin-scan"
                type="primary"
                block
                size="large"
                onClick={() => setCamera(true)}
              >
                扫码签到
              </Button>
            )
          )}
          <PasteCode
            inputId="checkin-token"
            submitId="checkin-submit"
            placeholder="粘贴组织者提供的签到码"
            busy={submitting}
            onSubmit={checkIn}
          />
        </>
      )}
      <PrivacySheet />
    </View>
  )
}
