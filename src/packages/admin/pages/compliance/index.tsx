import { Picker, Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh, useUnload } from '@tarojs/taro'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import type { CellState, ComplianceCell } from '@/domain/compliance.rules'
import { china, formatDate } from '@/domain/time'
import { ROUTES } from '@/routes'
import { useMeetingComplianceStore } from '@/stores/meeting-compliance.store'
import { useOrgStore } from '@/stores/org.store'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

const thisYear = china(Date.now()).year()
const YEARS = [thisYear, thisYear - 1, thisYear - 2]

const STATE_LABELS: Record<CellState, string> = {
  met: '已达标',
  gap: '未达标',
  in_progress: '进行中',
  upcoming: '未到期',
}

/** `3月` or `Q1`: the period's short name inside a cell. */
function periodLabel(c: ComplianceCell): string {
  if (/^\d{4}$/.test(c.period)) return '全年'
  const q = /-Q(\d)$/.exec(c.period)
  return q ? `${q[1]}季度` : `${Number(c.period.slice(5))}月`
}

export default function CompliancePage() {
  const isOrgAdmin = useSessionStore((s) => s.me?.member?.role === 'org_admin')
  const loadMe = useSessionStore((s) => s.load)
  const branches = useOrgStore((s) => s.branches)
  const loadOrgs = useOrgStore((s) => s.load)
  const branchId = useMeetingComplianceStore((s) => s.branchId)
  const year = useMeetingComplianceStore((s) => s.year)
  const data = useMeetingComplianceStore((s) => s.data)
  const loading = useMeetingComplianceStore((s) => s.loading)
  const error = useMeetingComplianceStore((s) => s.error)
  const load = useMeetingComplianceStore((s) => s.load)
  const reset = useMeetingComplianceStore((s) => s.reset)

  useLoad(() => {
    reset()
    loadOrgs()
    loadMe().then((me) => {
      if (me?.member) load(me.member.branchId)
    })
  })
  useUnload(() => reset())
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })

  const branchIndex = Math.max(
    0,
    branches.findIndex((b) => b.id === branchId),
  )
  const gaps = data?.rows.reduce((n, r) => n + r.gaps, 0) ?? 0

  return (
    <View className="page compliance">
      <View className="card">
        {isOrgAdmin && (
          <Picker
            mode="selector"
            range={branches.map((b) => b.name)}
            value={branchIndex}
            onChange={(e) => load(branches[Number(e.detail.value)]?.id)}
          >
            <View className="picker-row">
              <Text className="muted">支部</Text>
              <Text className="picker-value">{branches[branchIndex]?.name ?? '请选择'} ▾</Text>
            </View>
          </Picker>
        )}
        <Picker
          mode="selector"
          range={YEARS.map((y) => `${y} 年`)}
          value={Math.max(0, YEARS.indexOf(year))}
          onChange={(e) => load(undefined, YEARS[Number(e.detail.value)])}
        >
          <View className="picker-row">
            <Text className="muted">年度</Text>
            <Text className="picker-value">{year} 年 ▾</Text>
          </View>
        </Picker>
        <View className="compliance-legend">
          {(['met', 'gap', 'in_progress', 'upcoming'] as CellState[]).map((s) => (
            <View key={s} className="compliance-legend-item">
              <View className={`compliance-swatch cell-${s}`} />
              <Text className="muted">{STATE_LABELS[s]}</Text>
            </View>
          ))}
        </View>
      </View>

      {error && !data ? (
        <ErrorState message={error.message} onRetry={() => load()} />
      ) : !data ? (
        <LoadingSkeleton cards={3} rows={2} />
      ) : !data.rows.length ? (
        <EmptyState icon="达" title="暂无达标要求" />
      ) : (
        <View>
          <View className={`compliance-total ${gaps ? 'compliance-total-gap' : ''}`} id="compliance-total">
            {gaps ? `${year} 年共有 ${gaps} 处未达标，请及时补开` : `${year} 年目前全部达标`}
            {loading ? '（刷新中…）' : ''}
          </View>
          {data.rows.map((r) => (
            <View key={`${r.type}-${r.groupId ?? ''}-${r.label}`} className="card compliance-row" data-type={r.type}>
              <View className="compliance-row-head">
                <Text className="compliance-row-label">
                  {r.groupName ? `${r.groupName} · ` : ''}
                  {r.label}
                </Text>
                {r.gaps > 0 && <Text className="compliance-gaps">缺 {r.gaps}</Text>}
              </View>
              <View className={`compliance-cells ${r.cells.length === 4 ? 'compliance-cells-quarter' : ''}`}>
                {r.cells.map((c) => (
                  <View key={c.period} className={`compliance-cell cell-${c.state}`} data-state={c.state}>
                    <Text className="compliance-cell-period">{periodLabel(c)}</Text>
                    <Text className="compliance-cell-held">{c.state === 'upcoming' ? '—' : `${c.held} 次`}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))}
          <View className="card compliance-row" id="compliance-missing-records">
            <View className="compliance-row-head">
              <Text className="compliance-row-label">会议纪实未完成</Text>
              {data.missingRecords.length > 0 && (
                <Text className="compliance-gaps">{data.missingRecords.length} 场</Text>
              )}
            </View>
            {data.missingRecords.length === 0 ? (
              <Text className="muted">已召开的会议均已完成纪实</Text>
            ) : (
              data.missingRecords.map((m) => (
                <Text
                  key={m.meetingId}
                  className="compliance-missing"
                  onClick={() =>
                    Taro.navigateTo({ url: `${ROUTES.adminMeetingRecord}?id=${encodeURIComponent(m.meetingId)}` })
                  }
                >
                  {formatDate(m.startAt)} {m.typeLabel} · {m.title} ›
                </Text>
              ))
            )}
          </View>
        </View>
      )}
    </View>
  )
}
