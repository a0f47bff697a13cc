import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { KitButton } from '@/components/kit'
import { useMutation, useProcedure } from '@/remote'

type Ask =
  | { kind: 'idle' }
  | { kind: 'on'; credits: number }
  | { kind: 'declined' }
  | { kind: 'switchOff' }
  | { kind: 'failed'; message: string }

const NOTE: Record<Exclude<Ask['kind'], 'on' | 'failed'>, string> = {
  idle: '开会前 2 小时通过微信提醒您（每次授权提醒一次）',
  declined: '您没有同意，开会前不会收到微信提醒',
  switchOff: '微信的订阅消息已关闭：请点右上角「···」→ 设置，打开「接收通知」后再试',
}

/**
 * "开会前提醒我": one consent to the reminder template lets one reminder reach the member (会前提醒 two hours before,
 * or the secretary's 一键提醒). WeChat answers each template with accept / reject / ban / filter, or fails with
 * errCode 20004 when the member switched subscriptions off for this mini-program (wx.requestSubscribeMessage); only
 * an answer is recorded (remind.subscribe), and the note says what she will get. Hidden when the deployment has no
 * reminder template. `asksWeChat`: the consent dialog exists on weapp only (H5 is the local demo, consent assumed).
 * The consent is held for THIS meeting (`meetingId`): another meeting's 会前提醒 never spends it.
 */
export function RemindMe({
  meetingId,
  asksWeChat = process.env.TARO_ENV === 'weapp',
}: {
  meetingId: string
  asksWeChat?: boolean
}) {
  const tpl = useProcedure('remind.template', {})
  const subscribe = useMutation('remind.subscribe')
  const [state, setState] = useState<Ask>({ kind: 'idle' })
  const [asking, setAsking] = useState(false)
  const templateId = tpl.data?.templateId
  if (!templateId) return null
  const ask = async () => {
    setAsking(true)
    try {
      let accepted = true
      if (asksWeChat) {
        try {
          const res = (await Taro.requestSubscribeMessage({
            tmplIds: [templateId],
          } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
          accepted = res[templateId] === 'accept'
        } catch (e) {
          const off = (e as { errCode?: number })?.errCode === 20004
          setState(off ? { kind: 'switchOff' } : { kind: 'failed', message: '未能打开订阅提醒，请稍后再试' })
          return
        }
      }
      try {
        const { credits } = await subscribe.run({ templateId, accepted, meetingId })
        setState(accepted ? { kind: 'on', credits } : { kind: 'declined' })
        if (accepted) Taro.showToast({ title: '已开启提醒', icon: 'none' })
      } catch (e) {
        setState({ kind: 'failed', message: (e as Error).message || '未能订阅提醒，请稍后再试' })
      }
    } finally {
      setAsking(false)
    }
  }
  const note =
    state.kind === 'on'
      ? `已开启：开会前会通过微信提醒您（本次会议可收 ${state.credits} 条提醒）`
      : state.kind === 'failed'
        ? state.message
        : NOTE[state.kind]
  return (
    <View className="detail-remind">
      <Text
        id="detail-remind-note"
        className={state.kind === 'failed' || state.kind === 'switchOff' ? 'form-error' : 'muted'}
      >
        {note}
      </Text>
      <KitButton id="detail-remind-me" size="small" kind="outline" loading={asking} onClick={ask}>
        {state.kind === 'on' ? '再授权一次' : '开会前提醒我'}
      </KitButton>
    </View>
  )
}
