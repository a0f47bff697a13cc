import { Axis, Chart, Interval, jsx, Line, Point } from '@antv/f2'
import { Text, View } from '@tarojs/components'
import { useElder } from '@/components/elder-mode'
import {
  barsSummary,
  compareLabel,
  SERIES_COLORS,
  trendSummary,
  type Bar,
  type CompareKey,
  type TrendLine,
  type TrendPoint,
} from './chart-data'
import { F2Canvas } from './f2-canvas'

/** 长辈模式's factor, as elder-mode.ts sizes the root font (kept here: an export would weigh on the main package). */
const ELDER_SCALE = 1.3

/**
 * Axis label style. A canvas's text does not follow the root font size that grows the rest of the screen in 长辈模式,
 * so the charts size it themselves: 1.3× there, and at the body text colour ($text, as .elder raises secondary text)
 * instead of $text-2. (The last label of a horizontal axis is centred on the plot's right edge: F2Canvas leaves room
 * for it there.)
 */
function axisStyle(elder: boolean) {
  return { label: { fontSize: Math.round(11 * (elder ? ELDER_SCALE : 1)), fill: elder ? '#262626' : '#595959' } }
}

/** The canvas grows with the text beside it in 长辈模式 (its CSS height is set here, not converted to rem). */
const chartHeight = (px: number, elder: boolean) => Math.round(px * (elder ? ELDER_SCALE : 1))

// F2's classic createElement (JSX here is React's). Its typings want each component's exact props class; the props are
// checked by F2 at render, and the screen's tests read the tree built here.
const el = (type: unknown, props: object, ...children: unknown[]) =>
  jsx(type as Parameters<typeof jsx>[0], props, ...children)

/**
 * Bars per branch for the total or one measure (AntV F2 on a canvas), and beside them the same figures as a ranked
 * list: the list is what a screen reader reads and what grows in 长辈模式; the bars are for comparing at a glance.
 */
export function CompareChart({ measure, bars }: { measure: CompareKey; bars: Bar[] }) {
  // F2 stacks a transposed chart's categories from the bottom: reversed, the best branch is drawn on top as listed.
  const data = [...bars].reverse().map((b) => ({ name: b.name, value: b.value }))
  const elder = useElder()
  return (
    <View id="scorecard-chart">
      <F2Canvas
        id="scorecard-bars"
        height={chartHeight(Math.max(120, 36 * bars.length + 36), elder)}
        label={barsSummary(measure, bars)}
        drawKey={JSON.stringify({ data, elder })}
        chart={() =>
          el(
            Chart,
            { data, coord: { transposed: true }, scale: { value: { min: 0, max: 100, tickCount: 5 } } },
            // Transposed: the branch names run down the left, the values along the bottom.
            el(Axis, { field: 'name', style: axisStyle(elder) }),
            el(Axis, { field: 'value', style: axisStyle(elder) }),
            el(Interval, { x: 'name', y: 'value', color: SERIES_COLORS[measure], size: 16 }),
          )
        }
      />
      <View className="sc-rank-list" id="scorecard-ranking">
        {bars.map((b) => (
          <View key={b.branchId} className="sc-rank-row" data-branch-id={b.branchId}>
            <Text className="sc-bar-rank">{b.rank ?? '—'}</Text>
            <Text className="sc-rank-name">{b.name}</Text>
            <Text className="sc-bar-value">{b.text}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** A branch's lines month by month: the total and each measure, with a legend that is also the figures as text. */
export function TrendChart({
  branchName,
  months,
  points,
  lines,
}: {
  branchName: string
  months: string[]
  points: TrendPoint[]
  lines: TrendLine[]
}) {
  const range = lines.map((l) => l.color)
  const elder = useElder()
  return (
    <View id="scorecard-trend">
      <F2Canvas
        id="scorecard-lines"
        height={chartHeight(220, elder)}
        label={trendSummary(branchName, lines)}
        drawKey={JSON.stringify({ points, elder })}
        chart={() =>
          el(
            Chart,
            {
              data: points,
              // Twelve month names do not fit 343 px: every other one is labelled.
              scale: {
                value: { min: 0, max: 100, tickCount: 5 },
                month: { type: 'cat', values: months, tickCount: Math.min(months.length, 6) },
              },
            },
            el(Axis, { field: 'month', style: axisStyle(elder) }),
            el(Axis, { field: 'value', style: axisStyle(elder) }),
            el(Line, { x: 'month', y: 'value', color: { field: 'series', range }, size: 2 }),
            // A month between two gaps has no line to sit on: its point still shows.
            el(Point, { x: 'month', y: 'value', color: { field: 'series', range }, size: 3 }),
          )
        }
      />
      <View className="sc-legend">
        {lines.map((l) => (
          <View key={l.key} className="sc-legend-row" data-series={l.key}>
            <View className="sc-swatch" style={{ background: l.color }} />
            <Text className="sc-legend-label">{compareLabel(l.key)}</Text>
            <Text className="sc-legend-text">{l.text}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
