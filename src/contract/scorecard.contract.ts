import type { MeasureKey, MonthCounts, Weights } from '../domain/scorecard.rules'
import { action } from './access'
import { v } from './schema'

const ADMINS = ['branch_admin', 'org_admin'] as const
const weight = (label: string) => v.int({ label: `${label}权重`, min: 0, max: 100 })

/** A period: a year, or one quarter or month of it (not both). */
export const periodInput = v.object({
  year: v.int({ label: '年份', min: 2000, max: 2100 }),
  quarter: v.optional(v.int({ label: '季度', min: 1, max: 4 })),
  month: v.optional(v.int({ label: '月份', min: 1, max: 12 })),
})

/**
 * The `scorecard` cloud function: the committee's view of every branch (述职评议, 目标管理综合考评). Its own function so
 * the member-facing ones do not carry the cross-area aggregations; the Excel copy is archive.scorecard.
 */
export const scorecardActions = {
  view: action({
    access: ADMINS,
    summary:
      '支部考评：各支部组织生活达标、出勤、纪实、补学、必读、测试、志愿时长、民主评议及按权重的总分、排名和逐月趋势（支部管理员只看本支部）',
    input: periodInput,
  }),
  setWeights: action({
    access: ['org_admin'],
    summary: '设置支部考评各项的权重（0–100，记审计）',
    input: v.object({
      life: weight('组织生活达标'),
      attendance: weight('会议出勤率'),
      records: weight('纪实完成率'),
      makeup: weight('补学完成率'),
      study: weight('必读完成率'),
      testJoin: weight('七一测试参考率'),
      testPass: weight('测试及格率'),
      volunteer: weight('人均志愿时长'),
      review: weight('民主评议参评率'),
    }),
  }),
}

/** One branch's row of the scorecard. */
export interface ScoreRow {
  branchId: string
  branchName: string
  members: number
  /** Each measure as a share 0–1; null when nothing fell due in the period. */
  values: Record<MeasureKey, number | null>
  /** The counts behind them, so every figure can be checked by hand. */
  counts: MonthCounts
  hoursPerMember: number | null
  /** Out of 100 by the committee's weights; null when nothing was due. */
  total: number | null
  /** Among all branches (a branch admin sees her place, not the others' rows). */
  rank: number | null
}

export interface ScorecardView {
  period: { year: number; quarter: number | null; month: number | null; label: string; from: string; to: string }
  weights: Weights
  weightsUpdatedAt: string | null
  weightsUpdatedBy: string | null
  /** How many branches are ranked (a branch admin's rank is "n of this"). */
  ranked: number
  rows: ScoreRow[]
  /**
   * The totals month by month (this year up to the current month), one series per row's branch, and each measure
   * month by month (a share 0–1, null when nothing fell due that month) for the lines per measure.
   */
  trend: {
    months: string[]
    series: Array<{
      branchId: string
      totals: Array<number | null>
      measures: Record<MeasureKey, Array<number | null>>
    }>
  }
  /** Meetings still in their sign-in window, left out of attendance (as in 出勤统计). */
  inProgress: number
}

export interface ScorecardOutputs {
  view: ScorecardView
  setWeights: { weights: Weights; updatedAt: string }
}
