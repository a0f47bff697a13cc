import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ObjectionView } from '@/contract'
import { Chips, KitButton, ListScreen, StatusTag, type Tone } from '@/components/kit'
import { ReasonDialog } from '@/components/reason-dialog'
import {
  CORRECTION_LABELS,
  OBJECTION_LABELS,
  type ObjectionOutcome,
  type ObjectionStatus,
} from '@/domain/objection.rules'
import { formatDateTime } from '@/domain/time'
import { messageOf, useMutation, usePagedProcedure } from '@/remote'
import './index.scss'

const TABS: Array<{ value: ObjectionStatus; label: string; id: string }> = [
  { value: 'pending', label: '待处理', id: 'objections-pending' },
  { value: 'accepted', label: '已更正', id: 'objections-accepted' },
  { value: 'rejected', label: '未更正', id: 'objections-rejected' },
]
const TONES: Record<ObjectionStatus, Tone> = { pending: 'warning', accepted: 'success', rejected: 'neutral' }
const RECORDED: Record<ObjectionView['recorded'], string> = { absent: '缺席', late: '迟到' }
const OUTCOME: Record<ObjectionOutcome, { title: string; description: string; confirm: string; placeholder: string }> =
  {
    present: {
      title: '更正为出席',
      description: '记录将改为“出席”（代签/补录，记入审计日志），出勤统计随之更正。请写明核实情况，党员会看到。',
      confirm: '更正为出席',
      placeholder: '如：经核实当天已到会',
    },
    late: {
      title: '更正为迟到',
      description: '记录将改为“迟到”（代签/补录，记入审计日志），出勤统计随之更正。请写明核实情况，党员会看到。',
      confirm: '更正为迟到',
      placeholder: '如：经核实会议开始后到会',
    },
    not_expected: {
      title: '不应参加',
      description:
        '确认该党员本不应参加此次会议（如普通党员被列入支部委员会应到人员）：将其移出应到名单，缺席不再计入任何统计（记入审计日志）。请写明核实情况，党员会看到。',
      confirm: '移出应到名单',
      placeholder: '如：本人不是支委，不应参加支委会',
    },
    rejected: {
      title: '不予更正',
      description: '记录保持不变。请写明理由，党员会在会议详情中看到。',
      confirm: '不予更正',
      placeholder: '如：签到表上没有本人签名',
    },
  }

type Deciding = { objection: ObjectionView; outcome: ObjectionOutcome }

function ObjectionCard({ o, onDecide }: { o: ObjectionView; onDecide(outcome: ObjectionOutcome): void }) {
  return (
    <View className="card objection-item" data-objection-id={o.id}>
      <View className="objection-item-head">
        <Text className="objection-item-name">{o.memberName}</Text>
        <StatusTag tone={TONES[o.status]}>{OBJECTION_LABELS[o.status]}</StatusTag>
      </View>
      <Text className="objection-item-line">
        {o.meetingTitle} · {formatDateTime(o.meetingStartAt)}
      </Text>
      <Text className="objection-item-line muted">
        原记录“{RECORDED[o.recorded]}” · {formatDateTime(o.raisedAt)} 提出
      </Text>
      <Text className="objection-item-line objection-item-reason">异议原因：{o.reason}</Text>
      {o.status !== 'pending' && (
        <Text className="objection-item-line muted">
          {o.resolvedByName ?? ''}{' '}
          {o.status === 'accepted' && o.correctedTo ? `已更正为“${CORRECTION_LABELS[o.correctedTo]}”` : '未更正'}
          {o.reply ? `：${o.reply}` : ''}
        </Text>
      )}
      {o.status === 'pending' && (
        <View className="objection-item-actions">
          <KitButton className="objection-reject" size="small" kind="outline" onClick={() => onDecide('rejected')}>
            不予更正
          </KitButton>
          <KitButton
            className="objection-not-expected"
            size="small"
            kind="outline"
            onClick={() => onDecide('not_expected')}
          >
            不应参加
          </KitButton>
          {o.recorded === 'absent' && (
            <KitButton className="objection-late" size="small" kind="outline" onClick={() => onDecide('late')}>
              更正为迟到
            </KitButton>
          )}
          <KitButton className="objection-present" size="small" onClick={() => onDecide('present')}>
            更正为出席
          </KitButton>
        </View>
      )}
    </View>
  )
}

/**
 * 出勤异议: what members of the branch (the committee: of every branch) say is wrong in their attendance records. The
 * secretary corrects a record (it goes through 代签/补录, so reports follow) or answers why not; either way with a reply
 * the member reads on the meeting.
 */
export default function ObjectionsPage() {
  const [status, setStatus] = useState<ObjectionStatus>('pending')
  const list = usePagedProcedure('meeting.objections', { status })
  const [deciding, setDeciding] = useState<Deciding | null>(null)
  const [error, setError] = useState<string | null>(null)
  const resolve = useMutation('meeting.resolveObjection', {
    invalidates: ['meeting.objections', 'member.waiting', 'meeting.board', 'meeting.stats'],
  })

  const decide = async (reply: string) => {
    if (!deciding) return
    try {
      await resolve.run({ objectionId: deciding.objection.id, outcome: deciding.outcome, reply })
      setDeciding(null)
      Taro.showToast({ title: deciding.outcome === 'rejected' ? '已答复' : '已更正', icon: 'success' })
    } catch (e) {
      setError(messageOf(e))
    }
  }
  const spec = deciding ? OUTCOME[deciding.outcome] : null

  return (
    <ListScreen
      pageClassName="objections"
      query={list}
      unit="条"
      header={<Chips value={status} options={TABS} onChange={setStatus} className="objections-tabs" />}
      empty={{
        icon: '议',
        title: status === 'pending' ? '没有待处理的出勤异议' : '暂无记录',
        description: '党员在会议详情中对自己的缺席、迟到记录提出异议后，会出现在这里',
      }}
      renderItem={(o) => (
        <ObjectionCard
          o={o}
          onDecide={(outcome) => {
            setError(null)
            setDeciding({ objection: o, outcome })
          }}
        />
      )}
    >
      <ReasonDialog
        open={!!deciding}
        title={spec ? `${spec.title}：${deciding!.objection.memberName}` : ''}
        description={spec?.description}
        placeholder={spec?.placeholder}
        confirmText={spec?.confirm}
        busy={resolve.pending}
        error={error}
        onCancel={() => setDeciding(null)}
        onConfirm={decide}
      />
    </ListScreen>
  )
}
