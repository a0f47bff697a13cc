import { Picker, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { EmptyState, ErrorState, LoadingSkeleton, isRefusal } from '@/components/kit'
import { CELL_STATE_LABELS as STATE_LABELS, type CellState, type ComplianceCell } from '@/domain/compliance.rules'
import { china, formatDate } from '@/domain/time'
import { ROUTES } from '@/routes'
import { messageOf, useMutation, useProcedure, usePullToRefresh } from '@/remote'
import { useOrgTree } from '../../components/use-org-tree'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

const thisYear = china(Date.now()).year()
const YEARS = [thisYear, thisYear - 1, thisYear - 2]

/** `3月` or `Q1`: the period's short name inside a cell. */
function periodLabel(c: ComplianceCell): string {
  if (/^\d{4}$/.test(c.period)) return '全年'
  const q = /-Q(\d)$/.exec(c.period)
  return q ? `${q[1]}季度` : `${Number(c.period.slice(5))}月`
}

export default function CompliancePage() {
  const isOrgAdmin = useSessionStore((s) => s.me?.member?.role === 'org_admin')
  const ownBranchId = useSessionStore((s) => s.me?.member?.branchId ?? null)
  const loadMe = useSessionStore((s) => s.load)
  const { branches } = useOrgTree()
  const [picked, setPicked] = useState<string | null>(null)
  const [year, setYear] = useState(thisYear)
  const branchId = picked ?? ownBranchId
  const query = useProcedure('meeting.compliance', { branchId: branchId ?? '', year }, { enabled: !!branchId })
  const { data, error, refreshing } = query
  const setStart = useMutation('meeting.setComplianceStart', { invalidates: ['meeting.compliance'] })
  const exporter = useMutation('archive.compliance')
  usePullToRefresh(query.refetch)

  useLoad(() => {
    loadMe()
  })

  const onExport = async () => {
    if (!branchId) return
    try {
      const file = await exporter.run({ branchId, year })
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  const onSetStart = async (day: string | null) => {
    if (!branchId) return
    try {
      await setStart.run({ branchId, ...(day ? { from: `${day}T00:00:00+08:00` } : {}) })
      Taro.showToast({ title: day ? '已设定启用日期' : '已改为从第一次会议算起', icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  const load = () => void query.refetch()
  const loading = refreshing
  const branchIndex = Math.max(
    0,
    branches.findIndex((b) => b.id === branchId),
  )
  const gaps = data?.rows.reduce((n, r) => n + r.gaps, 0) ?? 0
  const since = data?.since
  const today = china(Date.now()).format('YYYY-MM-DD')

  // Refused outright: only the refusal, no filters or actions that would be refused the same way.
  if (error && !data && isRefusal(error))
    return (
      <View className="page">
        <ErrorState error={error} />
      </View>
    )

  return (
    <View className="page compliance">
      <View className="card">
        {isOrgAdmin && (
          <Picker
            mode="selector"
            range={branches.map((b) => b.name)}
            value={branchIndex}
            onChange={(e) => setPicked(branches[Number(e.detail.value)]?.id ?? null)}
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
          onChange={(e) => setYear(YEARS[Number(e.detail.value)])}
        >
          <View className="picker-row">
            <Text className="muted">年度</Text>
            <Text className="picker-value">{year} 年 ▾</Text>
          </View>
        </Picker>
        <View className="compliance-legend">
          {(['met', 'gap', 'in_progress', 'upcoming', 'before_start'] as CellState[]).map((s) => (
            <View key={s} className="compliance-legend-item">
              <View className={`compliance-swatch cell-${s}`} />
              <Text className="muted">{STATE_LABELS[s]}</Text>
            </View>
          ))}
        </View>
        {data && (
          <View className="compliance-since" id="compliance-since">
            <Text className="muted">
              {since
                ? `自 ${formatDate(since.at)} 起统计（${since.source === 'set' ? '启用日期' : '首次会议'}）`
                : '支部尚无会议记录'}
            </Text>
            {isOrgAdmin && (
              <Picker
                mode="date"
                value={since ? formatDate(since.at) : today}
                end={today}
                onChange={(e) => onSetStart(String(e.detail.value))}
              >
                <Text className="compliance-since-set" id="compliance-since-set">
                  设定启用日期 ›
                </Text>
              </Picker>
            )}
          </View>
        )}
        {isOrgAdmin && since?.source === 'set' && (
          <Text className="compliance-since-set" onClick={() => onSetStart(null)}>
            改为从第一次会议算起
          </Text>
        )}
      </View>

      {data && (
        <Button
          id="compliance-export"
          className="compliance-export"
          block
          fill="outline"
          loading={exporter.pending}
          onClick={onExport}
        >
          导出 Excel（达标情况）
        </Button>
      )}

      {error && !data ? (
        <ErrorState error={error} onRetry={load} />
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
                    <Text className="compliance-cell-held">
                      {c.state === 'upcoming' ? '—' : c.state === 'before_start' ? '启用前' : `${c.held} 次`}
                    </Text>
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
