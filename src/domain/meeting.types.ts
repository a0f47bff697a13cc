/** 三会一课 and the other meeting kinds a branch records. */
export const MEETING_TYPES = [
  'branch_assembly',
  'branch_committee',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'other',
] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  branch_assembly: '支部党员大会',
  branch_committee: '支部委员会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  other: '其他',
}

export type MeetingStatus = 'scheduled' | 'closed' | 'cancelled'

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: '未结束',
  closed: '已结束',
  cancelled: '已取消',
}

/** How a member's attendance was recorded. */
export type CheckInMethod = 'scan' | 'static_code' | 'manual'

export const CHECKIN_METHOD_LABELS: Record<CheckInMethod, string> = {
  scan: '扫码签到',
  static_code: '扫打印码签到',
  manual: '代签/补录',
}
