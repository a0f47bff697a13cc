/**
 * A member's year: what counts and when a member is falling behind. The same definitions are shown on the page and
 * used by the secretary's list, so a member can check a figure against its rule.
 */
export interface YearFigures {
  meetings: {
    /** Meetings of the year (started, sign-in window closed, not cancelled) the member was expected at. */
    expected: number
    present: number
    late: number
    leave: number
    absent: number
    absentMadeUp: number
    leaveMadeUp: number
    /** (present + late) / (expected − leave); null when nothing was required. */
    rate: number | null
  }
  study: {
    /** Required items published to the member this year. */
    required: number
    /** Of those, read (a read receipt: reached the end and stayed long enough). */
    requiredRead: number
    /** Of those, past their deadline and still unread. */
    overdue: number
    /** Everything read this year (required or not) and the time spent, in minutes. */
    readCount: number
    minutes: number
  }
  tests: {
    /** Published tests for the member's branch that opened this year. */
    due: number
    /** Closed ones the member never submitted. */
    missedClosed: number
    taken: number
    passed: number
  }
  activities: {
    /** Confirmed sign-ups for activities that started this year. */
    joined: number
    volunteerHours: number
  }
}

/**
 * Whose meetings count in a member's year — one rule for her own page and for her secretary's list of members who
 * fall behind: every meeting she was on the expected list of, wherever it was held (her branch, her 党小组, a
 * committee-level meeting), plus open meetings of other branches she attended (they add to her expected count). Never
 * "the meetings her branch held", which would drop the first kind and the second. The cloud keys every meeting figure
 * by member for that reason (cloudfunctions/member/year.ts).
 */
export function meetingCountsFor(
  memberId: string,
  meeting: { expectedIds: readonly string[] },
  record: { memberId: string; extra: boolean } | null,
): boolean {
  return meeting.expectedIds.includes(memberId) || (record?.memberId === memberId && record.extra)
}

export const YEAR_DEFINITIONS: Array<{ key: string; label: string; text: string }> = [
  {
    key: 'meetings',
    label: '会议',
    text: '应参加：本年已结束（签到时段已过）、未取消、本人在应到名单中的会议（不论哪个组织召开），以及本人参加的其他支部开放会议。出勤率 =（出席 + 迟到）÷（应参加 − 请假）。缺席或请假的会议须补学：阅读会议纪实并写学习体会；“已补学”单独统计。',
  },
  {
    key: 'study',
    label: '学习',
    text: '必读：本年推送给本人所在支部的必读资料；读到末尾且停留足够时间才算已读。逾期未读：已过阅读期限仍未读。学习时长为本年所有已读资料的阅读时间之和。',
  },
  {
    key: 'tests',
    label: '测试',
    text: '应参加：本年开放、面向本人所在支部的测试。已参加：至少交卷一次；及格按最高一次成绩。错过：测试已截止而未交卷。',
  },
  {
    key: 'activities',
    label: '活动',
    text: '参加：本年开始、报名已确认的志愿服务和工会活动。志愿服务时长以管理员登记或签到签退计算的时长为准。',
  },
  {
    key: 'review',
    label: '民主评议',
    text: '本年开启、本人参评的民主评议：是否已提交评议票（评议票不记名）、是否已填写自我评价；评议结束且支部提出建议结果后显示本人的评议结果。',
  },
]

/** Below this attendance rate a member is falling behind (the committee's usual 80% line). */
export const ATTENDANCE_FLOOR = 0.8

/** Why a member is falling behind, in words a secretary acts on; empty when she is not. */
export function behindReasons(f: YearFigures): string[] {
  const out: string[] = []
  const m = f.meetings
  if (m.rate !== null && m.rate < ATTENDANCE_FLOOR) out.push(`出勤率 ${Math.round(m.rate * 100)}%，低于 80%`)
  const owed = m.absent + m.leave - m.absentMadeUp - m.leaveMadeUp
  if (owed > 0) out.push(`${owed} 次会议未补学`)
  if (f.study.overdue > 0) out.push(`${f.study.overdue} 篇必读资料逾期未读`)
  if (f.tests.missedClosed > 0) out.push(`${f.tests.missedClosed} 次测试未参加`)
  return out
}
