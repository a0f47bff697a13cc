import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/nut'
import { compressImage } from '@/components/compress-image'
import { openExportedFile } from '@/components/open-file'
import { ErrorState, LoadingSkeleton } from '@/components/page-state'
import { PhotoPicker } from '@/components/photo-picker'
import { formatDateTime } from '@/domain/time'
import { ELIGIBILITY_LABELS, VOTE_MODE_LABELS, type Eligibility, type VoteMode } from '@/domain/vote.rules'
import { ROUTES } from '@/routes'
import { messageOf } from '@/remote/messages'
import { useRemote, mutate, uploadFile, type LocalFile } from '@/remote/use-remote'
import { useSessionStore } from '@/stores/session.store'
import '../meeting-record/index.scss'

const DURATIONS = [
  { label: '1 小时', hours: 1 },
  { label: '1 天', hours: 24 },
  { label: '3 天', hours: 72 },
  { label: '7 天', hours: 168 },
]
const SECRET_LABELS: Record<'secret' | 'named', string> = { secret: '不记名', named: '记名' }
const LIVE_LABELS: Record<'after' | 'live', string> = { after: '结束后公布', live: '实时公布' }
const STATE_LABELS = { not_open: '未开始', open: '进行中', closed: '已结束' } as const

interface Option {
  text: string
  detail: string
  images: Array<{ fileID: string; url: string }>
}

function Chips<T extends string>({
  id,
  values,
  labels,
  value,
  onChange,
}: {
  id: string
  values: readonly T[]
  labels: Record<T, string>
  value: T
  onChange(v: T): void
}) {
  return (
    <View className="mr-chips" id={id}>
      {values.map((v) => (
        <Text
          key={v}
          className={`mr-chip${v === value ? ' mr-chip-on' : ''}`}
          data-value={v}
          onClick={() => onChange(v)}
        >
          {labels[v]}
        </Text>
      ))}
    </View>
  )
}

/** 票决 and 评选: start a vote (candidates with text and pictures), follow turnout, close it early, export the result. */
export default function AdminVotesPage() {
  const role = useSessionStore((s) => s.me?.member?.role)
  const list = useRemote('vote.manage', {})
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [options, setOptions] = useState<Option[]>([
    { text: '', detail: '', images: [] },
    { text: '', detail: '', images: [] },
  ])
  const [eligibility, setEligibility] = useState<Eligibility>('branch')
  const [secret, setSecret] = useState<'secret' | 'named'>('secret')
  const [mode, setMode] = useState<VoteMode>('single')
  const [maxChoices, setMaxChoices] = useState('2')
  const [hours, setHours] = useState(24)
  const [live, setLive] = useState<'after' | 'live'>('after')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  if (list.error && !list.data) return <ErrorState message={list.error.message} onRetry={list.refetch} />
  if (!list.data) return <LoadingSkeleton cards={2} rows={3} />
  const eligibilities: Eligibility[] = role === 'org_admin' ? ['branch', 'committee', 'all'] : ['branch']
  const setOption = (i: number, p: Partial<Option>) => setOptions(options.map((o, j) => (j === i ? { ...o, ...p } : o)))

  const addImages = async (i: number, files: Array<{ file: LocalFile }>) => {
    setBusy(`img${i}`)
    try {
      const added: Option['images'] = []
      for (const f of files) {
        const small = await compressImage(f.file)
        const fileID = await uploadFile(small, `vote-images/${Date.now()}-${i}-${added.length}.jpg`)
        added.push({ fileID, url: typeof small === 'string' ? small : URL.createObjectURL(small) })
      }
      setOptions((prev) => prev.map((o, j) => (j === i ? { ...o, images: [...o.images, ...added] } : o)))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const create = async () => {
    setBusy('create')
    setError(null)
    try {
      const now = Date.now()
      await mutate('vote.create', {
        title,
        description: description || undefined,
        options: options
          .filter((o) => o.text.trim())
          .map((o) => ({ text: o.text, detail: o.detail || undefined, images: o.images.map((x) => x.fileID) })),
        eligibility,
        secret: secret === 'secret',
        mode,
        maxChoices: mode === 'single' ? undefined : Number(maxChoices) || undefined,
        openAt: new Date(now).toISOString(),
        closeAt: new Date(now + hours * 3600_000).toISOString(),
        liveResults: live === 'live',
      })
      Taro.showToast({ title: '投票已发起', icon: 'success' })
      setTitle('')
      setDescription('')
      setOptions([
        { text: '', detail: '', images: [] },
        { text: '', detail: '', images: [] },
      ])
      await list.refetch()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const act = async (voteId: string, what: 'close' | 'export') => {
    setBusy(`${what}${voteId}`)
    setError(null)
    try {
      if (what === 'close') {
        await mutate('vote.close', { voteId })
        await list.refetch()
      } else {
        const out = await mutate('archive.voteResults', { voteId })
        await openExportedFile(out.url, out.fileName)
      }
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
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
        <View key={v.id} className="card" data-vote-id={v.id}>
          <View className="mr-head">
            <Text className="mr-title">{v.title}</Text>
            <Text className="mr-state">{STATE_LABELS[v.state]}</Text>
          </View>
          <Text className="muted">
            {v.eligibilityLabel} · {v.secret ? '不记名' : '记名'} · {VOTE_MODE_LABELS[v.mode]} · 截止{' '}
            {formatDateTime(v.closeAt)}
          </Text>
          <Text className="muted vote-turnout">
            已投 {v.voted}/{v.electorate} 人
          </Text>
          <View className="mr-actions">
            <Button
              size="small"
              fill="outline"
              onClick={() => Taro.navigateTo({ url: `${ROUTES.lifeVotes}?id=${encodeURIComponent(v.id)}` })}
            >
              查看
            </Button>
            {v.state !== 'closed' && (
              <Button
                className="vote-close"
                size="small"
                fill="outline"
                loading={busy === `close${v.id}`}
                onClick={() => act(v.id, 'close')}
              >
                结束投票
              </Button>
            )}
            {(v.state === 'closed' || v.liveResults) && (
              <Button
                size="small"
                fill="outline"
                loading={busy === `export${v.id}`}
                onClick={() => act(v.id, 'export')}
              >
                导出结果
              </Button>
            )}
          </View>
        </View>
      ))}

      <View className="section-title">发起投票</View>
      <View className="card">
        <Input
          id="vote-title"
          className="mr-input"
          value={title}
          placeholder="投票标题，如：推选优秀共产党员"
          onInput={(e) => setTitle(e.detail.value)}
        />
        <Textarea
          className="mr-minutes"
          value={description}
          placeholder="说明（选填）"
          autoHeight
          onInput={(e) => setDescription(e.detail.value)}
        />
      </View>
      {options.map((o, i) => (
        <View key={i} className="card">
          <Input
            id={`vote-option-${i}`}
            className="mr-input"
            value={o.text}
            placeholder={`候选项 ${i + 1}`}
            onInput={(e) => setOption(i, { text: e.detail.value })}
          />
          <Input
            className="mr-input"
            value={o.detail}
            placeholder="介绍（选填）：案例、教案、调研报告摘要"
            onInput={(e) => setOption(i, { detail: e.detail.value })}
          />
          <PhotoPicker
            inputId={`vote-option-image-${i}`}
            photos={o.images.map((x) => ({ key: x.fileID, url: x.url }))}
            max={3}
            uploading={busy === `img${i}`}
            onPick={(files) => addImages(i, files)}
            onRemove={(key) => setOption(i, { images: o.images.filter((x) => x.fileID !== key) })}
          />
        </View>
      ))}
      <View className="card">
        <Text className="mr-link" onClick={() => setOptions([...options, { text: '', detail: '', images: [] }])}>
          + 添加候选项
        </Text>
      </View>
      <View className="card">
        <Text className="field-label">投票范围</Text>
        <Chips
          id="vote-eligibility"
          values={eligibilities}
          labels={ELIGIBILITY_LABELS}
          value={eligibility}
          onChange={setEligibility}
        />
        <Text className="field-label">方式</Text>
        <Chips
          id="vote-mode"
          values={['single', 'multi', 'rank'] as const}
          labels={VOTE_MODE_LABELS}
          value={mode}
          onChange={setMode}
        />
        {mode !== 'single' && (
          <Input
            className="mr-input"
            type="number"
            value={maxChoices}
            placeholder="最多可选几项"
            onInput={(e) => setMaxChoices(e.detail.value)}
          />
        )}
        <Text className="field-label">记名</Text>
        <Chips
          id="vote-secret"
          values={['secret', 'named'] as const}
          labels={SECRET_LABELS}
          value={secret}
          onChange={setSecret}
        />
        <Text className="field-label">结果公布</Text>
        <Chips
          id="vote-live"
          values={['after', 'live'] as const}
          labels={LIVE_LABELS}
          value={live}
          onChange={setLive}
        />
        <Text className="field-label">投票时长（从现在起）</Text>
        <View className="mr-chips" id="vote-duration">
          {DURATIONS.map((d) => (
            <Text
              key={d.hours}
              className={`mr-chip${hours === d.hours ? ' mr-chip-on' : ''}`}
              onClick={() => setHours(d.hours)}
            >
              {d.label}
            </Text>
          ))}
        </View>
      </View>
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <Button id="vote-create" type="primary" block loading={busy === 'create'} onClick={create}>
        发起投票
      </Button>
    </View>
  )
}
