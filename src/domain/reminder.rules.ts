/**
 * Reminders: what is reminded, when, and how often. One reminder per person per item per rule, never twice; a
 * secretary's 一键提醒 at most once per item per THROTTLE_HOURS, so nobody hears twice about the same thing in a day.
 */
/** What a secretary may remind about (一键提醒, the log): a meeting, a test, or a required article (学习资料 必读). */
export type ReminderKind = 'meeting' | 'quiz' | 'study'

/** What a reminder job walks: the secretary's kinds, and an activity (the timer's 活动提醒, to the confirmed). */
export type ReminderItemKind = ReminderKind | 'activity'

/**
 * Timer rules: a meeting starting within MEETING_LEAD_MIN (to the expected who have not signed in or asked for
 * leave), a test closing within QUIZ_LEAD_HOURS (to those who have not handed in), a required article due within
 * READING_LEAD_HOURS (to those who have not read it through), an activity starting within ACTIVITY_LEAD_HOURS (to
 * those whose place is confirmed). Who is reminded is decided when the reminder is sent, not when it is queued.
 */
export type ReminderRule = 'meeting_soon' | 'quiz_closing' | 'reading_due' | 'activity_soon' | 'manual'

export const MEETING_LEAD_MIN = 120
export const QUIZ_LEAD_HOURS = 24
export const READING_LEAD_HOURS = 24
export const ACTIVITY_LEAD_HOURS = 24
export const THROTTLE_HOURS = 24

export const RULE_LABELS: Record<ReminderRule, string> = {
  meeting_soon: '会前提醒（开始前 2 小时内）',
  quiz_closing: '测试截止提醒（截止前 24 小时内）',
  reading_due: '必读到期提醒（期限前 24 小时内）',
  activity_soon: '活动提醒（开始前 24 小时内）',
  manual: '一键提醒',
}

/** When the next 一键提醒 on an item is allowed, or null when it is now. */
export function nextManualAt(lastAt: Date | null, now: Date): Date | null {
  if (!lastAt) return null
  const next = new Date(lastAt.getTime() + THROTTLE_HOURS * 3600_000)
  return next > now ? next : null
}
