import { Picker, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { EmptyState, ErrorState, LoadingSkeleton, isRefusal } from '@/components/page-state'
import { formatRate, owedAbsences, statsMemberOrder, type Tally } from '@/domain/attendance.rules'
import { china } from '@/domain/time'
import { messageOf, useMutation, useProcedure, usePullToRefresh } from '@/remote'
import { useOrgTree } from '../../components/use-org-tree'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

const thisYear = china(Date.now()).year()
const YEARS = [thisYear, thisYear - 1, thisYear - 2]

function TallyCells({ t }: { t: Tally }) {
  return (
    <>
      <Text className="stats-cell">{t.expected}</Text>
      <Text className="stats-cell">{t.present + t.late}</Text>
      <Text className="stats-cell">{t.leave}</Text>
      <View className="stats-cell">
        <Text>{owedAbsences(t)}</Text>
        {!!t.absentMadeUp && <Text className="stats-cell-note">补{t.absentMadeUp}</Text>}
      </View>
      <Text className={`stats-cell stats-cell-rate ${t.rate !== null && t.rate < 0.8 ? 'stats-cell-low' : ''}`}>
        {formatRate(t.rate)}
      </Text>
    </>
  )
}

type StatsScope = 'branch' | 'org'

/** The year as China-time instants with offset; the cloud clips `to` at now. */
function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01T00:00:00+08:00`, to: `${year}-12-31T23:59:59+08:00` }
}

export default function AttendanceStatsPage() {
  const me = useSessionStore((s) => s.me)
  const isOrgAdmin = me?.member?.role === 'org_admin'
  const ownBranchId = me?.member?.branchId
  const loadMe = useSessionStore((s) => s.load)
  const { branches } = useOrgTree()
  // The committee opens on the whole organisation; a branch organiser on their branch.
  const [chosenScope, setScope] = useState<StatsScope | null>(null)
  const scope: StatsScope = chosenScope ?? (isOrgAdmin ? 'org' : 'branch')
  /** The branch for the branch view; undefined = the caller's own. */
  const [branchId, setBranchId] = useState<string | undefined>(undefined)
  const [year, setYear] = useState(thisYear)
  const query = useProcedure(
    'meeting.stats',
    { kind: scope, ...(scope === 'branch' && branchId ? { branchId } : {}), ...yearRange(year) },
    // Who is asking decides the first view: wait for her before the first fetch.
    { enabled: !!me },
  )
  const { data: stats, error, refreshing: loading } = query
  const load = () => void query.refetch()
  usePullToRefresh(query.refetch)
  const branchExport = useMutation('meeting.export')
  const committeeExport = useMutation('archive.attendance')

  useLoad(() => {
    if (!me) loadMe()
  })

  const setQuery = (patch: { scope?: StatsScope; branchId?: string; year?: number }) => {
    if (patch.scope) setScope(patch.scope)
    if ('branchId' in patch) setBranchId(patch.branchId)
    if (patch.year) setYear(patch.year)
  }

  const onExport = async () => {
    try {
      const file =
        scope === 'org'
          ? await committeeExport.run({
              from: `${year}-01-01T00:00:00+08:00`,
              ...(year === thisYear ? {} : { to: `${year}-12-31T23:59:59+08:00` }),
            })
          : await branchExport.run({ kind: 'branch', ...(branchId ? { branchId } : {}), ...yearRange(year) })
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  const shownBranch = branchId ?? ownBranchId
  const branchIndex = Math.max(
    0,
    branches.findIndex((b) => b.id === shownBranch),
  )
  const scopes: Array<{ key: StatsScope; label: string }> = [
    { key: 'org', label: '全机关' },
    { key: 'branch', label: '按支部' },
  ]

  // Refused outright: only the refusal, no filters or actions that would be refused the same way.
  if (error && !stats && isRefusal(error))
    return (
      <View className="page">
        <ErrorState error={error} />
      </View>
    )

  return (
    <View className="page stats">
      <View className="card">
        {isOrgAdmin && (
          <View className="chips">
            {scopes.map((s) => (
              <View
                key={s.key}
                className={`chip ${scope === s.key ? 'chip-active' : ''}`}
                onClick={() => setQuery({ scope: s.key })}
              >
                {s.label}
              </View>
            ))}
          </View>
        )}
        {isOrgAdmin && scope === 'branch' && (
          <Picker
            mode="selector"
            range={branches.map((b) => b.name)}
            value={branchIndex}
            onChange={(e) => setQuery({ branchId: branches[Number(e.detail.value)]?.id })}
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
          onChange={(e) => setQuery({ year: YEARS[Number(e.detail.value)] })}
        >
          <View className="picker-row">
            <Text className="muted">年度</Text>
            <Text className="picker-value">
              {year} 年{year === thisYear ? '（截至今天）' : ''} ▾
            </Text>
          </View>
        </Picker>
      </View>

      {error && !stats ? (
        <ErrorState error={error} onRetry={load} />
      ) : !stats ? (
        <LoadingSkeleton cards={2} rows={4} />
      ) : (
        <View>
          <View className="card stats-summary" id="stats-summary">
            <View className="stats-summary-rate">
              <Text className="stats-rate" id="stats-rate">
                {formatRate(stats.tally.rate)}
              </Text>
              <Text className="muted">出勤率{loading ? '（刷新中…）' : ''}</Text>
            </View>
            <View className="stats-summary-figures">
              <Text className="stats-summary-line">会议 {stats.meetings} 场</Text>
              {/* Each figure stays whole with its label (nowrap); in 长辈模式 the line breaks between figures only. */}
              <Text className="stats-summary-line">
                <Text className="stats-figure">应到 {stats.tally.expected}</Text>
                {' · '}
                <Text className="stats-figure">
                  实到 {stats.tally.present + stats.tally.late}（迟到 {stats.tally.late}）
                </Text>
              </Text>
              <Text className="stats-summary-line" id="stats-absent-line">
                <Text className="stats-figure">
                  请假 {stats.tally.leave}（已补学 {stats.tally.leaveMadeUp ?? 0}）
                </Text>
                {' · '}
                <Text className="stats-figure">缺席 {owedAbsences(stats.tally)}</Text>
                {' · '}
                <Text className="stats-figure">缺席已补学 {stats.tally.absentMadeUp ?? 0}</Text>
              </Text>
              {!!stats.unbound?.members && (
                <Text className="stats-summary-line stats-unbound" id="stats-unbound-line">
                  未绑定 {stats.unbound.members} 人 · 缺席中占 {stats.unbound.absent} 人次
                </Text>
              )}
            </View>
          </View>

          <Button
            id="stats-export"
            className="stats-export"
            block
            fill="outline"
            loading={branchExport.pending || committeeExport.pending}
            onClick={onExport}
          >
            {scope === 'org' ? '导出 Excel（全机关，每个支部一张表）' : '导出 Excel（出勤明细）'}
          </Button>

          {scope === 'org' && stats.byBranch && (
            <View className="card stats-table">
              <View className="stats-row stats-row-head">
                <Text className="stats-name">支部</Text>
                <Text className="stats-cell">应到</Text>
                <Text className="stats-cell">实到</Text>
                <Text className="stats-cell">请假</Text>
                <Text className="stats-cell">缺席</Text>
                <Text className="stats-cell stats-cell-rate">出勤率</Text>
              </View>
              {stats.byBranch.map((b) => (
                <View
                  key={b.branchId}
                  className="stats-row"
                  onClick={() => setQuery({ scope: 'branch', branchId: b.branchId })}
                >
                  <View className="stats-name">
                    <Text className="stats-name-text">{b.branchName}</Text>
                    <Text className="stats-name-sub">
                      {b.meetings} 场会议{b.unbound.members ? ` · 未绑定 ${b.unbound.members} 人` : ''}
                    </Text>
                  </View>
                  <TallyCells t={b.tally} />
                </View>
              ))}
            </View>
          )}

          {scope === 'branch' &&
            (!stats.byMember?.length ? (
              <EmptyState
                icon="勤"
                title="暂无出勤数据"
                description="本年度召开的会议签到后，党员的出勤情况会出现在这里"
              />
            ) : (
              <View className="card stats-table" id="stats-members">
                <View className="stats-row stats-row-head">
                  <Text className="stats-name">党员</Text>
                  <Text className="stats-cell">应到</Text>
                  <Text className="stats-cell">实到</Text>
                  <Text className="stats-cell">请假</Text>
                  <Text className="stats-cell">缺席</Text>
                  <Text className="stats-cell stats-cell-rate">出勤率</Text>
                </View>
                {[...stats.byMember].sort(statsMemberOrder).map((m) => (
                  <View key={m.memberId} className="stats-row" data-member-id={m.memberId}>
                    <View className="stats-name">
                      <Text className="stats-name-text">{m.name}</Text>
                      {m.unbound && <Text className="stats-name-sub stats-unbound">未绑定</Text>}
                    </View>
                    <TallyCells t={m.tally} />
                  </View>
                ))}
              </View>
            ))}
        </View>
      )}
    </View>
  )
}
