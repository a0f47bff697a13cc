import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { RotatingQrScreen } from '@/components/rotating-qr'
import { usePageParams } from '@/components/kit/use-page-params'
import { useProcedure } from '@/remote'
import { useRotatingCode } from '../../components/use-rotating-code'
import './index.scss'

type QrMode = 'in' | 'out'

/** 签到码 / 签退码 of an activity: the organiser's rotating on-site code and the counts so far. */
export default function ActivityQrPage() {
  const params = usePageParams()
  const id = params?.id ?? ''
  const [modeChoice, setMode] = useState<QrMode | null>(null)
  const mode: QrMode = modeChoice ?? (params?.mode === 'out' ? 'out' : 'in')
  const rotating = useRotatingCode('activity.qrToken')
  const askNext = rotating.next
  // The title is decoration: a failed read shows the code without it.
  const roster = useProcedure(
    'activity.roster',
    { activityId: id, status: 'pending', page: 1 },
    { enabled: !!id, refetchOnShow: false },
  )
  const title = roster.data?.activity.title ?? ''
  const checkedIn = rotating.code?.checkedIn ?? 0
  const checkedOut = rotating.code?.checkedOut ?? 0
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: mode === 'out' ? '活动签退码' : '活动签到码' }).catch(() => {})
  }, [mode])

  // The rotation restarts when the organiser switches between the check-in and the check-out code.
  const key = id ? `${id}:${mode}` : ''
  const fetchNext = useCallback(
    (k: string) => {
      const [activityId, m] = k.split(':')
      return askNext({ activityId, mode: m as QrMode })
    },
    [askNext],
  )
  const switchMode = () => {
    rotating.clear()
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
      token={rotating.code?.token ?? null}
      error={rotating.error}
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
