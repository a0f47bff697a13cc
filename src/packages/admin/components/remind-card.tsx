import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { KitButton } from '@/components/kit'
import type { ReminderJobView } from '@/contract/remind.contract'
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
      <RemindLines jobs={log.data?.jobs ?? []} />
    </View>
  )
}

/** One line per reminder job: when, who (一键提醒) or which rule, and what came of it. */
function RemindLines({ jobs }: { jobs: ReminderJobView[] }) {
  return (
    <>
      {jobs.map((j) => (
        <Text key={j.id} className="remind-line" data-job={j.rule}>
          {formatDateTime(j.createdAt)} {j.byName ? `${j.byName} ` : ''}
          {RULE_LABELS[j.rule]}：{j.finishedAt ? `已发送 ${j.sent} 人` : `发送中（已发 ${j.sent} 人）`}
          {j.noCredit ? `，${j.noCredit} 人未授权订阅消息` : ''}
          {j.unconfirmed ? `，${j.unconfirmed} 人未确认` : ''}
        </Text>
      ))}
    </>
  )
}

/**
 * An activity's 活动提醒 (the timer's, to the confirmed, a day before; members confirmed later are reached by a later
 * run): the organiser's record of what was sent. No 一键提醒 here: a place is confirmed, not a task left undone.
 */
export function ActivityRemindLog({ activityId }: { activityId: string }) {
  const log = useProcedure('remind.activityLog', { activityId })
  if (!log.data?.templateId) return null
  return (
    <View className="card remind-card" id="activity-remind-log">
      <Text className="remind-title">活动提醒</Text>
      <Text className="muted remind-line">
        {log.data.jobs.length
          ? '开始前 24 小时内通过订阅消息提醒报名成功的党员；之后确认的党员由下一次提醒补上，每人一次。'
          : '活动开始前 24 小时内，将通过订阅消息提醒报名成功且已授权的党员（每人一次）。'}
      </Text>
      <RemindLines jobs={log.data.jobs} />
    </View>
  )
}
