import './support/mock-boundaries'
import { findIn, mockDrawn } from './support/mock-f2'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ScoreRow, ScorecardView } from '@/contract'
import { DEFAULT_WEIGHTS, emptyMonth, MEASURE_KEYS, type MeasureKey } from '@/domain/scorecard.rules'
import { applyElder } from '@/components/elder-mode'
import { compareBars, monthsSaid, trendLines } from '@/packages/scorecard/components/chart-data'
import ScorecardPage from '@/packages/scorecard/pages/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member } from './support/helpers'

// 支部考评's charts (issue 16): bars per branch for the total or a measure, and a branch's lines month by month, drawn
// by AntV F2 (faked: jsdom cannot paint a canvas) — what each chart is given to draw, and the text beside it that a
// screen reader reads instead.

const values = (over: Partial<Record<MeasureKey, number | null>>) =>
  Object.fromEntries(MEASURE_KEYS.map((k) => [k, over[k] ?? null])) as Record<MeasureKey, number | null>

function row(over: Partial<ScoreRow> & Pick<ScoreRow, 'branchId' | 'branchName'>): ScoreRow {
  return {
    members: 8,
    values: values({}),
    counts: emptyMonth(),
    hoursPerMember: null,
    total: null,
    rank: null,
    ...over,
  }
}

const nulls = (n: number) => Array.from({ length: n }, () => null)
const measures = (over: Partial<Record<MeasureKey, Array<number | null>>>) =>
  Object.fromEntries(MEASURE_KEYS.map((k) => [k, over[k] ?? nulls(11)])) as Record<MeasureKey, Array<number | null>>

const months = Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)

function view(): ScorecardView {
  return {
    period: { year: 2026, quarter: null, month: null, label: '2026 年', from: '', to: '2026-11-23T00:00:00.000Z' },
    weights: DEFAULT_WEIGHTS,
    weightsUpdatedAt: null,
    weightsUpdatedBy: null,
    ranked: 3,
    rows: [
      row({
        branchId: 'b_budget',
        branchName: '预算处党支部',
        total: 40,
        rank: 2,
        values: values({ attendance: 0.9, volunteer: 0.25 }),
        hoursPerMember: 0.5,
      }),
      row({
        branchId: 'b_office',
        branchName: '办公室党支部',
        total: 62.5,
        rank: 1,
        values: values({ attendance: 0.5 }),
      }),
      row({ branchId: 'b_retired', branchName: '离退休干部党支部', total: null, rank: null }),
      row({
        branchId: 'b_treasury',
        branchName: '国库处党支部',
        total: 12,
        rank: 3,
        values: values({ attendance: 0.9 }),
      }),
    ],
    trend: {
      months,
      series: [
        {
          branchId: 'b_office',
          totals: [...nulls(8), 20, null, 62.5],
          measures: measures({ attendance: [...nulls(8), 0.25, null, 0.5], records: [...nulls(10), 1] }),
        },
        {
          branchId: 'b_budget',
          totals: [...nulls(10), 40],
          measures: measures({ attendance: [...nulls(10), 0.9] }),
        },
        { branchId: 'b_retired', totals: nulls(11), measures: measures({}) },
        { branchId: 'b_treasury', totals: [...nulls(10), 12], measures: measures({ attendance: [...nulls(10), 0.9] }) },
      ],
    },
    inProgress: 0,
  }
}

let cloud: ReturnType<typeof fakeCloud>

// A chart is drawn after the data arrives, the Taro canvas has rendered its <canvas> and a tick has passed: on a busy
// machine that can take longer than waitFor's 1 s default.
const DRAWN = { timeout: 10_000 }

beforeEach(() => {
  jest.clearAllMocks()
  mockDrawn.length = 0
  cloud = fakeCloud()
  const who = me({ member: member({ role: 'org_admin', branchId: 'b_office' }) })
  useSessionStore.setState({ me: who })
  cloud.reply('member.whoami', who)
  cloud.reply('scorecard.view', view())
})

/** The last chart drawn whose geometry is `type` (Interval: the bars; Line: the trend). */
const lastDrawn = (type: string) => {
  const hit = [...mockDrawn].reverse().find((d) => findIn(d.chart, type))
  if (!hit) throw new Error(`no ${type} chart drawn yet`)
  return { ...hit, geometry: findIn(hit.chart, type)! }
}
const chartData = (type: string) => (lastDrawn(type).chart.props.data ?? []) as Array<Record<string, unknown>>

describe('支部考评 charts', () => {
  test('the bars compare every branch by total, best on top, with the ranking as text beside them', async () => {
    const { container } = render(<ScorecardPage />)
    await waitFor(() => lastDrawn('Interval'), DRAWN)
    // F2 stacks a transposed chart's categories from the bottom: the data runs worst to best so the best is on top.
    expect(chartData('Interval')).toEqual([
      { name: '离退休干部党支部', value: null },
      { name: '国库处党支部', value: 12 },
      { name: '预算处党支部', value: 40 },
      { name: '办公室党支部', value: 62.5 },
    ])
    expect(lastDrawn('Interval').chart.props.coord).toEqual({ transposed: true })
    // Drawn at the canvas's laid-out size, sharp at the screen's pixel ratio.
    expect(lastDrawn('Interval')).toMatchObject({ width: 343, height: 180 })

    const list = container.querySelector('#scorecard-ranking')!
    expect([...list.querySelectorAll('.sc-rank-row')].map((r) => r.textContent)).toEqual([
      '1办公室党支部62.5',
      '2预算处党支部40.0',
      '3国库处党支部12.0',
      '—离退休干部党支部—',
    ])
    // A screen reader hears the canvas as one image with the same figures.
    expect(container.querySelector('#scorecard-chart [role="img"]')).toHaveAttribute(
      'aria-label',
      '各支部总分对比条形图：办公室党支部 62.5，预算处党支部 40.0，国库处党支部 12.0，离退休干部党支部 —',
    )
  })

  test('choosing a measure redraws the bars for it and re-ranks the list (ties share a place)', async () => {
    const { container } = render(<ScorecardPage />)
    await waitFor(() => lastDrawn('Interval'), DRAWN)
    fireEvent.click(container.querySelector('#compare-attendance')!)
    await waitFor(() => expect(chartData('Interval').at(-1)).toEqual({ name: '预算处党支部', value: 90 }), DRAWN)
    expect(chartData('Interval').map((d) => d.value)).toEqual([null, 50, 90, 90])
    expect([...container.querySelectorAll('#scorecard-ranking .sc-rank-row')].map((r) => r.textContent)).toEqual([
      '1预算处党支部90%',
      '1国库处党支部90%',
      '3办公室党支部50%',
      '—离退休干部党支部—',
    ])

    // Volunteer hours read as hours per member; the bar is the share of the year's target.
    fireEvent.click(container.querySelector('#compare-volunteer')!)
    await waitFor(() => expect(chartData('Interval').at(-1)).toEqual({ name: '预算处党支部', value: 25 }), DRAWN)
    expect(container.querySelector('#scorecard-ranking [data-branch-id="b_budget"]')).toHaveTextContent('0.5 时/人')
  })

  test('the trend draws a line per measure and the total for the first ranked branch; another branch on a tap', async () => {
    const { container } = render(<ScorecardPage />)
    await waitFor(() => lastDrawn('Line'), DRAWN)
    const points = chartData('Line')
    // Eleven months × (the total and nine measures); a month with nothing due is a gap (null), not a zero.
    expect(points).toHaveLength(11 * 10)
    expect(new Set(points.map((p) => p.series)).size).toBe(10)
    expect(points.filter((p) => p.series === '会议出勤率').map((p) => p.value)).toEqual([...nulls(8), 25, null, 50])
    expect(lastDrawn('Line').geometry.props).toMatchObject({ x: 'month', y: 'value' })

    // The legend is the text alternative: each line's colour, name and its months with a value.
    const legend = container.querySelector('#scorecard-trend .sc-legend')!
    expect(within(legend as HTMLElement).getByText('9月 25%，11月 50%')).toBeInTheDocument()
    expect(legend.querySelector('[data-series="records"]')).toHaveTextContent('纪实完成率11月 100%')
    expect(legend.querySelector('[data-series="review"]')).toHaveTextContent('本年尚无到期事项')
    expect(container.querySelector('#scorecard-trend [role="img"]')?.getAttribute('aria-label')).toContain(
      '办公室党支部逐月趋势折线图',
    )

    fireEvent.click(container.querySelector('#trend-b_budget')!)
    await waitFor(
      () =>
        expect(
          chartData('Line')
            .filter((p) => p.series === '总分')
            .map((p) => p.value),
        ).toEqual([...nulls(10), 40]),
      DRAWN,
    )
    expect(screen.getByText('11月 90%')).toBeInTheDocument()
  })
})

describe('支部考评 charts in 长辈模式', () => {
  afterEach(() => act(() => applyElder(false)))

  /** The label style of each axis of the last chart drawn with `type`, by the field it runs along. */
  const axisLabels = (type: string) =>
    Object.fromEntries(
      lastDrawn(type)
        .chart.props.children.filter((c) => c.type === 'Axis')
        .map((a) => [a.props.field, (a.props.style as { label: Record<string, unknown> }).label]),
    )
  const canvasHeight = (host: string, container: HTMLElement) =>
    (container.querySelector(`${host} .sc-canvas`) as HTMLElement).style.height

  test('the last label of each horizontal axis has room on the right: "100" and "11月" are not cut at the canvas edge', async () => {
    render(<ScorecardPage />)
    await waitFor(() => lastDrawn('Line'), DRAWN)
    // F2 centres the last tick's label on the plot's right edge; the right padding (design px, halved by px2hd) holds
    // half of it at 长辈模式's 14 px: "100" is about 24 px wide, "12月" about 30.
    for (const type of ['Interval', 'Line']) expect(lastDrawn(type).padding).toEqual(['30px', '48px', '30px', '30px'])
    expect(axisLabels('Interval').value).toMatchObject({ fontSize: 11 })
    expect(axisLabels('Line').month).toMatchObject({ fontSize: 11 })
  })

  test('the canvas text and height grow 1.3× with the text beside them, and the charts redraw when the switch flips', async () => {
    const { container } = render(<ScorecardPage />)
    await waitFor(() => lastDrawn('Line'), DRAWN)
    expect(canvasHeight('#scorecard-chart', container)).toBe('180px')
    expect(canvasHeight('#scorecard-trend', container)).toBe('220px')

    act(() => applyElder(true))
    await waitFor(() => expect(axisLabels('Interval').name).toMatchObject({ fontSize: 14 }), DRAWN)
    await waitFor(() => expect(axisLabels('Line').value).toMatchObject({ fontSize: 14 }), DRAWN)
    // At the body text colour, as 长辈模式 raises secondary text (theme.scss $text).
    expect(axisLabels('Interval').value).toMatchObject({ fill: '#262626' })
    expect(canvasHeight('#scorecard-chart', container)).toBe('234px')
    expect(canvasHeight('#scorecard-trend', container)).toBe('286px')

    act(() => applyElder(false))
    await waitFor(() => expect(axisLabels('Interval').name).toMatchObject({ fontSize: 11, fill: '#595959' }), DRAWN)
  })
})

test('the committee’s weight inputs are labelled for a screen reader on the real <input> (Lighthouse: label)', async () => {
  const { container } = render(<ScorecardPage />)
  const input = await waitFor(() => {
    const el = container.querySelector('input#weight-attendance')
    if (!el) throw new Error('weight input not drawn yet')
    return el
  }, DRAWN)
  expect(input).toHaveAttribute('aria-label', '会议出勤率权重')
  expect(container.querySelectorAll('input.sc-weight-input[aria-label]')).toHaveLength(MEASURE_KEYS.length)
})

describe('chart data', () => {
  test('bars: competition ranks on the chosen measure, branches without a value last', () => {
    const bars = compareBars(view().rows, 'attendance')
    expect(bars.map((b) => [b.name, b.rank, b.value, b.text])).toEqual([
      ['预算处党支部', 1, 90, '90%'],
      ['国库处党支部', 1, 90, '90%'],
      ['办公室党支部', 3, 50, '50%'],
      ['离退休干部党支部', null, null, '—'],
    ])
  })

  test('bars for a secretary: her branch keeps its place among all branches; a measure is not ranked on one row', () => {
    const own = [
      row({
        branchId: 'b_budget',
        branchName: '预算处党支部',
        total: 40,
        rank: 2,
        values: values({ attendance: 0.9 }),
      }),
    ]
    expect(compareBars(own, 'total').map((b) => [b.rank, b.text])).toEqual([[2, '40.0']])
    expect(compareBars(own, 'attendance').map((b) => [b.rank, b.text])).toEqual([[null, '90%']])
  })

  test('lines as text: a run of months with the same figure is said once, months with nothing due are left out', () => {
    expect(monthsSaid(['0%', '0%', '0%', null, '75%', '0%', '0%'])).toBe('1–3月 0%，5月 75%，6–7月 0%')
    expect(monthsSaid([null, '50%', null, '50%'])).toBe('2月 50%，4月 50%')
    expect(monthsSaid([null, null])).toBe('本年尚无到期事项')
  })

  test('lines: an unknown branch has none; months read as 1月…', () => {
    expect(trendLines(view().trend, 'nobody')).toMatchObject({ points: [], lines: [] })
    expect(trendLines(view().trend, 'b_office').months.slice(0, 2)).toEqual(['1月', '2月'])
  })
})
