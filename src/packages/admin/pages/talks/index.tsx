import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { TalkView } from '@/contract'
import { Chips, KitButton, ListScreen, StatusTag } from '@/components/kit'
import { FormCard } from '@/components/kit/form-screen'
import { china, formatDateTime } from '@/domain/time'
import { messageOf, useMutation, usePagedProcedure } from '@/remote'
import { useSessionStore } from '@/stores/session.store'
import { TalkEditor } from '../../components/talk-editor'
import { talkProgress } from '../../components/talk-form'
import '../../components/admin-form.scss'
import '../../components/life-staff.scss'

const thisYear = china(Date.now()).year()
const YEARS = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({
  value: String(y),
  label: `${y} 年`,
  id: `talk-year-${y}`,
}))

function TalkCard({ t }: { t: TalkView }) {
  return (
    <View className="card talk-card" data-talk-id={t.id}>
      <View className="ls-head">
        <Text className="ls-title">{t.topic}</Text>
        <Text className="muted">{formatDateTime(t.at)}</Text>
      </View>
      <Text className="muted">
        谈话人 {t.secretary.name} · 谈话对象 {t.participants.map((p) => p.name).join('、')}
      </Text>
      <Text className="ls-text talk-summary">{t.summary}</Text>
    </View>
  )
}

/** The committee's yearly minimum, set from the same screen the secretaries read it on. */
function RuleEditor({ current, onClose }: { current: number; onClose(): void }) {
  const [perYear, setPerYear] = useState(String(current))
  const [error, setError] = useState<string | null>(null)
  const save = useMutation('meeting.setTalkRule', { invalidates: ['meeting.talks', 'meeting.compliance'] })
  const submit = async () => {
    const n = Number(perYear)
    if (!/^\d{1,3}$/.test(perYear.trim()) || n < 1 || n > 100) return setError('每年最低次数请填写 1–100 的整数')
    try {
      await save.run({ perYear: n })
      Taro.showToast({ title: '已设置', icon: 'success' })
      onClose()
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <FormCard
      id="talk-rule"
      title="支部书记每年谈心谈话最低次数"
      error={error}
      submitLabel="保存"
      pending={save.pending}
      onSubmit={submit}
      onCancel={onClose}
    >
      <View className="form-row">
        <Text className="form-label">每年至少</Text>
        <Input
          id="talk-rule-input"
          className="form-input"
          type="number"
          value={perYear}
          maxlength={3}
          onInput={(e) => {
            setPerYear(e.detail.value)
            setError(null)
          }}
        />
        <Text className="form-unit">次</Text>
      </View>
    </FormCard>
  )
}

/**
 * 谈心谈话: the secretary records each talk (with whom, when, topic and summary) and sees how many she has held this
 * year against the committee's rule; the committee reads every branch's talks and sets the rule.
 */
export default function TalksPage() {
  const me = useSessionStore((s) => s.me?.member)
  const loadMe = useSessionStore((s) => s.load)
  useDidShow(() => {
    if (!me) void loadMe()
  })
  const [year, setYear] = useState(String(thisYear))
  const [panel, setPanel] = useState<'none' | 'talk' | 'rule'>('none')
  const talks = usePagedProcedure('meeting.talks', { year: Number(year) }, { enabled: !!me })
  const d = talks.data
  const isOrg = me?.role === 'org_admin'

  const standing = d && talkProgress(d.held, d.required)
  const header = (
    <View>
      <View className="card talk-standing" id="talk-standing">
        <Chips value={year} options={YEARS} onChange={(y) => setYear(y)} />
        {d && standing ? (
          <>
            <View className="ls-head talk-count-row">
              <Text className="talk-count">
                {Number(year) === thisYear ? '今年' : `${year} 年`}我已谈话{' '}
                <Text className="talk-count-num">{d.held}</Text> 次
              </Text>
              <StatusTag tone={standing.met ? 'success' : 'warning'} id="talk-state">
                {standing.text}
              </StatusTag>
            </View>
            <View className="ls-bar" aria-hidden="true">
              <View
                className="ls-bar-fill"
                style={{ width: `${Math.min(100, (d.held / Math.max(1, d.required)) * 100)}%` }}
              />
            </View>
            <Text className="muted">机关党委要求：支部书记每年至少谈心谈话 {d.required} 次</Text>
          </>
        ) : (
          <Text className="muted">正在统计…</Text>
        )}
      </View>
      {panel === 'talk' && me ? (
        <TalkEditor
          branchId={me.branchId}
          myId={me.id}
          onCancel={() => setPanel('none')}
          onDone={() => {
            setPanel('none')
            if (year !== String(thisYear)) setYear(String(thisYear))
          }}
        />
      ) : panel === 'rule' && d ? (
        <RuleEditor current={d.required} onClose={() => setPanel('none')} />
      ) : (
        <View className="ls-actions">
          <KitButton id="talk-new" onClick={() => setPanel('talk')}>
            登记谈心谈话
          </KitButton>
          {isOrg && d && (
            <KitButton id="talk-rule-open" kind="outline" onClick={() => setPanel('rule')}>
              设置次数要求
            </KitButton>
          )}
        </View>
      )}
      <View className="section-title">{isOrg ? '各支部谈心谈话记录' : '本支部谈心谈话记录'}</View>
    </View>
  )

  return (
    <ListScreen
      pageClassName="talks"
      query={talks}
      header={header}
      unit="次谈话"
      renderItem={(t) => <TalkCard t={t} />}
      empty={{
        icon: '谈',
        title: `${year} 年还没有谈心谈话记录`,
        description: '谈话后点“登记谈心谈话”记下谈话对象、时间和内容摘要',
      }}
    />
  )
}
