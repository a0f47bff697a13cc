import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { VoteView } from '@/contract'
import { Button } from '@/components/nut'
import { ErrorState, LoadingSkeleton } from '@/components/page-state'
import { VOTE_MODE_LABELS, type Eligibility } from '@/domain/vote.rules'
import { ROUTES } from '@/routes'
import { messageOf, useMutation, useProcedure } from '@/remote'
import { useSessionStore } from '@/stores/session.store'
import { PollCard, PollError, useExportFile } from '../../components/poll-editor'
import { VoteForm } from '../../components/vote-form'
import '../meeting-record/index.scss'

const STATE_LABELS = { not_open: '未开始', open: '进行中', closed: '已结束' } as const

/**
 * 票决 and 评选: start a vote (candidates with text and pictures), change it until it opens, follow turnout, close it
 * early, export the result.
 */
export default function AdminVotesPage() {
  const role = useSessionStore((s) => s.me?.member?.role)
  const list = useProcedure('vote.manage', {})
  const close = useMutation('vote.close', { invalidates: ['vote'] })
  const exportResults = useExportFile('archive.voteResults')
  const [editing, setEditing] = useState<VoteView | null>(null)
  /** A vote whose save was refused as edited elsewhere: its form opens again once the list is read afresh. */
  const [reopenId, setReopenId] = useState<string | null>(null)
  useEffect(() => {
    if (!reopenId || !list.data) return
    setReopenId(null)
    setEditing(list.data.items.find((v) => v.id === reopenId) ?? null)
  }, [reopenId, list.data])
  // A fresh (empty) form after each vote started.
  const [formKey, setFormKey] = useState(0)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  if (list.error && !list.data) return <ErrorState error={list.error} onRetry={list.refetch} />
  if (!list.data) return <LoadingSkeleton cards={2} rows={3} />
  const eligibilities: Eligibility[] =
    role === 'org_admin' ? ['branch', 'branch_committee', 'committee', 'all'] : ['branch', 'branch_committee']

  const act = async (key: string, run: () => Promise<unknown>) => {
    setBusy(key)
    setError(null)
    try {
      await run()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  if (editing) {
    return (
      <View className="page admin-votes">
        <View className="section-title">修改投票（开始前可改）</View>
        <VoteForm
          editing={editing}
          eligibilities={eligibilities}
          onDone={() => setEditing(null)}
          onCancel={() => setEditing(null)}
          onReopen={async () => {
            const id = editing.id
            setEditing(null)
            await list.refetch()
            setReopenId(id)
          }}
        />
      </View>
    )
  }

  return (
    <View className="page admin-votes">
      <View className="section-title">投票列表</View>
      {list.data.items.length === 0 && (
        <View className="card">
          <Text className="muted">还没有投票</Text>
        </View>
      )}
      {list.data.items.map((v) => (
        <PollCard
          key={v.id}
          dataId={v.id}
          title={v.title}
          state={v.state}
          stateLabel={STATE_LABELS[v.state]}
          openAt={v.openAt}
          closeAt={v.closeAt}
          lines={
            <>
              <Text className="muted poll-line">
                {v.eligibilityLabel} · {v.secret ? '不记名' : '记名'} · {VOTE_MODE_LABELS[v.mode]} · {v.options.length}{' '}
                个候选项
              </Text>
              <Text className="muted poll-line vote-turnout">
                已投 {v.voted}/{v.electorate} 人
              </Text>
            </>
          }
        >
          <Button
            size="small"
            fill="outline"
            onClick={() => Taro.navigateTo({ url: `${ROUTES.lifeVotes}?id=${encodeURIComponent(v.id)}` })}
          >
            查看
          </Button>
          {v.state === 'not_open' && v.voted === 0 && (
            <Button className="vote-edit" size="small" fill="outline" onClick={() => setEditing(v)}>
              修改
            </Button>
          )}
          {v.state !== 'closed' && (
            <Button
              className="vote-close"
              size="small"
              fill="outline"
              loading={busy === `close${v.id}`}
              onClick={() => act(`close${v.id}`, () => close.run({ voteId: v.id }))}
            >
              结束投票
            </Button>
          )}
          {(v.state === 'closed' || v.liveResults) && (
            <Button
              size="small"
              fill="outline"
              loading={busy === `export${v.id}` && exportResults.pending}
              onClick={() => act(`export${v.id}`, () => exportResults.run({ voteId: v.id }))}
            >
              导出结果
            </Button>
          )}
        </PollCard>
      ))}
      <PollError message={error} />

      <View className="section-title">发起投票</View>
      <VoteForm key={formKey} eligibilities={eligibilities} onDone={() => setFormKey((k) => k + 1)} />
    </View>
  )
}
