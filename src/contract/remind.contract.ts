import { action } from './access'
import { v } from './schema'
import type { ReminderRule } from '../domain/reminder.rules'

const ADMINS = ['branch_admin', 'org_admin'] as const
/** Who runs activities (as activity.roster): they see what was sent about one. */
const ORGANISERS = ['union_admin', 'org_admin'] as const
const kind = v.oneOf(['meeting', 'quiz', 'study'] as const, { label: '提醒事项' })
const item = v.str({ label: '事项', min: 1, max: 64 })

/**
 * The `remind` cloud function: subscribe-message reminders. A timer (every 5 minutes) queues 会前提醒, 测试截止提醒,
 * 必读到期提醒 and 活动提醒 and runs them as resumable jobs; a secretary's 一键提醒 queues one for the not-done list of a
 * meeting, a test or a required article. Who a job reaches is decided as it sends (cloudfunctions/remind/items.ts).
 */
export const remindActions = {
  subscribe: action({
    access: 'member',
    summary: '记录待办提醒的订阅消息授权（每次授权可接收一条提醒；在会议页授权的只用于该会议的提醒）',
    input: v.object({
      templateId: v.str({ label: '模板', min: 1, max: 80 }),
      accepted: v.bool({ label: '是否同意' }),
      // The meeting whose page asked ("开会前提醒我"): the consent is held for that meeting's reminders.
      meetingId: v.optional(item),
    }),
  }),
  template: action({
    access: 'member',
    summary: '待办提醒使用的订阅消息模板（请求授权用；未配置时为空）',
    input: v.object({}),
  }),
  send: action({
    access: ADMINS,
    summary:
      '一键提醒：向会议未签到且未请假、测试未交卷或必读资料未读完的党员发送提醒（同一事项 24 小时内只能一次，记审计）',
    input: v.object({ kind, itemId: item }),
  }),
  log: action({
    access: ADMINS,
    summary: '提醒记录：一个会议或测试已发送的提醒（定时与一键）、各自的发送结果和下次可一键提醒的时间',
    input: v.object({ kind, itemId: item }),
  }),
  activityLog: action({
    access: ORGANISERS,
    summary: '活动提醒记录：一项活动已发送的活动提醒（开始前 24 小时内，发给报名已确认的党员）和各自的发送结果',
    input: v.object({ activityId: item }),
  }),
}

export interface ReminderJobView {
  id: string
  rule: ReminderRule
  byName: string | null
  createdAt: string
  finishedAt: string | null
  recipients: number
  sent: number
  noCredit: number
  /** Created, but the run was cut off before WeChat answered: not sent again (see _shared/reminder-job.ts). */
  unconfirmed: number
}

export interface RemindOutputs {
  subscribe: { credits: number }
  template: { templateId: string | null }
  send: { jobId: string; recipients: number }
  log: { jobs: ReminderJobView[]; nextManualAt: string | null; templateId: string | null }
  activityLog: { jobs: ReminderJobView[]; templateId: string | null }
}
