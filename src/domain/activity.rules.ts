/** 志愿服务 and 工会活动, each with sub-types the organisers pick from (free text is allowed too). */
export const ACTIVITY_KINDS = ['volunteer', 'union'] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = { volunteer: '志愿服务', union: '工会活动' }

export const ACTIVITY_SUBTYPES: Record<ActivityKind, readonly string[]> = {
  volunteer: ['社区服务', '巾帼志愿者进社区', '文明交通', '关爱帮扶', '环境保护'],
  union: ['文体活动', '技能竞赛', '疗休养', '职工健步走', '读书分享'],
}

export type SignupStatus = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled' | 'rejected'

/** The organiser's roster labels: 已签到/已签退 show over 报名成功 once the member has checked in or out. */
export function signupLabel(s: { status: SignupStatus; checkInAt?: unknown; checkOutAt?: unknown }): string {
  if (s.status === 'confirmed' && s.checkOutAt) return '已签退'
  if (s.status === 'confirmed' && s.checkInAt) return '已签到'
  return { pending: '待审核', confirmed: '报名成功', waitlisted: '候补', cancelled: '已取消', rejected: '未通过' }[
    s.status
  ]
}

const HOUR = 3600_000

/**
 * Volunteer hours for one activity: the time between check-in and check-out, never more than the activity lasted,
 * rounded down to a tenth of an hour. No check-out, no hours.
 */
export function volunteerHours(input: {
  checkInAt: Date | null
  checkOutAt: Date | null
  startAt: Date
  endAt: Date
}): number {
  if (!input.checkInAt || !input.checkOutAt) return 0
  const served = Math.max(0, input.checkOutAt.getTime() - input.checkInAt.getTime())
  const cap = Math.max(0, input.endAt.getTime() - input.startAt.getTime())
  return Math.floor((Math.min(served, cap) / HOUR) * 10) / 10
}

/**
 * When on-site check-in and check-out are accepted: from the start to two hours after the end. Not before the start
 * (issue 14): an early scan says "I was there" for time the activity had not begun, and 志愿服务时长 and rosters are
 * reported upward as attendance of the activity itself; the refusal says when it opens.
 */
export function onSiteWindow(startAt: Date, endAt: Date): { opens: Date; closes: Date } {
  return { opens: new Date(startAt.getTime()), closes: new Date(endAt.getTime() + 2 * HOUR) }
}

/** Whether sign-up is open at `now`. */
export function signupState(openAt: Date, closeAt: Date, now: Date): 'not_open' | 'open' | 'closed' {
  if (now < openAt) return 'not_open'
  if (now > closeAt) return 'closed'
  return 'open'
}

/** The start of the rotation window: "not taken part in this sub-type within N months" looks back from `now`. */
export function rotationSince(now: Date, months: number): Date {
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - months)
  return d
}
