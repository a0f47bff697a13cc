import { attendanceRate } from './attendance.rules'
import { china } from './time'

/**
 * Branch scorecards (述职评议, 目标管理综合考评): each branch's measures for a period, a total by the committee's
 * weights, a ranking and a month-by-month trend. Pure rules shared by the cloud (computing), the app (showing the
 * definitions and editing weights) and the Excel export, so a figure on any of them can be checked against its rule.
 */

export const MEASURE_KEYS = [
  'life',
  'attendance',
  'records',
  'makeup',
  'study',
  'testJoin',
  'testPass',
  'volunteer',
  'review',
] as const
export type MeasureKey = (typeof MEASURE_KEYS)[number]

/** A person reaches a full volunteer score with this many hours a year (prorated for a month or quarter). */
export const VOLUNTEER_HOURS_PER_YEAR = 8

export const MEASURES: Record<MeasureKey, { label: string; text: string; defaultWeight: number }> = {
  life: {
    label: '组织生活达标',
    defaultWeight: 20,
    text: '对照最低频次（支委会、党小组会、主题党日每月，党员大会、党课每季度，组织生活会每年），期内已到期的各项中达标的比例，与“组织生活达标”同一口径（从支部启用日期或第一次会议算起）；季度、年度要求计入其最后一个月。',
  },
  attendance: {
    label: '会议出勤率',
    defaultWeight: 20,
    text: '期内已结束（签到时段已过）、未取消的会议：（出席 + 迟到）÷（应到 − 请假），与“出勤统计”同一口径。',
  },
  records: {
    label: '纪实完成率',
    defaultWeight: 10,
    text: '期内已召开、未取消的会议中，会议纪实标记为已完成的比例，与“会议纪实完成情况”同一口径。',
  },
  makeup: {
    label: '补学完成率',
    defaultWeight: 10,
    text: '期内缺席或请假的人次中，已阅读会议纪实并提交学习体会（补学）的比例。',
  },
  study: {
    label: '必读完成率',
    defaultWeight: 15,
    text: '期内发布、推送到本支部的必读资料：已读人次 ÷（必读篇数 × 支部党员数），与“必读完成情况”同一口径。',
  },
  testJoin: {
    label: '七一测试参考率',
    defaultWeight: 10,
    text: '期内开放、面向本支部的测试：至少交卷一次的人次 ÷（测试数 × 支部党员数）。',
  },
  testPass: {
    label: '测试及格率',
    defaultWeight: 5,
    text: '参加测试的人次中，最高一次成绩及格的比例。',
  },
  volunteer: {
    label: '人均志愿时长',
    defaultWeight: 5,
    text: `期内开始、报名已确认的志愿服务时长 ÷ 支部党员数；人均每年 ${VOLUNTEER_HOURS_PER_YEAR} 小时（按月折算）为满分。`,
  },
  review: {
    label: '民主评议参评率',
    defaultWeight: 5,
    text: '期内开启的民主评议中，本支部参评党员已提交评议票的比例。',
  },
}

export type Weights = Record<MeasureKey, number>

export const DEFAULT_WEIGHTS: Weights = Object.fromEntries(
  MEASURE_KEYS.map((k) => [k, MEASURES[k].defaultWeight]),
) as Weights

/** Why a set of weights cannot be used, or null. Weights are whole numbers 0–100 and at least one is above 0. */
export function weightsProblem(w: Partial<Record<string, number>>): string | null {
  for (const k of MEASURE_KEYS) {
    const n = w[k]
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100)
      return `${MEASURES[k].label}的权重应为 0–100 的整数`
  }
  if (MEASURE_KEYS.every((k) => w[k] === 0)) return '至少一项的权重应大于 0'
  return null
}

/**
 * What one branch did in one month (China time), every figure additive so a quarter or a year is the sum of its
 * months and the trend and the period come from the same numbers.
 */
export interface MonthCounts {
  /** 组织生活 requirement cells that fell due (or were met) in the month, and those met. */
  lifeDue: number
  lifeMet: number
  /** Meetings started and not cancelled, and those with a 已完成 纪实. */
  held: number
  recorded: number
  /** Attendance of the meetings whose sign-in window is over (the tally of meeting.stats). */
  expected: number
  present: number
  late: number
  leave: number
  absent: number
  absentMadeUp: number
  leaveMadeUp: number
  /** Required reading: member × article expected, and read. */
  readExpected: number
  readDone: number
  /** Tests: member × test expected, taken (submitted at least once), passed (best attempt). */
  testExpected: number
  testTaken: number
  testPassed: number
  volunteerHours: number
  reviewParticipants: number
  reviewVoted: number
}

export const emptyMonth = (): MonthCounts => ({
  lifeDue: 0,
  lifeMet: 0,
  held: 0,
  recorded: 0,
  expected: 0,
  present: 0,
  late: 0,
  leave: 0,
  absent: 0,
  absentMadeUp: 0,
  leaveMadeUp: 0,
  readExpected: 0,
  readDone: 0,
  testExpected: 0,
  testTaken: 0,
  testPassed: 0,
  volunteerHours: 0,
  reviewParticipants: 0,
  reviewVoted: 0,
})

export function sumMonths(months: readonly MonthCounts[]): MonthCounts {
  const out = emptyMonth()
  for (const m of months) for (const k of Object.keys(out) as Array<keyof MonthCounts>) out[k] += m[k]
  out.volunteerHours = Math.round(out.volunteerHours * 10) / 10
  return out
}

const ratio = (n: number, d: number): number | null => (d > 0 ? Math.min(1, n / d) : null)

/** Each measure as a share in [0, 1] (null: nothing fell due), plus the raw volunteer hours per member. */
export function measuresOf(
  c: MonthCounts,
  members: number,
  monthsInPeriod: number,
): { values: Record<MeasureKey, number | null>; hoursPerMember: number | null } {
  const hoursPerMember = members > 0 ? Math.round((c.volunteerHours / members) * 10) / 10 : null
  const target = (VOLUNTEER_HOURS_PER_YEAR * monthsInPeriod) / 12
  return {
    hoursPerMember,
    values: {
      life: ratio(c.lifeMet, c.lifeDue),
      attendance: attendanceRate(c),
      records: ratio(c.recorded, c.held),
      makeup: ratio(c.absentMadeUp + c.leaveMadeUp, c.absent + c.leave),
      study: ratio(c.readDone, c.readExpected),
      testJoin: ratio(c.testTaken, c.testExpected),
      testPass: ratio(c.testPassed, c.testTaken),
      volunteer: members > 0 ? Math.min(1, c.volunteerHours / members / target) : null,
      review: ratio(c.reviewVoted, c.reviewParticipants),
    },
  }
}

/**
 * The total out of 100: the weighted mean of the measures that had something due. A measure with nothing due (no
 * test this quarter) neither helps nor hurts: its weight is left out. Null when nothing at all was due.
 */
export function totalScore(values: Record<MeasureKey, number | null>, w: Weights): number | null {
  let sum = 0
  let weight = 0
  for (const k of MEASURE_KEYS) {
    const v = values[k]
    if (v === null || w[k] === 0) continue
    sum += v * w[k]
    weight += w[k]
  }
  return weight > 0 ? Math.round((sum / weight) * 1000) / 10 : null
}

/** Competition ranking (1, 2, 2, 4) by total, highest first; a branch without a total is unranked (null). */
export function rankByTotal<T extends { total: number | null }>(
  rows: readonly T[],
): Array<T & { rank: number | null }> {
  const scored = rows.filter((r) => r.total !== null).sort((a, b) => b.total! - a.total!)
  const rankOf = new Map<T, number>()
  scored.forEach((r, i) => rankOf.set(r, i > 0 && scored[i - 1].total === r.total ? rankOf.get(scored[i - 1])! : i + 1))
  return rows.map((r) => ({ ...r, rank: rankOf.get(r) ?? null }))
}

/** A scorecard period: a year, one of its quarters or one of its months. */
export interface ScorePeriod {
  year: number
  quarter?: number
  month?: number
}

/** The months (0–11) a period covers. */
export function monthsOf(p: ScorePeriod): number[] {
  if (p.month) return [p.month - 1]
  if (p.quarter) return [0, 1, 2].map((i) => (p.quarter! - 1) * 3 + i)
  return Array.from({ length: 12 }, (_, i) => i)
}

export function periodLabel(p: ScorePeriod): string {
  if (p.month) return `${p.year} 年 ${p.month} 月`
  if (p.quarter) return `${p.year} 年第${'一二三四'[p.quarter - 1]}季度`
  return `${p.year} 年`
}

/** The start of each month of `year` in China time, and the start of the next year (13 instants). */
export function monthStarts(year: number): Date[] {
  return Array.from({ length: 13 }, (_, i) => {
    const y = year + Math.floor(i / 12)
    const m = String((i % 12) + 1).padStart(2, '0')
    return china(`${y}-${m}-01T00:00:00+08:00`).toDate()
  })
}

/** The month (0–11) of `year` an instant falls in, China time. */
export function monthIndex(at: Date | string, year: number): number {
  const d = china(at)
  return d.year() < year ? 0 : d.year() > year ? 11 : d.month()
}

/** Where a 组织生活 requirement cell (`2026-03`, `2026-Q1`, `2026`) is counted: its last month. */
export function cellMonth(period: string): number {
  const q = /-Q(\d)$/.exec(period)
  if (q) return Number(q[1]) * 3 - 1
  const m = /-(\d\d)$/.exec(period)
  return m ? Number(m[1]) - 1 : 11
}
