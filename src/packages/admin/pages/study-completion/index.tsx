import { Text, View } from '@tarojs/components'
import Taro, { useLoad, useUnload } from '@tarojs/taro'
import { useState } from 'react'
import { percent } from '@/components/quiz-format'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { china, formatDate } from '@/domain/time'
import { messageOf } from '@/remote/messages'
import { useStudyCompletionStore } from '@/stores/study-completion.store'
import { TimeField } from '../../components/time-field'
import './index.scss'

export default function StudyCompletionPage() {
  const data = useStudyCompletionStore((s) => s.data)
  const error = useStudyCompletionStore((s) => s.error)
  const loading = useStudyCompletionStore((s) => s.loading)
  const exporting = useStudyCompletionStore((s) => s.exporting)
  const setPeriod = useStudyCompletionStore((s) => s.setPeriod)
  const load = useStudyCompletionStore((s) => s.load)
  const exportCompletion = useStudyCompletionStore((s) => s.exportCompletion)
  const reset = useStudyCompletionStore((s) => s.reset)
  const [from, setFrom] = useState(() => china(Date.now()).startOf('year').format('YYYY-MM-DD'))
  const [to, setTo] = useState(() => china(Date.now()).format('YYYY-MM-DD'))
  const [hint, setHint] = useState<string | null>(null)

  useLoad(() => {
    reset()
    setPeriod(from, to)
  })
  useUnload(() => reset())

  const query = () => {
    if (from > to) return setHint('开始日期应早于结束日期')
    setHint(null)
    setPeriod(from, to)
  }
  const onExport = async () => {
    try {
      const file = await exportCompletion()
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  let body
  if (error && !data) body = <ErrorState message={error.message} onRetry={load} />
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

  return (
    <View className="page study-completion">
      <View className="card form-card">
        <TimeField id="completion-from" mode="date" label="开始日期" value={from} onChange={setFrom} />
        <TimeField id="completion-to" mode="date" label="结束日期" value={to} onChange={setTo} />
        {hint && <View className="form-error">{hint}</View>}
        <View className="sc-actions">
          <Button size="small" fill="outline" loading={exporting} onClick={onExport}>
            导出 Excel
          </Button>
          <Button id="completion-query" size="small" type="primary" loading={loading} onClick={query}>
            查询
          </Button>
        </View>
      </View>
      {body}
    </View>
  )
}
