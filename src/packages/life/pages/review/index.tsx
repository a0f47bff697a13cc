import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { GRADES, GRADE_LABELS, type Grade } from '@/domain/review.rules'
import { formatDateTime } from '@/domain/time'
import { ROUTES } from '@/routes'
import { messageOf, useMutation, useProcedure } from '@/remote'
import '../life.scss'

const STATE_LABELS = { not_open: '未开始', open: '评议中', closed: '已结束' } as const

function ReviewList() {
  const { data, error, refetch } = useProcedure('review.list', {})
  if (error && !data) return <ErrorState error={error} onRetry={refetch} />
  if (!data) return <LoadingSkeleton cards={1} rows={2} />
  const mine = data.items.filter((r) => r.participant)
  if (!mine.length)
    return <EmptyState icon="评" title="暂无民主评议" description="机关党委开启民主评议后会出现在这里" />
  return (
    <View className="page">
      {mine.map((r) => (
        <View
          key={r.id}
          className="card life-item"
          onClick={() => Taro.navigateTo({ url: `${ROUTES.lifeReview}?id=${encodeURIComponent(r.id)}` })}
        >
          <View className="life-item-head">
            <Text className="life-title">{r.title}</Text>
            <Text className={`life-state life-state-${r.state}`}>{STATE_LABELS[r.state]}</Text>
          </View>
          <Text className="muted">截止 {formatDateTime(r.closeAt)}</Text>
        </View>
      ))}
    </View>
  )
}

/** My part in a review: the 自我评价, then one grade for everyone of my branch (me included), submitted once. */
function MyReview({ reviewId }: { reviewId: string }) {
  const { data, error, refetch } = useProcedure('review.mine', { reviewId })
  const selfAssess = useMutation('review.selfAssess', { invalidates: ['review.mine'] })
  const rate = useMutation('review.rate', { invalidates: ['review.mine', 'review.list'] })
  const [text, setText] = useState('')
  const [grades, setGrades] = useState<Record<string, Grade>>({})
  const [comments, setComments] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<'self' | 'rate' | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    if (data?.self) setText(data.self.text)
  }, [data?.self])
  if (error && !data) return <ErrorState error={error} onRetry={refetch} />
  if (!data) return <LoadingSkeleton cards={2} rows={3} />
  const open = data.review.state === 'open'
  const rated = data.ratees.filter((r) => grades[r.memberId]).length

  const saveSelf = async () => {
    setBusy('self')
    setMessage(null)
    try {
      await selfAssess.run({ reviewId, text })
      Taro.showToast({ title: '自我评价已保存', icon: 'success' })
    } catch (e) {
      setMessage(messageOf(e))
    } finally {
      setBusy(null)
    }
  }
  const submit = async () => {
    setBusy('rate')
    setMessage(null)
    try {
      await rate.run({
        reviewId,
        ratings: data.ratees.map((r) => ({
          memberId: r.memberId,
          grade: grades[r.memberId],
          comment: comments[r.memberId] || undefined,
        })),
      })
      Taro.showToast({ title: '评议票已提交', icon: 'success' })
    } catch (e) {
      setMessage(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className="page review-page">
      <View className="card">
        <View className="life-item-head">
          <Text className="life-title">{data.review.title}</Text>
          <Text className={`life-state life-state-${data.review.state}`}>{STATE_LABELS[data.review.state]}</Text>
        </View>
        <Text className="muted">
          {data.branchName} · {formatDateTime(data.review.openAt)} 至 {formatDateTime(data.review.closeAt)}
        </Text>
      </View>

      <View className="section-title">自我评价</View>
      <View className="card">
        <Textarea
          id="review-self"
          className="review-self"
          value={text}
          maxlength={3000}
          disabled={!open}
          placeholder="对照党员标准，总结一年来的学习、工作和作风情况（至少 20 字）"
          onInput={(e) => setText(e.detail.value)}
        />
        {open && (
          <Button id="review-self-save" size="small" type="primary" loading={busy === 'self'} onClick={saveSelf}>
            {data.self ? '更新自我评价' : '保存自我评价'}
          </Button>
        )}
      </View>

      <View className="section-title">民主评议（不记名，只能提交一次）</View>
      {data.voted ? (
        <View className="card">
          <Text id="review-counted" className="life-text">
            您的评议票已计入。评议票不记名，任何人都无法查看某一张评议票是谁投的。
          </Text>
        </View>
      ) : !open ? (
        <View className="card">
          <Text className="muted">{data.review.state === 'closed' ? '评议已结束' : '评议尚未开始'}</Text>
        </View>
      ) : (
        <View className="card">
          {data.ratees.map((r) => (
            <View key={r.memberId} className="review-ratee" data-name={r.name}>
              <Text className="life-title">
                {r.name}
                {r.me ? '（本人自评）' : ''}
              </Text>
              <View className="review-grades">
                {GRADES.map((g) => (
                  <Text
                    key={g}
                    className={`review-grade${grades[r.memberId] === g ? ' review-grade-on' : ''}`}
                    data-grade={g}
                    onClick={() => setGrades({ ...grades, [r.memberId]: g })}
                  >
                    {GRADE_LABELS[g]}
                  </Text>
                ))}
              </View>
              {!r.me && (
                <Input
                  className="mr-input"
                  value={comments[r.memberId] ?? ''}
                  placeholder="意见建议（选填）"
                  maxlength={200}
                  onInput={(e) => setComments({ ...comments, [r.memberId]: e.detail.value })}
                />
              )}
            </View>
          ))}
          <Text className="muted">
            已评 {rated}/{data.ratees.length} 人
          </Text>
          <Button
            id="review-submit"
            type="primary"
            block
            loading={busy === 'rate'}
            disabled={rated < data.ratees.length}
            onClick={submit}
          >
            提交评议票
          </Button>
        </View>
      )}
      {message && (
        <View className="form-error" role="alert">
          {message}
        </View>
      )}
    </View>
  )
}

export default function ReviewPage() {
  const [id, setId] = useState<string | null>(null)
  useLoad((p?: Record<string, string>) => setId(decodeURIComponent(p?.id ?? '')))
  if (id === null) return <LoadingSkeleton cards={1} rows={2} />
  return id ? <MyReview reviewId={id} /> : <ReviewList />
}
