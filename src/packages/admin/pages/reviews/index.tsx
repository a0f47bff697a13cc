import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ReviewMemberRow } from '@/contract'
import { Button } from '@/components/nut'
import { ErrorState, LoadingSkeleton } from '@/components/page-state'
import { GRADES, GRADE_LABELS, type Grade } from '@/domain/review.rules'
import { formatDateTime } from '@/domain/time'
import { messageOf, useMutation, useProcedure } from '@/remote'
import { useSessionStore } from '@/stores/session.store'
import {
  ChoiceChips,
  PollCard,
  PollError,
  PollLabel,
  PollTitleField,
  useExportFile,
} from '../../components/poll-editor'
import '../meeting-record/index.scss'

const STATE_LABELS = { not_open: '未开始', open: '评议中', closed: '已结束' } as const
const DAYS = [3, 7, 14, 30].map((d) => ({ value: d, label: `${d} 天` }))
const PERCENTS = [20, 30, 40].map((p) => ({ value: p, label: `${p}%` }))

/** The grade most ballots gave (ties go to the better grade): where a branch's proposal starts from. */
const leading = (r: ReviewMemberRow): Grade =>
  GRADES.reduce((best, g) => (r.counts[g] > r.counts[best] ? g : best), 'qualified' as Grade)

function BranchResults({ reviewId, branchId }: { reviewId: string; branchId: string }) {
  const res = useProcedure('review.results', { reviewId, branchId })
  const propose = useMutation('review.propose', { invalidates: ['review.results', 'review.overview'] })
  const exportResults = useExportFile('archive.reviewResults')
  const [proposal, setProposal] = useState<Record<string, Grade>>({})
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (res.data)
      setProposal(Object.fromEntries(res.data.rows.map((r) => [r.memberId, r.proposed?.grade ?? leading(r)])))
  }, [res.data])
  if (res.error) return <Text className="muted review-hidden">{res.error.message}</Text>
  if (!res.data) return <LoadingSkeleton cards={1} rows={3} />
  const d = res.data
  const run = async (work: () => Promise<unknown>, done?: string) => {
    setError(null)
    try {
      await work()
      if (done) Taro.showToast({ title: done, icon: 'success' })
    } catch (e) {
      setError(messageOf(e))
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
          <ChoiceChips
            id={`review-grade-${r.memberId}`}
            options={GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] }))}
            value={proposal[r.memberId]}
            onChange={(g) => setProposal({ ...proposal, [r.memberId]: g })}
          />
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
      <PollError message={error} />
      <View className="mr-actions">
        <Button
          id="review-propose"
          type="primary"
          loading={propose.pending}
          onClick={() =>
            run(
              () =>
                propose.run({
                  reviewId,
                  branchId,
                  items: d.rows.map((r) => ({
                    memberId: r.memberId,
                    grade: proposal[r.memberId],
                    note: notes[r.memberId] || undefined,
                  })),
                }),
              '建议结果已提交',
            )
          }
        >
          提交建议结果
        </Button>
        <Button
          fill="outline"
          loading={exportResults.pending}
          onClick={() => run(() => exportResults.run({ reviewId, branchId }))}
        >
          导出 Excel
        </Button>
      </View>
    </View>
  )
}

function Overview({ reviewId, onBranch }: { reviewId: string; onBranch(id: string): void }) {
  const { data, error } = useProcedure('review.overview', { reviewId })
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
  const reviews = useProcedure('review.list', {})
  const openReview = useMutation('review.open', { invalidates: ['review'] })
  const [selected, setSelected] = useState<string | null>(null)
  const [branchId, setBranchId] = useState<string | null>(null)
  const [title, setTitle] = useState('')
  const [days, setDays] = useState(7)
  const [percent, setPercent] = useState(30)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!selected && reviews.data?.items[0]) setSelected(reviews.data.items[0].id)
  }, [reviews.data, selected])
  if (reviews.error && !reviews.data) return <ErrorState error={reviews.error} onRetry={reviews.refetch} />
  if (!reviews.data || !me) return <LoadingSkeleton cards={2} rows={3} />
  const isOrg = me.role === 'org_admin'
  const shownBranch = isOrg ? branchId : me.branchId

  const open = async () => {
    setError(null)
    try {
      const now = Date.now()
      const year = new Date(now).getFullYear()
      const { review } = await openReview.run({
        title: title || `${year} 年度民主评议党员`,
        period: String(year),
        openAt: new Date(now).toISOString(),
        closeAt: new Date(now + days * 86400_000).toISOString(),
        excellentMaxPercent: percent,
      })
      setSelected(review.id)
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return (
    <View className="page admin-reviews">
      {reviews.data.items.map((r) => (
        <PollCard
          key={r.id}
          dataId={r.id}
          title={r.title}
          state={r.state}
          stateLabel={STATE_LABELS[r.state]}
          openAt={r.openAt}
          closeAt={r.closeAt}
          lines={<Text className="muted poll-line">优秀比例不超过 {r.excellentMaxPercent}%</Text>}
          selected={selected === r.id}
          onClick={() => setSelected(r.id)}
        />
      ))}
      {selected && isOrg && <Overview reviewId={selected} onBranch={setBranchId} />}
      {selected && shownBranch && (
        <BranchResults key={`${selected}-${shownBranch}`} reviewId={selected} branchId={shownBranch} />
      )}
      {isOrg && (
        <>
          <View className="section-title">开启民主评议</View>
          <View className="card">
            <PollTitleField
              id="review-title"
              value={title}
              placeholder="名称，如：2026 年度民主评议党员"
              onChange={setTitle}
            />
            <PollLabel>评议时长（从现在起）</PollLabel>
            <ChoiceChips id="review-days" options={DAYS} value={days} onChange={setDays} />
            <PollLabel>优秀比例上限</PollLabel>
            <ChoiceChips id="review-percent" options={PERCENTS} value={percent} onChange={setPercent} />
          </View>
          <PollError message={error} />
          <Button id="review-open" type="primary" block loading={openReview.pending} onClick={open}>
            开启评议
          </Button>
        </>
      )}
    </View>
  )
}
