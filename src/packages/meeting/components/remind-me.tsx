import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { KitButton } from '@/components/kit'
import { useMutation, useProcedure } from '@/remote'

const isWeapp = process.env.TARO_ENV === 'weapp'

/**
 * "开会前提醒我": one consent to the reminder template lets one reminder reach the member (会前提醒 two hours before,
 * or the secretary's 一键提醒). Hidden when the deployment has no reminder template.
 */
export function RemindMe() {
  const tpl = useProcedure('remind.template', {})
  const subscribe = useMutation('remind.subscribe')
  const templateId = tpl.data?.templateId
  if (!templateId) return null
  const ask = async () => {
    try {
      let accepted = true
      if (isWeapp) {
        const res = (await Taro.requestSubscribeMessage({
          tmplIds: [templateId],
        } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
        accepted = res[templateId] === 'accept'
      }
      await subscribe.run({ templateId, accepted })
      Taro.showToast({ title: accepted ? '开会前会通过微信提醒您' : '未开启提醒', icon: 'none' })
    } catch {
      Taro.showToast({ title: '未能订阅提醒', icon: 'none' })
    }
  }
  return (
    <View className="detail-remind">
      <Text className="muted">开会前 2 小时通过微信提醒您（每次授权提醒一次）</Text>
      <KitButton id="detail-remind-me" size="small" kind="outline" loading={subscribe.pending} onClick={ask}>
        开会前提醒我
      </KitButton>
    </View>
  )
}
