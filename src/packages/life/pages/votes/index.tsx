import { Image, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { VoteView } from '@/contract'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { formatDateTime } from '@/domain/time'
import { VOTE_MODE_LABELS } from '@/domain/vote.rules'
import { ROUTES } from '@/routes'
import { messageOf, useMutation, useProcedure } from '@/remote'
import '../life.scss'
import { altProps } from '@/components/alt'

const STATE_LABELS: Record<VoteView['state'], string> = { not_open: '未开始', open: '进行中', closed: '已结束' }

function VoteList() {
  const { data, error, loading, refetch } = useProcedure('vote.list', {})
  if (error && !data) return <ErrorState error={error} onRetry={refetch} />
  if (!data || loading) return <LoadingSkeleton cards={2} rows={2} />
  if (!data.items.length)
    return <EmptyState icon="票" title="暂无投票" description="支部或机关党委发起的投票会出现在这里" />
  return (
    <View className="page">
      {data.items.map((v) => (
        <View
          key={v.id}
          className="card life-item"
          data-vote-id={v.id}
          onClick={() => Taro.navigateTo({ url: `${ROUTES.lifeVotes}?id=${encodeURIComponent(v.id)}` })}
        >
          <View className="life-item-head">
            <Text className="life-title">{v.title}</Text>
            <Text className={`life-state life-state-${v.state}`}>{STATE_LABELS[v.state]}</Text>
          </View>
          <Text className="muted">
            {v.eligibilityLabel} · {v.secret ? '不记名' : '记名'} · 截止 {formatDateTime(v.closeAt)}
          </Text>
          <Text className="muted">{v.myVoted ? '我已投票' : v.state === 'open' ? '待投票' : ''}</Text>
        </View>
      ))}
    </View>
  )
}

/** One vote: the candidates (with pictures), my choice, and the result when it may be shown. */
function VoteDetail({ voteId }: { voteId: string }) {
  const { data, error, refetch } = useProcedure('vote.detail', { voteId })
  const cast = useMutation('vote.cast', { invalidates: ['vote.list', 'vote.detail'] })
  const [choices, setChoices] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  if (error && !data) return <ErrorState error={error} onRetry={refetch} />
  if (!data) return <LoadingSkeleton cards={2} rows={3} />
  const { vote, myVoted, eligible, results } = data
  const canVote = eligible && !myVoted && vote.state === 'open'
  const toggle = (id: string) => {
    if (!canVote) return
    if (vote.mode === 'single') setChoices([id])
    else if (choices.includes(id)) setChoices(choices.filter((c) => c !== id))
    else if (choices.length < vote.maxChoices) setChoices([...choices, id])
  }
  const submit = async () => {
    setBusy(true)
    setFormError(null)
    try {
      await cast.run({ voteId, choices })
      Taro.showToast({ title: '投票成功', icon: 'success' })
    } catch (e) {
      setFormError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="page vote-detail">
      <View className="card">
        <View className="life-item-head">
          <Text className="life-title">{vote.title}</Text>
          <Text className={`life-state life-state-${vote.state}`}>{STATE_LABELS[vote.state]}</Text>
        </View>
        {vote.description && <Text className="life-text">{vote.description}</Text>}
        <Text className="muted">
          {vote.eligibilityLabel} · {vote.secret ? '不记名' : '记名'} · {VOTE_MODE_LABELS[vote.mode]}
          {vote.mode !== 'single'
            ? `（最多 ${vote.maxChoices} 项${vote.mode === 'rank' ? '，按点选顺序排名' : ''}）`
            : ''}
        </Text>
        <Text className="muted life-line">
          {formatDateTime(vote.openAt)} 至 {formatDateTime(vote.closeAt)}
        </Text>
      </View>
      {vote.options.map((o) => {
        const at = choices.indexOf(o.id)
        return (
          <View
            key={o.id}
            className={`card vote-option${at >= 0 ? ' vote-option-on' : ''}`}
            data-option={o.text}
            onClick={() => toggle(o.id)}
          >
            <View className="life-item-head">
              <Text className="life-title">{o.text}</Text>
              {at >= 0 && <Text className="vote-mark">{vote.mode === 'rank' ? `第 ${at + 1}` : '✓'}</Text>}
            </View>
            {o.detail && <Text className="life-text">{o.detail}</Text>}
            {o.images.length > 0 && (
              <View className="vote-images">
                {o.images.map((img, i) => (
                  <Image
                    key={img.fileID}
                    className="vote-image"
                    src={img.url}
                    mode="aspectFill"
                    {...altProps(`${o.text} 的照片 ${i + 1}`)}
                  />
                ))}
              </View>
            )}
          </View>
        )
      })}
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      {canVote && (
        <Button id="vote-submit" type="primary" block loading={busy} disabled={!choices.length} onClick={submit}>
          提交投票
        </Button>
      )}
      {myVoted && (
        <Text id="vote-counted" className="life-note">
          您的选票已计入{vote.secret ? '（不记名，选票不与您关联）' : ''}
        </Text>
      )}
      {!eligible && <Text className="life-note">您不在本次投票范围内</Text>}
      {results ? (
        <View className="card" id="vote-results">
          <Text className="life-title">
            {vote.state === 'closed' ? '投票结果' : '实时结果'}（应投 {results.electorate} 人，实投 {results.voted} 人）
          </Text>
          {results.rows.map((r) => (
            <View key={r.optionId} className="vote-result-row" data-option={r.text}>
              <Text className="vote-result-place">{r.place}</Text>
              <Text className="vote-result-text">{r.text}</Text>
              <Text className="vote-result-count">
                {r.votes} 票{vote.mode === 'rank' ? ` · ${r.points} 分` : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className="life-note">投票结束后公布结果</Text>
      )}
    </View>
  )
}

export default function VotesPage() {
  const [id, setId] = useState<string | null>(null)
  useLoad((p?: Record<string, string>) => setId(decodeURIComponent(p?.id ?? '')))
  if (id === null) return <LoadingSkeleton cards={2} rows={2} />
  return id ? <VoteDetail voteId={id} /> : <VoteList />
}
