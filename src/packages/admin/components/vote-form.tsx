import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { VoteView } from '@/contract'
import { Button } from '@/components/nut'
import { compressImage } from '@/components/compress-image'
import { PhotoPicker } from '@/components/photo-picker'
import { china } from '@/domain/time'
import { ELIGIBILITY_LABELS, VOTE_MODE_LABELS, type Eligibility, type VoteMode } from '@/domain/vote.rules'
import { messageOf, uploadFile, useMutation, type LocalFile } from '@/remote'
import { useEditConflict } from './editor-opening'
import { ChoiceChips, hoursBetween, PollError, PollLabel, PollTitleField } from './poll-editor'

interface Option {
  text: string
  detail: string
  images: Array<{ fileID: string; url: string }>
}

type Start = 'keep' | 'now' | 'hour' | 'tomorrow'
const START_LABELS: Record<Start, string> = {
  keep: '保持原定',
  now: '立即开始',
  hour: '1 小时后',
  tomorrow: '明天 9:00',
}
const DURATIONS = [1, 24, 72, 168]
const durationLabel = (h: number) => (h % 24 === 0 ? `${h / 24} 天` : `${h} 小时`)
const blankOption = (): Option => ({ text: '', detail: '', images: [] })
// Every write to a vote changes the admin list and what members see of it.
const INVALIDATES = ['vote.manage', 'vote.list', 'vote.detail']

/** When a vote starts, as the organiser chose it (China time for "tomorrow"). */
function startOf(choice: Start, keep: string | null, now = Date.now()): Date {
  if (choice === 'keep' && keep) return new Date(keep)
  if (choice === 'hour') return new Date(now + 3600_000)
  if (choice === 'tomorrow') return china(now).add(1, 'day').hour(9).minute(0).second(0).millisecond(0).toDate()
  return new Date(now)
}

/**
 * Starts a vote (票决 or 评选), or changes one that has not opened yet: title, candidates with text and pictures,
 * who votes (fixed once created: the electorate is written then), mode, secrecy, start, length, result display.
 */
export function VoteForm({
  editing,
  eligibilities,
  onDone,
  onCancel,
  onReopen,
}: {
  /** The vote being changed; absent for a new one. */
  editing?: VoteView
  eligibilities: Eligibility[]
  onDone(): void
  onCancel?: () => void
  /** Opens the form again on the vote as now stored (after a save refused as edited elsewhere). */
  onReopen?: () => void
}) {
  const conflict = useEditConflict(() => onReopen?.())
  const [title, setTitle] = useState(editing?.title ?? '')
  const [description, setDescription] = useState(editing?.description ?? '')
  const [options, setOptions] = useState<Option[]>(
    editing?.options.map((o) => ({ text: o.text, detail: o.detail ?? '', images: o.images })) ?? [
      blankOption(),
      blankOption(),
    ],
  )
  const [eligibility, setEligibility] = useState<Eligibility>(editing?.eligibility ?? 'branch')
  const [secret, setSecret] = useState(editing?.secret ?? true)
  const [mode, setMode] = useState<VoteMode>(editing?.mode ?? 'single')
  const [maxChoices, setMaxChoices] = useState(String(editing?.maxChoices ?? 2))
  const [start, setStart] = useState<Start>(editing ? 'keep' : 'now')
  const keptHours = editing ? hoursBetween(editing.openAt, editing.closeAt) : null
  const [hours, setHours] = useState(keptHours ?? 24)
  const [live, setLive] = useState(editing?.liveResults ?? false)
  const [uploading, setUploading] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const create = useMutation('vote.create', { invalidates: INVALIDATES })
  const update = useMutation('vote.update', { invalidates: INVALIDATES })

  const setOption = (i: number, p: Partial<Option>) => setOptions(options.map((o, j) => (j === i ? { ...o, ...p } : o)))
  const addImages = async (i: number, files: Array<{ file: LocalFile }>) => {
    setUploading(i)
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
      setUploading(null)
    }
  }

  const submit = async () => {
    setError(null)
    const openAt = startOf(start, editing?.openAt ?? null)
    const fields = {
      title,
      description: description || undefined,
      options: options
        .filter((o) => o.text.trim())
        .map((o) => ({ text: o.text, detail: o.detail || undefined, images: o.images.map((x) => x.fileID) })),
      secret,
      mode,
      maxChoices: mode === 'single' ? undefined : Number(maxChoices) || undefined,
      openAt: openAt.toISOString(),
      closeAt: new Date(openAt.getTime() + hours * 3600_000).toISOString(),
      liveResults: live,
    }
    try {
      // The revision the form opened: a change another organiser saved meanwhile is not overwritten.
      if (editing) await update.run({ voteId: editing.id, revision: editing.revision, ...fields })
      else await create.run({ ...fields, eligibility })
      Taro.showToast({ title: editing ? '投票已修改' : '投票已发起', icon: 'success' })
      onDone()
    } catch (e) {
      if (!conflict.caught(e)) setError(messageOf(e))
    }
  }

  const durations = keptHours && !DURATIONS.includes(keptHours) ? [keptHours, ...DURATIONS] : DURATIONS
  return (
    <View className="vote-form" id={editing ? 'vote-edit-form' : 'vote-create-form'}>
      <View className="card">
        <PollTitleField
          id="vote-title"
          value={title}
          placeholder="投票标题，如：推选优秀共产党员"
          onChange={setTitle}
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
            uploading={uploading === i}
            onPick={(files) => addImages(i, files)}
            onRemove={(key) => setOption(i, { images: o.images.filter((x) => x.fileID !== key) })}
          />
        </View>
      ))}
      <View className="card">
        <Text id="vote-add-option" className="mr-link" onClick={() => setOptions([...options, blankOption()])}>
          + 添加候选项
        </Text>
      </View>
      <View className="card">
        <PollLabel>投票范围</PollLabel>
        {editing ? (
          <Text className="muted poll-line">{ELIGIBILITY_LABELS[editing.eligibility]}（发起后不能更改）</Text>
        ) : (
          <ChoiceChips
            id="vote-eligibility"
            options={eligibilities.map((e) => ({ value: e, label: ELIGIBILITY_LABELS[e] }))}
            value={eligibility}
            onChange={setEligibility}
          />
        )}
        <PollLabel>方式</PollLabel>
        <ChoiceChips
          id="vote-mode"
          options={(['single', 'multi', 'rank'] as const).map((m) => ({ value: m, label: VOTE_MODE_LABELS[m] }))}
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
        <PollLabel>记名</PollLabel>
        <ChoiceChips
          id="vote-secret"
          options={[
            { value: 'secret', label: '不记名' },
            { value: 'named', label: '记名' },
          ]}
          value={secret ? 'secret' : 'named'}
          onChange={(v) => setSecret(v === 'secret')}
        />
        <PollLabel>结果公布</PollLabel>
        <ChoiceChips
          id="vote-live"
          options={[
            { value: 'after', label: '结束后公布' },
            { value: 'live', label: '实时公布' },
          ]}
          value={live ? 'live' : 'after'}
          onChange={(v) => setLive(v === 'live')}
        />
        <PollLabel>开始时间</PollLabel>
        <ChoiceChips
          id="vote-start"
          options={(editing ? (['keep', 'hour', 'tomorrow'] as const) : (['now', 'hour', 'tomorrow'] as const)).map(
            (s) => ({ value: s, label: START_LABELS[s] }),
          )}
          value={start}
          onChange={setStart}
        />
        <PollLabel>投票时长（从开始起）</PollLabel>
        <ChoiceChips
          id="vote-duration"
          options={durations.map((h) => ({ value: h, label: durationLabel(h) }))}
          value={hours}
          onChange={setHours}
        />
        {start !== 'now' && <Text className="muted poll-line">开始前可以修改候选项和投票规则；开始后不能再修改。</Text>}
      </View>
      <PollError message={error} />
      {conflict.notice}
      <View className="mr-actions">
        {onCancel && (
          <Button fill="outline" onClick={onCancel}>
            取消
          </Button>
        )}
        <Button
          id={editing ? 'vote-save' : 'vote-create'}
          type="primary"
          block={!onCancel}
          loading={create.pending || update.pending}
          onClick={submit}
        >
          {editing ? '保存修改' : '发起投票'}
        </Button>
      </View>
    </View>
  )
}
