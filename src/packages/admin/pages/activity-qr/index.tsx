import { Text, View } from '@tarojs/components'
import Taro, { useLoad, useUnload } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { RotatingQrScreen } from '@/components/rotating-qr'
import { useActivityQrStore, type QrMode } from '@/stores/activity-qr.store'
import './index.scss'

export default function ActivityQrPage() {
  const title = useActivityQrStore((s) => s.title)
  const token = useActivityQrStore((s) => s.token)
  const checkedIn = useActivityQrStore((s) => s.checkedIn)
  const checkedOut = useActivityQrStore((s) => s.checkedOut)
  const error = useActivityQrStore((s) => s.error)
  const next = useActivityQrStore((s) => s.next)
  const loadTitle = useActivityQrStore((s) => s.loadTitle)
  const reset = useActivityQrStore((s) => s.reset)
  const [id, setId] = useState('')
  const [mode, setMode] = useState<QrMode>('in')

  useLoad((params?: Record<string, string>) => {
    const activityId = decodeURIComponent(params?.id ?? '')
    reset()
    setId(activityId)
    setMode(params?.mode === 'out' ? 'out' : 'in')
    if (activityId) loadTitle(activityId)
  })
  useUnload(() => reset())
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: mode === 'out' ? '活动签退码' : '活动签到码' }).catch(() => {})
  }, [mode])

  // The rotation restarts when the organiser switches between the check-in and the check-out code.
  const key = id ? `${id}:${mode}` : ''
  const fetchNext = useCallback(
    (k: string) => {
      const [activityId, m] = k.split(':')
      return next(activityId, m as QrMode)
    },
    [next],
  )
  const switchMode = () => {
    useActivityQrStore.setState({ token: null, error: null })
    setMode(mode === 'in' ? 'out' : 'in')
  }

  return (
    <RotatingQrScreen
      codeKey={key}
      title={title || '活动签到'}
      hint={
        mode === 'out'
          ? '签退码：活动结束时请打开“机关党建”小程序扫码签退'
          : '签到码：请打开“机关党建”小程序 → 活动 → 扫码签到'
      }
      placeholder={mode === 'out' ? '正在生成签退码…' : '正在生成签到码…'}
      token={token}
      error={error}
      next={fetchNext}
    >
      <View className="aq-counts">
        <Text className="qr-count" id="qr-count-in">
          已签到 <Text className="qr-count-n">{checkedIn}</Text> 人
        </Text>
        <Text className="qr-count aq-count-out" id="qr-count-out">
          已签退 <Text className="qr-count-n">{checkedOut}</Text> 人
        </Text>
      </View>
      <Text className="aq-switch" id="qr-switch" onClick={switchMode}>
        切换到{mode === 'in' ? '签退码' : '签到码'} ›
      </Text>
    </RotatingQrScreen>
  )
}
