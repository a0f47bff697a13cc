import { remindActions, type RemindOutputs } from '../../src/contract/remind.contract'
import { createRouter } from '../_shared/router'
import { REMINDER, checkTemplatesAtStart } from '../_shared/templates'
import { activityLog, dispatch, log, send, subscribe, template } from './remind'

checkTemplatesAtStart([REMINDER], {
  REMIND_TEMPLATE_ID: process.env.REMIND_TEMPLATE_ID,
  REMIND_TEMPLATE_KEYS: process.env.REMIND_TEMPLATE_KEYS,
})

/** The `remind` cloud function: 会前提醒, 测试截止提醒, 必读到期提醒, 活动提醒 (timer, resumable jobs) and a secretary's throttled 一键提醒. */
export const main = createRouter<typeof remindActions, RemindOutputs>(
  'remind',
  remindActions,
  { subscribe, template, send, log, activityLog },
  { dispatch },
)
