import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ReviewMemberRow } from '@/contract'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { ErrorState, LoadingSkeleton } from '@/components/page-state'
import { GRADES, GRADE_LABELS, type Grade } from '@/domain/review.rules'
import { formatDateTime } from '@/domain/time'
import { messageOf } from '@/remote/messages'
import { useRemote, mutate } from '@/remote/use-remote'
import { useSessionStore } from '@/stores/session.store'
import '../meeting-record/index.scss'

const STATE_LABELS = { not_open: '未开始', open: '评议中', closed: '已结束' } as const

/** The grade most ballots gave (ties go to the better grade): where a branch's proposal starts from. */
const leading = (r: ReviewMemberRow): Grade =>
  GRADES.reduce((best, g) => (r.counts[g] > r.counts[best] ? g : best), 'qualified' as Grade)

function BranchResults({ reviewId, branchId }: { reviewId: string; branchId: string }) {
  const res = useRemote('review.results', { reviewId, branchId })
  const [proposal, setProposal] = useState<Record<string, Grade>>({})
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (res.data)
      setProposal(Object.fromEntries(res.data.rows.map((r) => [r.memberId, r.proposed?.grade ?? leading(r)])))
  }, [res.data])
  if (res.error) return <Text className="muted review-hidden">{res.error.message}</Text>
  if (!res.data) return <LoadingSkeleton cards={1} rows={3} />
  const d = res.data
  const propose = async () => {
    setBusy('propose')
    setError(null)
    try {
      await mutate('review.propose', {
        reviewId,
        branchId,
        items: d.rows.map((r) => ({
          memberId: r.memberId,
          grade: proposal[r.memberId],
          note: notes[r.memberId] || undefined,
        })),
      })
      Taro.showToast({ title: '建议结果已提交', icon: 'success' })
      await res.refetch()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }
  const exportXlsx = async () => {
    setBusy('export')
    try {
      const out = await mutate('archive.reviewResults', { reviewId, branchId })
      await openExportedFile(out.url, out.fileName)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }
  return (
    <View id="review-results">
      <Text className="muted">
        {d.branchName} · 参评 {d.participants} 人 · 已评议 {d.voted} 人 · 优秀最多 {d.maxExcellent} 名
        {d.proposedAt ? ` · 已于 ${formatDateTime(d.proposedAt)} 提交建议结果` : ''}
      </Text>
      {d.rows.map((r) => (
        <View key={r.memberId} className="card review-row" data-name={r.name}>
          <View className="mr-head">
            <Text className="mr-title">{r.name}</Text>
            <Text className="muted">{r.self ? '已自评' : '未自评'}</Text>
          </View>
          <Text className="muted review-counts">
            {GRADES.map((g) => `${GRADE_LABELS[g]} ${r.counts[g]}`).join(' · ')}
          </Text>
          {r.comments.length > 0 && <Text className="muted">意见：{r.comments.join('；')}</Text>}
          <View className="mr-chips">
            {GRADES.map((g) => (
              <Text
                key={g}
                className={`mr-chip${proposal[r.memberId] === g ? ' mr-chip-on' : ''}`}
                onClick={() => setProposal({ ...proposal, [r.memberId]: g })}
              >
                {GRADE_LABELS[g]}
              </Text>
            ))}
          </View>
          {(proposal[r.memberId] === 'basic' || proposal[r.memberId] === 'unqualified') && (
            <Input
              className="mr-input"
              value={notes[r.memberId] ?? ''}
              placeholder="理由（必填）"
              onInput={(e) => setNotes({ ...notes, [r.memberId]: e.detail.value })}
            />
          )}
        </View>
      ))}
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <View className="mr-actions">
        <Button id="review-propose" type="primary" loading={busy === 'propose'} onClick={propose}>
          提交建议结果
        </Button>
        <Button fill="outline" loading={busy === 'export'} onClick={exportXlsx}>
          导出 Excel
        </Button>
      </View>
    </View>
  )
}

function Overview({ reviewId, onBranch }: { reviewId: string; onBranch(id: string): void }) {
  const { data, error } = useRemote('review.overview', { reviewId })
  if (error) return <Text className="muted">{error.message}</Text>
  if (!data) return <LoadingSkeleton cards={1} rows={3} />
  return (
    <View className="card" id="review-overview">
      {data.rows.map((b) => (
        <View key={b.branchId} className="mr-line" onClick={() => onBranch(b.branchId)}>
          <Text className="mr-material">{b.branchName}</Text>
          <Text className="muted">
            评议 {b.voted}/{b.participants} · 自评 {b.selfDone} ·{' '}
            {b.proposed ? `优秀 ${b.proposed.excellent}` : '未提交'} ›
          </Text>
        </View>
      ))}
    </View>
  )
}

/** 民主评议: the committee opens one and follows every branch; a branch admin sees and proposes for her branch. */
export default function AdminReviewsPage() {
  const me = useSessionStore((s) => s.me?.member)
  const reviews = useRemote('review.list', {})
  const [selected, setSelected] = useState<string | null>(null)
  const [branchId, setBranchId] = useState<string | null>(null)
  const [title, setTitle] = useState('')
  const [days, setDays] = useState('7')
  const [percent, setPercent] = useState('30')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!selected && reviews.data?.items[0]) setSelected(reviews.data.items[0].id)
  }, [reviews.data, selected])
  if (reviews.error && !reviews.data) return <ErrorState message={reviews.error.message} onRetry={reviews.refetch} />
  if (!reviews.data || !me) return <LoadingSkeleton cards={2} rows={3} />
  const isOrg = me.role === 'org_admin'
  const shownBranch = isOrg ? branchId : me.branchId

  const open = async () => {
    setBusy(true)
    setError(null)
    try {
      const now = Date.now()
      const year = new Date(now).getFullYear()
      const { review } = await mutate('review.open', {
        title: title || `${year} 年度民主评议党员`,
        period: String(year),
        openAt: new Date(now).toISOString(),
        closeAt: new Date(now + (Number(days) || 7) * 86400_000).toISOString(),
        excellentMaxPercent: Number(percent) || 0,
      })
      setSelected(review.id)
      await reviews.refetch()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="page admin-reviews">
      {reviews.data.items.map((r) => (
        <View
          key={r.id}
          className={`card${selected === r.id ? ' vote-option-on' : ''}`}
          onClick={() => setSelected(r.id)}
        >
          <View className="mr-head">
            <Text className="mr-title">{r.title}</Text>
            <Text className="mr-state">{STATE_LABELS[r.state]}</Text>
          </View>
          <Text className="muted">
            {formatDateTime(r.openAt)} 至 {formatDateTime(r.closeAt)} · 优秀比例不超过 {r.excellentMaxPercent}%
          </Text>
        </View>
      ))}
      {selected && isOrg && <Overview reviewId={selected} onBranch={setBranchId} />}
      {selected && shownBranch && (
        <BranchResults key={`${selected}-${shownBranch}`} reviewId={selected} branchId={shownBranch} />
      )}
      {isOrg && (
        <>
          <View className="section-title">开启民主评议</View>
          <View className="card">
            <Input
              id="review-title"
              className="mr-input"
              value={title}
              placeholder="名称，如：2026 年度民主评议党员"
              onInput={(e) => setTitle(e.detail.value)}
            />
            <Input
              className="mr-input"
              type="number"
              value={days}
              placeholder="评议天数"
              onInput={(e) => setDays(e.detail.value)}
            />
            <Input
              className="mr-input"
              type="number"
              value={percent}
              placeholder="优秀比例上限（%）"
              onInput={(e) => setPercent(e.detail.value)}
            />
            <Text className="muted">评议天数、优秀比例上限（%）</Text>
          </View>
          {error && (
            <View className="form-error" role="alert">
              {error}
            </View>
          )}
          <Button id="review-open" type="primary" block loading={busy} onClick={open}>
            开启评议
          </Button>
        </>
      )}
    </View>
  )
}
