/** 三会一课 and the other meeting kinds a branch records. */
export const MEETING_TYPES = [
  'branch_assembly',
  'branch_committee',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'org_life',
  'democratic_life',
  'other',
] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  branch_assembly: '支部党员大会',
  branch_committee: '支部委员会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  org_life: '组织生活会',
  democratic_life: '民主生活会',
  other: '其他',
}

/**
 * Who is expected at a meeting when the organiser names nobody (issue 13, defect 3): 支部委员会 is the branch committee
 * (members holding a 职务 such as 书记 or 组织委员), 党小组会 its group, every other branch meeting (党员大会, 党课,
 * 主题党日, 组织生活会) the whole branch. Ordinary members were expected at committee meetings and shown absent.
 */
export type DefaultAudience = 'committee' | 'group' | 'branch'

export function defaultAudience(type: MeetingType): DefaultAudience {
  return type === 'branch_committee' ? 'committee' : type === 'group_meeting' ? 'group' : 'branch'
}

export type MeetingStatus = 'scheduled' | 'closed' | 'cancelled'

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: '未结束',
  closed: '已结束',
  cancelled: '已取消',
}

/** How a member's attendance was recorded. */
export type CheckInMethod = 'scan' | 'static_code' | 'manual' | 'organiser'

export const CHECKIN_METHOD_LABELS: Record<CheckInMethod, string> = {
  scan: '扫码签到',
  static_code: '扫打印码签到',
  manual: '代签/补录',
  // The organiser showing the code cannot scan her own screen: she taps 我已到会 on it.
  organiser: '组织者确认到会',
}

/**
 * 民主生活会 is the leadership's meeting: it is held by the committee (or a 党总支), not by a 党支部, so it is created
 * on that org and its attendees are named, not defaulted to a branch roster.
 */
export function isLeadershipMeeting(type: MeetingType): boolean {
  return type === 'democratic_life'
}

/** Org kinds that hold a 民主生活会: the committee itself or a 党总支, never a single 党支部. */
export const LEADERSHIP_ORG_TYPES = ['committee', 'general_branch'] as const

/**
 * Who a new 民主生活会 invites until the organiser changes the ticks: the leadership (领导班子) as the roster knows
 * it — the committee's admins (机关党委) and each branch committee's 书记 and 副书记. Everyone else is left unticked.
 */
export function isLeadershipMember(m: { role: string; post?: string | null }): boolean {
  return m.role === 'org_admin' || m.post === '书记' || m.post === '副书记'
}
