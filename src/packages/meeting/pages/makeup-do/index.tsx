import { Image, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MakeupTask, RecordView } from '@/contract'
import { Button } from '@/components/nut'
import { meetingTime } from '@/components/meeting-format'
import { openExportedFile } from '@/components/open-file'
import { DetailScreen, ErrorState } from '@/components/kit'
import { usePageParams } from '@/components/kit/use-page-params'
import { MAKEUP_KIND_LABELS, MAKEUP_MIN_CHARS, reflectionLength } from '@/domain/makeup.rules'
import { formatDateTime } from '@/domain/time'
import { messageOf, useMutation, useProcedure } from '@/remote'
import { updateProcedure } from '@/remote/patch'
import './index.scss'
import { altProps } from '@/components/alt'

/** One meeting's 补学: its 纪实 to read, then the reflection (or what was written, once done). */
export default function MakeupDoPage() {
  const params = usePageParams()
  const id = params?.id ?? ''
  const record = useProcedure('meeting.record', { meetingId: id }, { enabled: !!id })
  // The member's task for this meeting comes from her list of 补学 (shared with the list page's answer).
  const tasks = useProcedure('meeting.makeupTasks', {}, { enabled: !!id })
  if (params && !id)
    return (
      <View className="page">
        <ErrorState error={{ message: '没有指定会议，请从补学列表进入' }} />
      </View>
    )
  const both = {
    data: record.data && tasks.data ? { record: record.data.record, tasks: tasks.data.items } : undefined,
    error: record.error ?? tasks.error,
    loading: record.loading || tasks.loading,
    refetch: async () => {
      await Promise.all([record.refetch(), tasks.refetch()])
    },
  }
  return (
    <DetailScreen query={both} pageClassName="makeup-do" skeleton={{ cards: 3, rows: 3 }}>
      {(d) => <MakeupBody record={d.record} task={d.tasks.find((x) => x.meetingId === id) ?? null} />}
    </DetailScreen>
  )
}

function MakeupBody({ record, task }: { record: RecordView; task: MakeupTask | null }) {
  const [text, setText] = useState('')
  const [formError, setFormError] = useState<string | null>(null)
  const submitMakeup = useMutation('meeting.submitMakeup', {
    invalidates: ['meeting.makeups', 'member.year'],
    // The answer is the task as now recorded: the list (and this page, which reads it) take it in place.
    onSuccess: (out) =>
      updateProcedure('meeting.makeupTasks', {}, (old) => {
        if (!old) return old
        const items = old.items.map((x) => (x.meetingId === out.task.meetingId ? out.task : x))
        return { ...old, items, open: items.filter((x) => !x.done).length, done: items.filter((x) => x.done).length }
      }),
  })
  const submitting = submitMakeup.pending

  const count = reflectionLength(text)
  const send = async () => {
    if (count < MAKEUP_MIN_CHARS) {
      setFormError(`学习体会至少写 ${MAKEUP_MIN_CHARS} 个字，现在 ${count} 个字`)
      return
    }
    setFormError(null)
    try {
      if (!task) return
      const out = await submitMakeup.run({ meetingId: task.meetingId, reflection: text })
      Taro.showToast({ title: out.already ? '此前已完成补学' : '补学已完成', icon: 'success' })
    } catch (e) {
      setFormError(messageOf(e))
    }
  }

  return (
    <>
      <View className="card">
        <Text className="makeup-do-title">{record.meeting.title}</Text>
        <Text className="muted">
          {record.meeting.typeLabel} · {meetingTime(record.meeting)} · {record.meeting.place}
        </Text>
        {task && <Text className="makeup-do-kind">您本次{MAKEUP_KIND_LABELS[task.kind]}，需要补学</Text>}
      </View>

      {record.state !== 'complete' ? (
        <View className="card">
          <Text className="muted">会议纪实尚未完成，完成后即可补学。</Text>
        </View>
      ) : (
        <View className="card makeup-do-record" id="makeup-record">
          <Text className="section-title makeup-do-section">会议纪实</Text>
          <Text className="field-label">主持人 / 记录人</Text>
          <Text className="field-value">
            {record.host?.name ?? '—'} / {record.recorder?.name ?? '—'}
          </Text>
          <Text className="field-label">议题</Text>
          {record.topics.map((x) => (
            <Text key={x.title} className="field-value">
              {x.first ? '【第一议题】' : '· '}
              {x.title}
            </Text>
          ))}
          <Text className="field-label">会议记录</Text>
          <Text className="field-value makeup-do-minutes">{record.minutes}</Text>
          {record.decisions.length > 0 && (
            <>
              <Text className="field-label">决议/决定</Text>
              {record.decisions.map((d, i) => (
                <Text key={i} className="field-value">
                  {i + 1}. {d}
                </Text>
              ))}
            </>
          )}
          {record.materials.length > 0 && (
            <>
              <Text className="field-label">会议材料</Text>
              {record.materials.map((m) => (
                <Text
                  key={m.fileID}
                  className="field-value makeup-do-link"
                  onClick={() =>
                    openExportedFile(m, m.name).catch(() => Taro.showToast({ title: '无法打开该材料', icon: 'none' }))
                  }
                >
                  {m.name} ›
                </Text>
              ))}
            </>
          )}
          {record.photos.length > 0 && (
            <View className="makeup-do-photos">
              {record.photos.map((p, i) => (
                <Image
                  key={p.fileID}
                  className="makeup-do-photo"
                  src={p.url}
                  mode="aspectFill"
                  {...altProps(`会议照片 ${i + 1}`)}
                />
              ))}
            </View>
          )}
        </View>
      )}

      {task?.done ? (
        <View className="card" id="makeup-done">
          <Text className="section-title">我的学习体会</Text>
          <Text className="field-value">{task.done.reflection}</Text>
          <Text className="muted">补学时间：{formatDateTime(task.done.at)}</Text>
        </View>
      ) : task && record.state === 'complete' ? (
        <View className="card">
          <Text className="section-title">学习体会</Text>
          <Textarea
            id="makeup-reflection"
            className="makeup-do-input"
            value={text}
            maxlength={2000}
            placeholder="读完会议纪实后，写下学习体会和今后的打算（不少于 20 字）"
            onInput={(e) => setText(e.detail.value)}
          />
          <Text className="muted">{count} 字</Text>
          {formError && <View className="form-error">{formError}</View>}
          <Button id="makeup-submit" type="primary" block loading={submitting} disabled={submitting} onClick={send}>
            提交补学
          </Button>
        </View>
      ) : null}
    </>
  )
}
