import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { percent } from '@/components/quiz-format'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { EmptyState, ErrorState, LoadingSkeleton, isRefusal } from '@/components/page-state'
import { china, formatDate } from '@/domain/time'
import { messageOf, useMutation, useProcedure, usePullToRefresh } from '@/remote'
import { TimeField } from '../../components/time-field'
import './index.scss'

/** A China-time day as the cloud wants it: its start, or (for the end of a period) its last moment. */
const dayStart = (d: string) => `${d}T00:00:00+08:00`
const dayEnd = (d: string) => `${d}T23:59:59+08:00`
const periodOf = ({ from, to }: { from: string; to: string }) => ({
  ...(from ? { from: dayStart(from) } : {}),
  ...(to ? { to: dayEnd(to) } : {}),
})

/** 必读完成情况: completion of required items by branch over a period (this year to today first). */
export default function StudyCompletionPage() {
  const [from, setFrom] = useState(() => china(Date.now()).startOf('year').format('YYYY-MM-DD'))
  const [to, setTo] = useState(() => china(Date.now()).format('YYYY-MM-DD'))
  // The period asked for: the fields change freely, 查询 applies them (and keys the answer).
  const [applied, setApplied] = useState({ from, to })
  const completion = useProcedure('study.completion', periodOf(applied))
  const { data, error } = completion
  const exporter = useMutation('study.exportStats')
  const [hint, setHint] = useState<string | null>(null)
  usePullToRefresh(completion.refetch)

  const query = () => {
    if (from > to) return setHint('开始日期应早于结束日期')
    setHint(null)
    if (from === applied.from && to === applied.to) void completion.refetch()
    else setApplied({ from, to })
  }
  const onExport = async () => {
    try {
      const file = await exporter.run(periodOf(applied))
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  let body
  if (error && !data) body = <ErrorState error={error} onRetry={() => void completion.refetch()} />
  else if (!data) body = <LoadingSkeleton cards={1} rows={4} />
  else if (!data.branches.length) body = <EmptyState icon="学" title="没有可统计的支部" />
  else
    body = (
      <View className="card sc-table" id="completion-table">
        <View className="sc-row sc-row-head">
          <Text className="sc-cell sc-cell-name">支部</Text>
          <Text className="sc-cell">必读</Text>
          <Text className="sc-cell">应读</Text>
          <Text className="sc-cell">已读</Text>
          <Text className="sc-cell">完成率</Text>
        </View>
        {data.branches.map((b) => (
          <View key={b.branchId} className="sc-row" data-branch-id={b.branchId}>
            <Text className="sc-cell sc-cell-name">{b.branchName}</Text>
            <Text className="sc-cell">{b.requiredItems}</Text>
            <Text className="sc-cell">{b.expected}</Text>
            <Text className="sc-cell">{b.done}</Text>
            <Text className={`sc-cell sc-rate ${b.rate !== null && b.rate < 0.6 ? 'sc-rate-low' : ''}`}>
              {percent(b.rate)}
            </Text>
          </View>
        ))}
        <Text className="form-hint sc-note">
          统计 {formatDate(data.from)} 至 {formatDate(data.to)} 发布的必读资料；应读 = 必读篇数 × 支部党员数
        </Text>
      </View>
    )

  // Refused outright: only the refusal, no filters or actions that would be refused the same way.
  if (error && !data && isRefusal(error))
    return (
      <View className="page">
        <ErrorState error={error} />
      </View>
    )

  return (
    <View className="page study-completion">
      <View className="card form-card">
        <TimeField id="completion-from" mode="date" label="开始日期" value={from} onChange={setFrom} />
        <TimeField id="completion-to" mode="date" label="结束日期" value={to} onChange={setTo} />
        {hint && <View className="form-error">{hint}</View>}
        <View className="sc-actions">
          <Button size="small" fill="outline" loading={exporter.pending} onClick={onExport}>
            导出 Excel
          </Button>
          <Button
            id="completion-query"
            size="small"
            type="primary"
            loading={completion.loading || completion.refreshing}
            onClick={query}
          >
            查询
          </Button>
        </View>
      </View>
      {body}
    </View>
  )
}
