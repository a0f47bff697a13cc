import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { KitButton } from '@/components/kit'
import { RULE_LABELS, THROTTLE_HOURS, type ReminderKind } from '@/domain/reminder.rules'
import { formatDateTime } from '@/domain/time'
import { messageOf, useMutation, useProcedure } from '@/remote'
import './remind-card.scss'

/**
 * 一键提醒 for a meeting's or a test's not-done list, and what was sent already (timer and manual). The cloud throttles
 * it to once per item per day; the button says when it is allowed again.
 */
export function RemindCard({ kind, itemId, who }: { kind: ReminderKind; itemId: string; who: string }) {
  const log = useProcedure('remind.log', { kind, itemId })
  const send = useMutation('remind.send', { invalidates: ['remind.log'] })
  const next = log.data?.nextManualAt ?? null
  const onSend = async () => {
    try {
      const out = await send.run({ kind, itemId })
      Taro.showToast({ title: `已安排提醒 ${out.recipients} 人`, icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }
  return (
    <View className="card remind-card" id="remind-card">
      <View className="remind-head">
        <Text className="remind-title">提醒{who}</Text>
        <KitButton size="small" id="remind-send" loading={send.pending} disabled={!!next} onClick={onSend}>
          一键提醒
        </KitButton>
      </View>
      <Text className="muted remind-line">
        {next
          ? `${formatDateTime(next)} 后可再次一键提醒（同一事项 ${THROTTLE_HOURS} 小时内一次）`
          : `通过订阅消息提醒；同一事项 ${THROTTLE_HOURS} 小时内只能一键提醒一次，已授权的党员每次授权收到一条。`}
      </Text>
      {(log.data?.jobs ?? []).map((j) => (
        <Text key={j.id} className="remind-line" data-job={j.rule}>
          {formatDateTime(j.createdAt)} {j.byName ? `${j.byName} ` : ''}
          {RULE_LABELS[j.rule]}：{j.finishedAt ? `已发送 ${j.sent} 人` : `发送中（已发 ${j.sent} 人）`}
          {j.noCredit ? `，${j.noCredit} 人未授权订阅消息` : ''}
          {j.unconfirmed ? `，${j.unconfirmed} 人未确认` : ''}
        </Text>
      ))}
    </View>
  )
}
