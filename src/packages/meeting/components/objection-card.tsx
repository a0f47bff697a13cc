import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MyMeeting, ObjectionView } from '@/contract'
import { KitButton, StatusTag, type Tone } from '@/components/kit'
import { formatDateTime } from '@/domain/time'
import {
  CORRECTION_LABELS,
  OBJECTION_LABELS,
  OBJECTION_REASON_MAX,
  OBJECTION_REASON_MIN,
  objectionRefusal,
  type ObjectionStatus,
} from '@/domain/objection.rules'
import { windowState } from '@/domain/attendance.rules'
import { messageOf, useMutation } from '@/remote'
import { updateProcedure } from '@/remote/patch'
import { ReasonForm } from './reason-form'
import './objection-card.scss'

const TONES: Record<ObjectionStatus, Tone> = { pending: 'warning', accepted: 'success', rejected: 'neutral' }
const RECORDED: Record<ObjectionView['recorded'], string> = { absent: '缺席', late: '迟到' }

/**
 * 出勤异议 on a meeting that is over: a member who thinks her 缺席 or 迟到 is wrong says why; her secretary corrects
 * the record or answers. Shown only when there is something to say (a record she may question, or one she did).
 */
export function ObjectionCard({ meeting }: { meeting: MyMeeting }) {
  const objection = meeting.myObjection ?? null
  const [editing, setEditing] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const raise = useMutation('meeting.raiseObjection', {
    invalidates: ['meeting.stats'],
    onSuccess: ({ objection: saved }, input) =>
      updateProcedure('meeting.detail', { meetingId: input.meetingId }, (old) =>
        old ? { meeting: { ...old.meeting, myObjection: saved } } : old,
      ),
  })

  const refusal = objectionRefusal({
    status: meeting.myStatus,
    // As the cloud decides (meeting/docs.ts isOver): closed, or its sign-in window has passed.
    over:
      meeting.status === 'closed' || windowState(new Date(meeting.startAt), meeting.window, new Date()) === 'closed',
    endAt: meeting.endAt,
    now: Date.now(),
  })
  const mayRaise = meeting.myExpected && meeting.status !== 'cancelled' && !refusal
  if (!objection && !mayRaise) return null

  const open = () => {
    setReason(objection?.reason ?? '')
    setError(null)
    setEditing(true)
  }
  const submit = async () => {
    const text = reason.trim()
    if (text.length < OBJECTION_REASON_MIN) {
      setError(`请写明异议原因（至少 ${OBJECTION_REASON_MIN} 个字），如当天到会的情况、可以作证的同志`)
      return
    }
    if (text.length > OBJECTION_REASON_MAX) {
      setError(`异议原因最多 ${OBJECTION_REASON_MAX} 个字，现在有 ${text.length} 个字，请精简后再提交`)
      return
    }
    setError(null)
    try {
      await raise.run({ meetingId: meeting.id, reason: text })
      setEditing(false)
      Taro.showToast({ title: '异议已提交', icon: 'success' })
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return (
    <View className="card objection" id="objection">
      <View className="objection-head">
        <Text className="objection-title">出勤异议</Text>
        {objection && (
          <StatusTag id="objection-status" tone={TONES[objection.status]}>
            {OBJECTION_LABELS[objection.status]}
          </StatusTag>
        )}
      </View>
      {objection && !editing && (
        <View className="objection-body">
          <Text className="objection-line">
            对“{RECORDED[objection.recorded]}”记录提出异议 · {formatDateTime(objection.raisedAt)}
          </Text>
          <Text className="objection-line objection-reason">原因：{objection.reason}</Text>
          {objection.status === 'accepted' && objection.correctedTo && (
            <Text className="objection-line objection-result" id="objection-result">
              {objection.resolvedByName ?? '支部'} 已将记录更正为“{CORRECTION_LABELS[objection.correctedTo]}”
              {objection.reply ? `：${objection.reply}` : ''}
            </Text>
          )}
          {objection.status === 'rejected' && (
            <Text className="objection-line objection-result" id="objection-result">
              {objection.resolvedByName ?? '支部'} 未更正记录：{objection.reply}
            </Text>
          )}
          {objection.status === 'pending' && (
            <View className="objection-actions">
              <Text className="muted">支部书记处理后，结果会显示在这里</Text>
              <KitButton id="objection-edit" size="small" kind="outline" onClick={open}>
                修改原因
              </KitButton>
            </View>
          )}
        </View>
      )}
      {!objection && !editing && (
        <View className="objection-body">
          <Text className="muted objection-line">
            记录为“{meeting.myStatus === 'late' ? '迟到' : '缺席'}”与实际不符？可向支部书记说明，核实后会更正。
          </Text>
          <KitButton id="objection-open" kind="outline" block onClick={open}>
            对出勤记录有异议
          </KitButton>
        </View>
      )}
      {editing && (
        <ReasonForm
          id="objection"
          value={reason}
          onInput={setReason}
          placeholder="请说明实际情况，如：按时到会，扫码时网络故障未签上，孙浩然同志可以作证"
          max={OBJECTION_REASON_MAX}
          error={error}
          busy={raise.pending}
          submitText="提交异议"
          onCancel={() => setEditing(false)}
          onSubmit={submit}
        />
      )}
    </View>
  )
}
