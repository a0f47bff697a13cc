import type { ScoreRow, ScorecardView } from '@/contract'
import { formatRate } from '@/domain/attendance.rules'
import { MEASURE_KEYS, MEASURES, rankByTotal, type MeasureKey } from '@/domain/scorecard.rules'

/**
 * What the scorecard's two charts draw, as plain data: the canvas, its text alternative and the tests read the same
 * figures, so what a screen reader hears is what the bars and lines show.
 */

/** What the bars compare: the total or one measure. */
export type CompareKey = 'total' | MeasureKey

export const COMPARE_KEYS: readonly CompareKey[] = ['total', ...MEASURE_KEYS]

export const compareLabel = (k: CompareKey): string => (k === 'total' ? '总分' : MEASURES[k].label)

export interface Bar {
  branchId: string
  name: string
  /** 0–100 (the total, or the measure as a percentage); null when nothing fell due. */
  value: number | null
  /** As the scorecard writes it: 32.2 for a total, 83.3% for a rate, 0.5 时/人 for volunteer hours. */
  text: string
  /** Competition rank on this measure (1, 2, 2, 4); null without a value. */
  rank: number | null
}

/**
 * One bar per branch for the total or a measure, best first (a branch without a value last). The total's rank is the
 * cloud's, among all branches (a secretary sees her one row and its real place); a measure is ranked among the rows
 * shown, and not at all when there is only one.
 */
export function compareBars(rows: readonly ScoreRow[], key: CompareKey): Bar[] {
  const bars = rows.map((r) => {
    if (key === 'total')
      return {
        branchId: r.branchId,
        name: r.branchName,
        value: r.total,
        text: r.total === null ? '—' : r.total.toFixed(1),
      }
    const v = r.values[key]
    return {
      branchId: r.branchId,
      name: r.branchName,
      value: v === null ? null : Math.round(v * 1000) / 10,
      text: key === 'volunteer' && r.hoursPerMember !== null ? `${r.hoursPerMember} 时/人` : formatRate(v),
    }
  })
  const ranked =
    key === 'total'
      ? bars.map((b, i) => ({ ...b, rank: rows[i].rank }))
      : rankByTotal(bars.map((b) => ({ ...b, total: b.value }))).map(({ total: _total, ...b }) => ({
          ...b,
          rank: rows.length > 1 ? b.rank : null,
        }))
  return ranked.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
}

/** The colour of each line: the total in the app's red, each measure its own hue (legend and canvas share them). */
export const SERIES_COLORS: Record<CompareKey, string> = {
  total: '#c8102e',
  life: '#1f6fb2',
  attendance: '#d46b08',
  records: '#237804',
  makeup: '#722ed1',
  study: '#8c564b',
  testJoin: '#c41d7f',
  testPass: '#595959',
  volunteer: '#7c8a00',
  review: '#08979c',
}

export interface TrendPoint {
  month: string
  series: string
  /** 0–100; null: nothing fell due that month (a gap in the line, not a zero). */
  value: number | null
}

export interface TrendLine {
  key: CompareKey
  label: string
  color: string
  /** Month by month, as the text alternative reads them: only months with a value. */
  text: string
}

/** A branch's lines over the year's months so far: its total and each measure, as percentages. */
export function trendLines(
  trend: ScorecardView['trend'],
  branchId: string,
): { months: string[]; points: TrendPoint[]; lines: TrendLine[] } {
  const months = trend.months.map((m) => `${Number(m.slice(5))}月`)
  const s = trend.series.find((x) => x.branchId === branchId)
  if (!s) return { months, points: [], lines: [] }
  const values = (k: CompareKey): Array<number | null> =>
    k === 'total' ? s.totals : s.measures[k].map((v) => (v === null ? null : Math.round(v * 1000) / 10))
  const points: TrendPoint[] = []
  const lines: TrendLine[] = COMPARE_KEYS.map((k) => {
    const vs = values(k)
    vs.forEach((value, i) => points.push({ month: months[i], series: compareLabel(k), value }))
    return {
      key: k,
      label: compareLabel(k),
      color: SERIES_COLORS[k],
      text: monthsSaid(vs.map((v) => (v === null ? null : k === 'total' ? v.toFixed(1) : formatRate(v / 100)))),
    }
  })
  return { months, points, lines }
}

/**
 * A line's months as text: months with nothing due left out, a run of months with the same figure said once
 * ("1–10月 0%，11月 75%"), so a screen reader does not read "0%" ten times. The first text is January's (the trend
 * runs from January: scorecard.view).
 */
export function monthsSaid(texts: ReadonlyArray<string | null>): string {
  const runs: Array<{ from: number; to: number; text: string }> = []
  texts.forEach((text, i) => {
    if (text === null) return
    const last = runs.at(-1)
    if (last && last.to === i - 1 && last.text === text) last.to = i
    else runs.push({ from: i, to: i, text })
  })
  if (!runs.length) return '本年尚无到期事项'
  return runs.map((r) => `${r.from === r.to ? r.from + 1 : `${r.from + 1}–${r.to + 1}`}月 ${r.text}`).join('，')
}

/** The canvas's own label (a canvas is an image to a screen reader): what the bars say, in one sentence. */
export function barsSummary(key: CompareKey, bars: readonly Bar[]): string {
  return `各支部${compareLabel(key)}对比条形图：${bars.map((b) => `${b.name} ${b.text}`).join('，')}`
}

export function trendSummary(branchName: string, lines: readonly TrendLine[]): string {
  return `${branchName}逐月趋势折线图，共 ${lines.length} 条线（总分及各项指标），各月数值见下方列表`
}
