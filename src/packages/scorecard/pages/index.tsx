import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ScoreRow } from '@/contract'
import { Chips, DetailScreen, KitButton, Tabs } from '@/components/kit'
import { openExportedFile } from '@/components/open-file'
import { formatRate } from '@/domain/attendance.rules'
import { MEASURE_KEYS, MEASURES } from '@/domain/scorecard.rules'
import { china, formatDate } from '@/domain/time'
import { messageOf, useMutation, useProcedure } from '@/remote'
import { useSessionStore } from '@/stores/session.store'
import { compareBars, compareLabel, COMPARE_KEYS, trendLines, type CompareKey } from '../components/chart-data'
import { CompareChart, TrendChart } from '../components/charts'
import { WeightsCard } from '../components/weights-card'
import './index.scss'

type Kind = 'year' | 'quarter' | 'month'

/** Branch scorecards: the committee compares every branch; a secretary sees her branch and its place. */
export default function ScorecardPage() {
  const me = useSessionStore((s) => s.me)
  const now = china(Date.now())
  const [year, setYear] = useState(now.year())
  const [kind, setKind] = useState<Kind>('year')
  const [quarter, setQuarter] = useState(Math.floor(now.month() / 3) + 1)
  const [month, setMonth] = useState(now.month() + 1)
  const [measure, setMeasure] = useState<CompareKey>('total')
  const [trendBranch, setTrendBranch] = useState<string | null>(null)
  const input = {
    year,
    ...(kind === 'quarter' ? { quarter } : {}),
    ...(kind === 'month' ? { month } : {}),
  }
  const query = useProcedure('scorecard.view', input)
  const exporter = useMutation('archive.scorecard')
  const isCommittee = me?.member?.role === 'org_admin'
  const lastMonth = year < now.year() ? 12 : now.month() + 1

  const onExport = async () => {
    try {
      const file = await exporter.run(input)
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  return (
    <DetailScreen query={query} pageClassName="scorecard" skeleton={{ cards: 3, rows: 4 }}>
      {(s) => {
        const ranked = [...s.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
        // The trend of the branch chosen, else the first ranked (a secretary's own); none before the year has begun.
        const branch = ranked.find((r) => r.branchId === trendBranch) ?? ranked[0]
        const trend = branch && s.trend.months.length > 0 ? { branch } : null
        return (
          <>
            <View className="card sc-period">
              <Chips
                value={String(year)}
                options={[now.year(), now.year() - 1].map((y) => ({ value: String(y), label: `${y} 年` }))}
                onChange={(v) => setYear(Number(v))}
              />
              <Tabs<Kind>
                value={kind}
                options={[
                  { value: 'year', label: '全年', id: 'period-year' },
                  { value: 'quarter', label: '季度', id: 'period-quarter' },
                  { value: 'month', label: '月度', id: 'period-month' },
                ]}
                onChange={setKind}
              />
              {kind === 'quarter' && (
                <Chips
                  value={String(quarter)}
                  options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: `第${'一二三四'[q - 1]}季度` }))}
                  onChange={(v) => setQuarter(Number(v))}
                />
              )}
              {kind === 'month' && (
                <Chips
                  value={String(month)}
                  options={Array.from({ length: lastMonth }, (_, i) => ({
                    value: String(i + 1),
                    label: `${i + 1} 月`,
                  }))}
                  onChange={(v) => setMonth(Number(v))}
                />
              )}
              <View className="sc-period-foot">
                <Text className="muted">
                  {s.period.label} · 统计至 {formatDate(s.period.to)}
                  {s.inProgress > 0 ? ` · ${s.inProgress} 场会议签到中，暂不计出勤` : ''}
                </Text>
                <KitButton
                  kind="outline"
                  size="small"
                  id="scorecard-export"
                  loading={exporter.pending}
                  onClick={onExport}
                >
                  导出 Excel
                </KitButton>
              </View>
            </View>

            <View className="card">
              <Text className="sc-card-title">
                {s.rows.length > 1 ? '各支部对比' : `总分 · 在 ${s.ranked} 个参与排名的支部中`}
              </Text>
              <Chips
                value={measure}
                options={COMPARE_KEYS.map((k) => ({ value: k, label: compareLabel(k), id: `compare-${k}` }))}
                onChange={setMeasure}
              />
              <CompareChart measure={measure} bars={compareBars(s.rows, measure)} />
            </View>

            {trend && (
              <View className="card">
                <Text className="sc-card-title">{s.period.year} 年逐月趋势</Text>
                {s.rows.length > 1 && (
                  <Chips
                    value={trend.branch.branchId}
                    options={ranked.map((r) => ({ value: r.branchId, label: r.branchName, id: `trend-${r.branchId}` }))}
                    onChange={setTrendBranch}
                  />
                )}
                <TrendChart branchName={trend.branch.branchName} {...trendLines(s.trend, trend.branch.branchId)} />
              </View>
            )}

            {ranked.map((r) => (
              <BranchCard key={r.branchId} row={r} ranked={s.ranked} />
            ))}

            <WeightsCard
              weights={s.weights}
              editable={isCommittee}
              updatedAt={s.weightsUpdatedAt}
              updatedBy={s.weightsUpdatedBy}
            />
          </>
        )
      }}
    </DetailScreen>
  )
}

function BranchCard({ row, ranked }: { row: ScoreRow; ranked: number }) {
  return (
    <View className="card sc-branch" data-branch-id={row.branchId}>
      <View className="sc-branch-head">
        <Text className="sc-branch-name">{row.branchName}</Text>
        <Text className="sc-branch-total">{row.total === null ? '—' : row.total.toFixed(1)}</Text>
      </View>
      <Text className="muted">
        {row.rank ? `第 ${row.rank} 名 / 共 ${ranked} 个支部` : '本期没有到期事项，不参与排名'} · 党员 {row.members} 人
      </Text>
      {MEASURE_KEYS.map((k) => {
        const v = row.values[k]
        return (
          <View key={k} className="sc-measure">
            <Text className="sc-measure-label">{MEASURES[k].label}</Text>
            <View className="sc-measure-track">
              <View
                className={`sc-measure-fill ${v !== null && v < 0.6 ? 'sc-low' : ''}`}
                style={{ width: `${(v ?? 0) * 100}%` }}
              />
            </View>
            <Text className="sc-measure-value">
              {k === 'volunteer' && row.hoursPerMember !== null
                ? `${row.hoursPerMember} 时/人`
                : v === null
                  ? '无'
                  : formatRate(v)}
            </Text>
          </View>
        )
      })}
    </View>
  )
}
