import { china } from './time'
import type { MeetingType } from './meeting.types'

/** 组织生活 minimum frequencies: how often a branch must hold each kind of meeting. */
type Every = 'month' | 'quarter' | 'year'

export const REQUIREMENTS: ReadonlyArray<{ type: MeetingType; every: Every; perGroup?: boolean; label: string }> = [
  { type: 'branch_assembly', every: 'quarter', label: '支部党员大会（每季度至少 1 次）' },
  { type: 'branch_committee', every: 'month', label: '支部委员会（每月至少 1 次）' },
  { type: 'group_meeting', every: 'month', perGroup: true, label: '党小组会（每个党小组每月至少 1 次）' },
  { type: 'party_lecture', every: 'quarter', label: '党课（每季度至少 1 次）' },
  // 固定主题党日: monthly, like the 支委会; committees report it beside 三会一课.
  { type: 'theme_day', every: 'month', label: '主题党日（每月至少 1 次）' },
  { type: 'org_life', every: 'year', label: '组织生活会（每年至少 1 次）' },
]

export interface HeldMeeting {
  type: MeetingType
  startAt: Date
  /** The 党小组 for a group meeting. */
  groupId?: string | null
}

/** `before_start`: the period ended before the branch started using the app — neither met nor a gap. */
export type CellState = 'met' | 'gap' | 'upcoming' | 'in_progress' | 'before_start'

export const CELL_STATE_LABELS: Record<CellState, string> = {
  met: '已达标',
  gap: '未达标',
  in_progress: '进行中',
  upcoming: '未到期',
  before_start: '启用前',
}

export interface ComplianceCell {
  /** `2026-03` or `2026-Q1`. */
  period: string
  held: number
  required: number
  state: CellState
}

export interface ComplianceRow {
  /** A meeting type, or `talk` for the 谈心谈话 its secretary held. */
  type: MeetingType | 'talk'
  label: string
  /** For per-group rows: the group. */
  groupId?: string
  groupName?: string
  cells: ComplianceCell[]
  gaps: number
}

function periodKey(at: Date, every: Every): string {
  const d = china(at)
  if (every === 'year') return String(d.year())
  return every === 'month' ? d.format('YYYY-MM') : `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`
}

function periodsOfYear(year: number, every: Every): string[] {
  if (every === 'year') return [String(year)]
  return every === 'month'
    ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
    : [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
}

/** Whether a whole period (month, quarter or year key) lies before the day `since`. */
function endsBefore(period: string, every: Every, since: Date): boolean {
  // A period counts once the branch was using the app at any point in it: only periods wholly earlier are skipped.
  return period < periodKey(since, every)
}

/**
 * Whether a branch held its meetings as often as required in `year`: one row per requirement (per group for 党小组会),
 * one cell per month or quarter. A past period with none held is a gap; the current one is in progress. Periods that
 * ended before `since` (the day the branch started using the app) are `before_start`: the app cannot know what was
 * held on paper then, so they are neither met nor gaps — unless a meeting was recorded in them anyway.
 */
export function compliance(
  held: readonly HeldMeeting[],
  year: number,
  groups: ReadonlyArray<{ id: string; name: string }>,
  now: Date,
  since: Date | null = null,
): ComplianceRow[] {
  const rows: ComplianceRow[] = []
  for (const req of REQUIREMENTS) {
    const targets = req.perGroup ? groups.map((g) => ({ groupId: g.id, groupName: g.name })) : [{}]
    for (const target of targets) {
      const counts = new Map<string, number>()
      for (const m of held) {
        if (m.type !== req.type) continue
        if ('groupId' in target && m.groupId !== target.groupId) continue
        const key = periodKey(m.startAt, req.every)
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
      const current = periodKey(now, req.every)
      const cells = periodsOfYear(year, req.every).map((period) => {
        const count = counts.get(period) ?? 0
        const state: CellState =
          count >= 1
            ? 'met'
            : since && endsBefore(period, req.every, since)
              ? 'before_start'
              : period < current
                ? 'gap'
                : period === current
                  ? 'in_progress'
                  : 'upcoming'
        return { period, held: count, required: 1, state }
      })
      rows.push({
        type: req.type,
        label: req.label,
        ...target,
        cells,
        gaps: cells.filter((c) => c.state === 'gap').length,
      })
    }
  }
  return rows
}

/**
 * The 谈心谈话 row: how many talks a branch's secretary held in `year` against the committee's yearly rule. One cell
 * for the year; it is a gap only once the year is over (or met as soon as the count reaches the rule).
 */
export function talkRow(held: number, required: number, year: number, now: Date, who: string): ComplianceRow {
  const current = periodKey(now, 'year')
  const period = String(year)
  const state: CellState =
    held >= required ? 'met' : period < current ? 'gap' : period === current ? 'in_progress' : 'upcoming'
  return {
    type: 'talk',
    label: `谈心谈话（${who}每年至少 ${required} 次）`,
    cells: [{ period, held, required, state }],
    gaps: state === 'gap' ? 1 : 0,
  }
}
