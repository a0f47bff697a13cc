import { Text, View } from '@tarojs/components'

/**
 * The charts of the scorecard, drawn with plain views (widths and heights in %), not a chart library: ECharts'
 * mini-program build is ~1 MB and AntV F2 with its Taro canvas adapter ~250 KB, against a 600 KiB subpackage budget
 * this admin package already half fills; bars and a column trend are all the committee compares here, and views are
 * read by screen readers and scale with 长辈模式 where a canvas does not.
 */
export function RankBars({
  rows,
}: {
  rows: Array<{ id: string; name: string; value: number | null; rank: number | null }>
}) {
  return (
    <View className="sc-bars" id="scorecard-chart" role="img" aria-label="各支部总分条形图">
      {rows.map((r) => (
        <View key={r.id} className="sc-bar-row" data-branch-id={r.id}>
          <Text className="sc-bar-rank">{r.rank ?? '—'}</Text>
          <Text className="sc-bar-name">{r.name}</Text>
          <View className="sc-bar-track">
            <View className="sc-bar-fill" style={{ width: `${Math.max(0, Math.min(100, r.value ?? 0))}%` }} />
          </View>
          <Text className="sc-bar-value">{r.value === null ? '—' : r.value.toFixed(1)}</Text>
        </View>
      ))}
    </View>
  )
}

/** One branch's total month by month: a column per month, its height the score (0–100). */
export function TrendColumns({ months, totals }: { months: string[]; totals: Array<number | null> }) {
  return (
    <View className="sc-trend" role="img" aria-label="逐月总分">
      {months.map((m, i) => (
        <View key={m} className="sc-trend-col">
          <Text className="sc-trend-value">{totals[i] === null ? '' : Math.round(totals[i]!)}</Text>
          <View className="sc-trend-track">
            <View
              className={`sc-trend-fill ${totals[i] === null ? 'sc-trend-none' : ''}`}
              style={{ height: `${totals[i] ?? 0}%` }}
            />
          </View>
          <Text className="sc-trend-month">{Number(m.slice(5))}月</Text>
        </View>
      ))}
    </View>
  )
}
