import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { h5Camera } from '@/components/camera-scan/h5'
import { ensurePrivacyConsent } from '@/components/privacy-sheet/consent'
import { PrivacySheet } from '@/components/privacy-sheet'
import { formatDateTime } from '@/domain/time'
import { hoursText } from '@/components/activity-format'
import { Button } from '@/components/nut'
import { PasteCode } from '@/components/paste-code'
import { ROUTES } from '@/routes'
import type { OutputOf } from '@/contract'
import { useMutation, type ApiError } from '@/remote'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'
// In a phone browser the camera reads the organiser's code too (issue 13, defect 5); pasting stays as the fallback.
const { CameraScan, canScanWithCamera } = h5Camera()

export default function ActivityCheckInPage() {
  // One code in, one outcome out: checked in, checked out with hours, already, or why not.
  const [result, setResult] = useState<OutputOf<'activity.checkIn'> | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  // A check-in or -out changes the activity's page and roster, 我的志愿服务时长 and the yearly figures.
  const mutation = useMutation('activity.checkIn', { invalidates: ['activity', 'member.year'] })
  const submitting = mutation.pending
  const run = mutation.run
  const checkIn = useCallback(
    async (token: string) => {
      if (submitting) return
      setResult(null)
      setError(null)
      try {
        setResult(await run({ token: token.trim() }))
      } catch (e) {
        setError(e as ApiError)
      }
    },
    [run, submitting],
  )
  const reset = () => {
    setResult(null)
    setError(null)
  }
  const [camera, setCamera] = useState(false)
  const onCameraResult = useCallback(
    (text: string) => {
      setCamera(false)
      void checkIn(text.trim())
    },
    [checkIn],
  )

  const scan = async () => {
    reset()
    if (!isWeapp) return
    if (!(await ensurePrivacyConsent('扫码签到'))) return
    try {
      // Camera only: a picture of the organiser's screen from the album must not count as being there.
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const token = (res.result ?? '').trim()
      if (token) await checkIn(token)
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg ?? ''
      if (!/cancel/i.test(msg)) Taro.showToast({ title: '未能识别二维码，请重新扫描', icon: 'none' })
    }
  }

  useLoad((params?: Record<string, string>) => {
    if (params?.scan === '1' && isWeapp) scan()
  })

  const back = () => Taro.navigateBack().catch(() => Taro.switchTab({ url: ROUTES.activity }))

  if (result) {
    const out = result.mode === 'out'
    const title = out ? (result.already ? '已签退' : '签退成功') : result.already ? '已签到' : '签到成功'
    return (
      <View className="page act-checkin">
        <View className="card act-checkin-result" id="activity-checkin-result">
          <View className="act-checkin-icon">✓</View>
          <Text className="act-checkin-title">{title}</Text>
          <Text className="act-checkin-activity">{result.activityTitle}</Text>
          <Text className="act-checkin-time">
            {result.already
              ? `${out ? '首次签退' : '首次签到'}时间 ${formatDateTime(result.at)}`
              : `${out ? '签退' : '签到'}时间 ${formatDateTime(result.at)}`}
          </Text>
          {out && result.hours !== null && (
            <Text className="act-checkin-hours" id="activity-checkin-hours">
              本次服务时长 <Text className="act-checkin-hours-n">{hoursText(result.hours)}</Text> 小时
            </Text>
          )}
          {!out && !result.already && <Text className="muted">活动结束时请扫描签退码，记录服务时长</Text>}
        </View>
        <Button
          block
          type="primary"
          onClick={() =>
            Taro.redirectTo({ url: `${ROUTES.activityDetail}?id=${encodeURIComponent(result.activityId)}` })
          }
        >
          查看活动
        </Button>
        <Button className="act-checkin-back" block fill="none" onClick={back}>
          返回
        </Button>
      </View>
    )
  }

  if (error) {
    const expired = error.code === 'MEETING_TOKEN_EXPIRED'
    return (
      <View className="page act-checkin">
        <View className="card act-checkin-result act-checkin-error" id="activity-checkin-error">
          <View className="act-checkin-icon">!</View>
          <Text className="act-checkin-title">{expired ? '签到码已过期' : '签到失败'}</Text>
          <Text className="act-checkin-message">{error.message}</Text>
          {expired && <Text className="act-checkin-hint">二维码每 10 秒更新一次，请扫描组织者屏幕上最新的二维码</Text>}
        </View>
        <Button
          id="activity-rescan"
          block
          type="primary"
          onClick={() => {
            if (isWeapp) return scan()
            reset()
            setCamera(canScanWithCamera())
          }}
        >
          {isWeapp || canScanWithCamera() ? '重新扫码' : '重新输入'}
        </Button>
      </View>
    )
  }

  return (
    <View className="page act-checkin">
      <View className="card">
        <Text className="act-checkin-intro-title">活动签到 / 签退</Text>
        <Text className="muted">扫描组织者现场出示的签到码或签退码。二维码每 10 秒更新，请在现场扫码。</Text>
      </View>
      {isWeapp ? (
        <Button type="primary" block size="large" loading={submitting} onClick={scan}>
          扫码签到 / 签退
        </Button>
      ) : (
        <>
          {camera ? (
            <CameraScan onResult={onCameraResult} onClose={() => setCamera(false)} />
          ) : (
            canScanWithCamera() && (
              <Button
                id="activity-camera"
                className="act-checkin-scan"
                type="primary"
                block
                size="large"
                onClick={() => setCamera(true)}
              >
                扫码签到 / 签退
              </Button>
            )
          )}
          <PasteCode
            cardId="activity-token"
            submitId="activity-checkin-submit"
            placeholder="粘贴组织者提供的签到码或签退码"
            busy={submitting}
            onSubmit={checkIn}
          />
        </>
      )}
      <PrivacySheet />
    </View>
  )
}
