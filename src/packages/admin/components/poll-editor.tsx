import { Input, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { openExportedFile } from '@/components/open-file'
import type { InputOf, ProcedureName } from '@/contract'
import { formatDateTime } from '@/domain/time'
import { useMutation } from '@/remote'
import './poll-editor.scss'

/**
 * What the committee's two polls share — 票决/评选 (votes) and 民主评议 (reviews): a card per poll with its state and
 * window, a row of chips for a choice, the poll's title field, and an export that opens the file. The votes and
 * reviews admin pages build on these instead of each carrying its own copy.
 */

export type PollState = 'not_open' | 'open' | 'closed'

export function PollCard({
  title,
  state,
  stateLabel,
  openAt,
  closeAt,
  lines,
  selected,
  onClick,
  dataId,
  children,
}: {
  title: string
  state: PollState
  stateLabel: string
  openAt: string
  closeAt: string
  /** Further facts under the window (范围, 方式, turnout…). */
  lines?: ReactNode
  selected?: boolean
  onClick?: () => void
  dataId?: string
  children?: ReactNode
}) {
  return (
    <View className={`card poll-card${selected ? ' vote-option-on' : ''}`} data-poll-id={dataId} onClick={onClick}>
      <View className="mr-head">
        <Text className="mr-title">{title}</Text>
        <Text className={`mr-state poll-state-${state}`}>{stateLabel}</Text>
      </View>
      <Text className="muted poll-line">
        {formatDateTime(openAt)} 至 {formatDateTime(closeAt)}
      </Text>
      {lines}
      {children && <View className="mr-actions">{children}</View>}
    </View>
  )
}

/** One choice among a few, as a row of chips (范围, 方式, 时长…). */
export function ChoiceChips<T extends string | number>({
  id,
  options,
  value,
  onChange,
}: {
  id: string
  options: ReadonlyArray<{ value: T; label: string }>
  value: T
  onChange: (v: T) => void
}) {
  return (
    <View className="mr-chips" id={id}>
      {options.map((o) => (
        <Text
          key={String(o.value)}
          className={`mr-chip${o.value === value ? ' mr-chip-on' : ''}`}
          data-value={String(o.value)}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  )
}

/** The poll's name. */
export function PollTitleField({
  id,
  value,
  placeholder,
  onChange,
}: {
  id: string
  value: string
  placeholder: string
  onChange(v: string): void
}) {
  return (
    <Input
      id={id}
      className="mr-input"
      value={value}
      maxlength={60}
      placeholder={placeholder}
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

type ExportName = Extract<ProcedureName, 'archive.voteResults' | 'archive.reviewResults'>

/** Runs an export and opens the file it answers with; `pending` while it runs, throws the Chinese message. */
export function useExportFile<N extends ExportName>(name: N) {
  const m = useMutation(name)
  return {
    pending: m.pending,
    run: async (input: InputOf<N>) => {
      const out = await m.run(input)
      await openExportedFile(out, out.fileName)
    },
  }
}

/** Hours from a start to an end, both China-time instants: where a window chip stands for an existing poll. */
export function hoursBetween(from: string, to: string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 3600_000)
}

/** The last refusal, in Chinese, above the poll's buttons. */
export function PollError({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <View className="form-error" role="alert">
      {message}
    </View>
  )
}

/** A field's name above its chips or input. */
export function PollLabel({ children }: { children: string }) {
  return <Text className="poll-label">{children}</Text>
}
