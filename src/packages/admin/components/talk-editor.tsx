import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { FormCard } from '@/components/kit/form-screen'
import { messageOf, useMutation } from '@/remote'
import { TimeField } from './time-field'
import { blankTalk, checkTalk, TALK_MAX_PEOPLE, type TalkForm } from './talk-form'
import { PeoplePicker } from './people-picker'

/** 登记谈心谈话: with whom (members of her branch), when, the topic and a summary. */
export function TalkEditor({
  branchId,
  myId,
  onDone,
  onCancel,
}: {
  branchId: string
  myId: string
  onDone(): void
  onCancel(): void
}) {
  const [form, setForm] = useState<TalkForm>(() => blankTalk())
  const [error, setError] = useState<string | null>(null)
  // The compliance view counts talks too: both go stale with a new one.
  const save = useMutation('meeting.saveTalk', { invalidates: ['meeting.talks', 'meeting.compliance'] })
  const patch = (p: Partial<TalkForm>) => {
    setForm({ ...form, ...p })
    setError(null)
  }

  const submit = async () => {
    const checked = checkTalk(form)
    if (!checked.ok) return setError(checked.error)
    try {
      const out = await save.run(checked.input)
      Taro.showToast({ title: out.already ? '该谈话已登记' : '已登记', icon: 'success' })
      onDone()
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return (
    <FormCard
      id="talk-form"
      title="登记谈心谈话"
      error={error}
      submitLabel="保存"
      pending={save.pending}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Text className="form-block-label">谈话对象</Text>
      <PeoplePicker
        branchId={branchId}
        exclude={myId}
        chosen={form.people}
        max={TALK_MAX_PEOPLE}
        onChange={(people) => patch({ people })}
      />
      <View className="form-card talk-when">
        <TimeField id="talk-date" mode="date" label="谈话日期" value={form.date} onChange={(date) => patch({ date })} />
        <TimeField id="talk-time" mode="time" label="谈话时间" value={form.time} onChange={(time) => patch({ time })} />
        <View className="form-row">
          <Text className="form-label">谈话主题</Text>
          <Input
            id="talk-topic"
            className="form-input"
            value={form.topic}
            maxlength={60}
            placeholder="如：思想动态与工作困难"
            onInput={(e) => patch({ topic: e.detail.value })}
          />
        </View>
      </View>
      <Text className="form-block-label">内容摘要</Text>
      <Textarea
        id="talk-summary"
        className="form-textarea"
        value={form.summary}
        maxlength={2000}
        placeholder="谈了什么、对方的想法和困难、商定的事项（至少 10 个字）"
        onInput={(e) => patch({ summary: e.detail.value })}
      />
    </FormCard>
  )
}
