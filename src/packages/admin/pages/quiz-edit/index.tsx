import { Input, Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/nut'
import { typeLabel } from '@/components/quiz-format'
import { QUESTION_TYPES, type QuestionType } from '@/domain/question.types'
import type { QuizView } from '@/contract'
import { messageOf, useMutation, useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import {
  editorGate,
  reopenEditor,
  useEditConflict,
  useEditorOpening,
  useFormFrom,
} from '../../components/editor-opening'
import { useOrgTree } from '../../components/use-org-tree'
import {
  blankQuizForm,
  fixedMaxScore,
  MODE_LABELS,
  passMarkWarning,
  quizFormOf,
  randomMaxScore,
  REVEAL_LABELS,
  SCORE_RULE_LABELS,
  validateQuizForm,
  type QuizForm,
} from '../../components/quiz-form'
import { TimeField } from '../../components/time-field'
import { useBankList, useQuizCategories, type BankFilter } from '../../components/use-bank'
import './index.scss'

const SHORT: Record<QuestionType, string> = { single: '单选', multi: '多选', judge: '判断' }

function Chips<T extends string>({
  value,
  options,
  onChange,
  idPrefix,
}: {
  value: T
  options: Record<T, string>
  onChange(v: T): void
  idPrefix: string
}) {
  return (
    <View className="chips">
      {(Object.keys(options) as T[]).map((k) => (
        <View
          key={k}
          id={`${idPrefix}-${k}`}
          className={`chip ${value === k ? 'chip-active' : ''}`}
          onClick={() => onChange(k)}
        >
          {options[k]}
        </View>
      ))}
    </View>
  )
}

function NumberRow({
  id,
  label,
  value,
  onChange,
  unit,
  placeholder,
  locked,
}: {
  id: string
  label: string
  value: string
  onChange(v: string): void
  unit?: string
  placeholder?: string
  /** A published test's paper rule: shown, marked 已锁定, not editable. */
  locked?: boolean
}) {
  return (
    <View className={`form-row ${locked ? 'quiz-locked-row' : ''}`}>
      <Text className="form-label">
        {label}
        {locked && <Text className="quiz-locked-tag">已锁定</Text>}
      </Text>
      <Input
        id={id}
        className="form-input"
        type="number"
        disabled={locked}
        value={value}
        maxlength={4}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
      />
      {unit && <Text className="form-unit">{unit}</Text>}
    </View>
  )
}

/** 固定试卷: tick questions from the bank, page by page, with a keyword search and a type filter. */
function QuestionPicker({
  initial,
  onDone,
  onCancel,
}: {
  initial: string[]
  onDone(ids: string[], types: Record<string, QuestionType>): void
  onCancel(): void
}) {
  // Its own filter: picking questions for a test does not disturb 题库管理's (the answers are shared when equal).
  const [filter, setFilterState] = useState<BankFilter>({})
  const setFilter = (patch: Partial<BankFilter>) => setFilterState((f) => ({ ...f, ...patch }))
  const list = useBankList(filter)
  const { items, total, loadingMore, hasMore, error } = list
  const loadMore = () => void list.loadMore()
  const [picked, setPicked] = useState<string[]>(initial)
  const [types, setTypes] = useState<Record<string, QuestionType>>({})
  const [keyword, setKeyword] = useState(filter.keyword ?? '')

  const on = new Set(picked)
  const toggle = (id: string, t: QuestionType) => {
    setTypes({ ...types, [id]: t })
    setPicked(on.has(id) ? picked.filter((x) => x !== id) : [...picked, id])
  }
  return (
    <View className="page quiz-picker">
      <View className="card picker-search">
        <View className="picker-search-row">
          <Input
            className="picker-keyword"
            value={keyword}
            placeholder="搜索题干关键字"
            confirmType="search"
            onInput={(e) => setKeyword(e.detail.value)}
            onConfirm={() => setFilter({ keyword })}
          />
          <Text className="picker-search-btn" onClick={() => setFilter({ keyword })}>
            搜索
          </Text>
        </View>
        <View className="chips">
          <View className={`chip ${!filter.type ? 'chip-active' : ''}`} onClick={() => setFilter({ type: undefined })}>
            全部
          </View>
          {QUESTION_TYPES.map((t) => (
            <View
              key={t}
              className={`chip ${filter.type === t ? 'chip-active' : ''}`}
              onClick={() => setFilter({ type: t })}
            >
              {typeLabel(t)}
            </View>
          ))}
        </View>
      </View>
      {error && !items.length ? (
        <ErrorState error={error} onRetry={() => void list.refetch()} />
      ) : list.loading ? (
        <LoadingSkeleton cards={2} rows={3} />
      ) : !items.length ? (
        <EmptyState icon="题" title="没有符合条件的试题" description="换个关键字，或先在“题库管理”中导入试题" />
      ) : (
        <View className="card picker-list">
          {items.map((q) => (
            <View key={q.id} className="picker-item" data-question-id={q.id} onClick={() => toggle(q.id, q.type)}>
              <View className={`tick ${on.has(q.id) ? 'tick-on' : ''}`}>{on.has(q.id) ? '✓' : ''}</View>
              <View className="picker-item-main">
                <Text className="q-type-tag">{SHORT[q.type]}</Text>
                {q.category && <Text className="cat-tag">{q.category}</Text>}
                <Text className="picker-item-stem">{q.stem}</Text>
              </View>
            </View>
          ))}
          <View className="list-footer">
            {hasMore ? (
              <Button size="small" fill="none" loading={loadingMore} onClick={loadMore}>
                加载更多
              </Button>
            ) : (
              <Text className="muted">共 {total} 题</Text>
            )}
          </View>
        </View>
      )}
      <View className="picker-bar">
        <Text className="picker-count">已选 {picked.length} 题</Text>
        <Button fill="outline" size="small" onClick={onCancel}>
          返回
        </Button>
        <Button id="picker-done" type="primary" size="small" onClick={() => onDone(picked, types)}>
          确定
        </Button>
      </View>
    </View>
  )
}

export default function QuizEditPage() {
  const opening = useEditorOpening({
    blank: blankQuizForm,
    formOf: quizFormOf,
    titles: { create: '新建测试', edit: '编辑测试' },
  })
  const { me, editId, setEditId, openedId, form, setForm, revision, setRevision } = opening
  const conflict = useEditConflict(() => reopenEditor(ROUTES.adminQuizEdit, editId))
  const { branches } = useOrgTree()
  const categories = useQuizCategories()
  const supplyCheck = useMutation('quiz.supply')
  const [formError, setFormError] = useState<string | null>(null)
  const [picking, setPicking] = useState(false)
  const [types, setTypes] = useState<Record<string, QuestionType>>({})
  const loaded = useProcedure(
    'quiz.getQuiz',
    { quizId: openedId ?? '' },
    { enabled: !!openedId, refetchOnShow: false, freshOnOpen: true },
  )
  /** What the last write answered: newer than the loaded test (the form's draft stays in `form`). */
  const [latest, setLatest] = useState<QuizView | null>(null)
  const quiz = latest ?? loaded.data?.quiz ?? null
  useFormFrom(opening, quiz, quizFormOf)
  // 法规测试, the members' test list and the live view follow a save or a publication; the form keeps the answer.
  const followers = ['quiz.adminList', 'quiz.available', 'quiz.liveView', 'member.today']
  const save = useMutation('quiz.saveQuiz', { invalidates: followers })
  const publishNow = useMutation('quiz.publishQuiz', { invalidates: followers })
  const saving = save.pending || publishNow.pending

  const gate = editorGate({
    denied:
      me?.member && me.member.role !== 'org_admin'
        ? {
            icon: '测',
            title: '只有机关党委管理员可以编辑测试',
            description: '支部管理员可在“法规测试”中查看本支部的参考情况',
          }
        : null,
    loadError: loaded.error,
    onRetry: () => void loaded.refetch(),
    ready: !!form,
  })
  if (gate || !form) return gate

  if (picking) {
    return (
      <QuestionPicker
        initial={form.fixedQuestionIds}
        onCancel={() => setPicking(false)}
        onDone={(ids, picked) => {
          setForm({ ...form, fixedQuestionIds: ids })
          setTypes({ ...types, ...picked })
          setPicking(false)
        }}
      />
    )
  }

  const published = quiz?.status === 'published'
  const patch = (p: Partial<QuizForm>) => {
    setForm({ ...form, ...p })
    setFormError(null)
  }
  const typeOf = (id: string): QuestionType | undefined => types[id]
  const maxScore = form.mode === 'random' ? randomMaxScore(form) : fixedMaxScore(form, typeOf)
  const questionCount =
    form.mode === 'random'
      ? QUESTION_TYPES.reduce((s, t) => s + (Number(form.draw[t]) || 0), 0)
      : form.fixedQuestionIds.length
  const fixedCounts = QUESTION_TYPES.map((t) => form.fixedQuestionIds.filter((id) => types[id] === t).length)
  const pickable = categories.filter((c) => c.category !== '未分类')
  const toggleCategory = (c: string) =>
    patch({
      categories: form.categories.includes(c) ? form.categories.filter((x) => x !== c) : [...form.categories, c],
    })
  const toggleBranch = (id: string) =>
    patch({ branchIds: form.branchIds.includes(id) ? form.branchIds.filter((x) => x !== id) : [...form.branchIds, id] })

  const checked = () => {
    const out = validateQuizForm(form, maxScore)
    if (!out.ok) setFormError(out.error)
    return out.ok ? { ...(editId ? { quizId: editId, revision } : {}), ...out.fields } : null
  }

  const onSave = async () => {
    const input = checked()
    if (!input) return
    try {
      const saved = (await save.run(input)).quiz
      setLatest(saved)
      setEditId(saved.id)
      setRevision(saved.revision)
      Taro.showToast({ title: published ? '已保存' : '草稿已保存', icon: 'success' })
    } catch (e) {
      if (!conflict.caught(e)) setFormError(messageOf(e))
    }
  }

  const onPublish = async () => {
    const input = checked()
    if (!input) return
    // The bank's supply, before the confirmation: a draw it cannot fill is said now, not after she agreed.
    let supplyLine = ''
    if (form.mode === 'random') {
      try {
        const have = await supplyCheck.run({ categories: form.categories })
        const short = QUESTION_TYPES.filter((t) => have[t] < (Number(form.draw[t]) || 0))
        if (short.length) {
          setFormError(
            `题库中可抽的题不够：${short.map((t) => `${SHORT[t]}题需 ${Number(form.draw[t])} 道，现有 ${have[t]} 道`).join('；')}。请减少抽题数量或增加分类。`,
          )
          return
        }
        supplyLine = `题库可抽：${QUESTION_TYPES.map((t) => `${SHORT[t]} ${have[t]} 道（每人 ${Number(form.draw[t]) || 0}）`).join('、')}。`
      } catch (e) {
        setFormError(messageOf(e))
        return
      }
    }
    const { confirm } = await Taro.showModal({
      title: '发布测试',
      content: `${supplyLine}发布后${form.audience === 'all' ? '全体党员' : `所选 ${form.branchIds.length} 个支部的党员`}可在开放时间内参加，组卷规则、分值和时长不能再修改。确定发布吗？`,
      confirmText: '发布',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    let saved: QuizView | null = null
    try {
      saved = (await save.run(input)).quiz
      setLatest(saved)
      setRevision(saved.revision)
      const done = (await publishNow.run({ quizId: saved.id })).quiz
      setLatest(done)
      Taro.showToast({ title: '测试已发布', icon: 'success' })
      Taro.redirectTo({ url: `${ROUTES.adminQuizLive}?id=${encodeURIComponent(done.id)}` })
    } catch (e) {
      // The draft was saved before the publish was refused: later saves update it rather than create another.
      if (saved) setEditId(saved.id)
      if (!conflict.caught(e)) setFormError(messageOf(e))
    }
  }

  return (
    <View className="page quiz-edit">
      {published && (
        <View className="card quiz-edit-note">
          测试已发布：组卷方式、题量、分值、时长和少选得分不能再修改，其余可以修改。
        </View>
      )}
      <View className="card form-card">
        <View className="form-row">
          <Text className="form-label">测试名称</Text>
          <Input
            id="quiz-title"
            className="form-input"
            value={form.title}
            maxlength={60}
            placeholder="如：2026 年“七一”党内法规测试"
            onInput={(e) => patch({ title: e.detail.value })}
          />
        </View>
        <TimeField
          id="quiz-open-date"
          mode="date"
          label="开始日期"
          value={form.openDate}
          onChange={(openDate) => patch({ openDate })}
        />
        <TimeField
          id="quiz-open-time"
          mode="time"
          label="开始时间"
          value={form.openTime}
          onChange={(openTime) => patch({ openTime })}
        />
        <TimeField
          id="quiz-close-date"
          mode="date"
          label="截止日期"
          value={form.closeDate}
          onChange={(closeDate) => patch({ closeDate })}
        />
        <TimeField
          id="quiz-close-time"
          mode="time"
          label="截止时间"
          value={form.closeTime}
          onChange={(closeTime) => patch({ closeTime })}
        />
        <NumberRow
          id="quiz-duration"
          label="答题时长"
          value={form.durationMin}
          unit="分钟"
          locked={published}
          onChange={(durationMin) => patch({ durationMin })}
        />
      </View>

      <View className="card form-card">
        <Text className="form-block-label">
          组卷方式
          {published && <Text className="quiz-locked-tag">已锁定</Text>}
        </Text>
        <View className={published ? 'quiz-locked' : ''} id="quiz-paper-rules">
          <Chips idPrefix="mode" value={form.mode} options={MODE_LABELS} onChange={(mode) => patch({ mode })} />
          {form.mode === 'random' ? (
            <>
              <Text className="form-block-label">每人随机抽题数量</Text>
              <View className="per-type">
                {QUESTION_TYPES.map((t) => (
                  <View key={t} className="per-type-field">
                    <Input
                      id={`draw-${t}`}
                      className="form-input per-type-input"
                      type="number"
                      value={form.draw[t]}
                      maxlength={3}
                      onInput={(e) => patch({ draw: { ...form.draw, [t]: e.detail.value } })}
                    />
                    <Text className="per-type-label">{SHORT[t]}题（道）</Text>
                  </View>
                ))}
              </View>
              <Text className="form-block-label">抽题分类</Text>
              {pickable.length ? (
                <View className="chips">
                  {pickable.map((c) => (
                    <View
                      key={c.category}
                      className={`chip ${form.categories.includes(c.category) ? 'chip-active' : ''}`}
                      data-category={c.category}
                      onClick={() => toggleCategory(c.category)}
                    >
                      {c.category}（{c.count}）
                    </View>
                  ))}
                </View>
              ) : (
                <Text className="form-hint">题库中还没有分类</Text>
              )}
              <Text className="form-hint">
                {form.categories.length
                  ? `从所选 ${form.categories.length} 个分类中抽题`
                  : '不选分类则从全部题库中抽题'}
                ；发布时会检查题量是否足够
              </Text>
            </>
          ) : (
            <>
              <View className="form-row" id="fixed-pick" onClick={() => setPicking(true)}>
                <Text className="form-label">试卷题目</Text>
                <Text className="form-value">
                  {form.fixedQuestionIds.length ? `已选 ${form.fixedQuestionIds.length} 题` : '请选择'} ›
                </Text>
              </View>
              {form.fixedQuestionIds.length > 0 && maxScore !== null && (
                <Text className="form-hint">
                  {QUESTION_TYPES.map((t, i) => `${SHORT[t]} ${fixedCounts[i]} 题`).join('，')}
                </Text>
              )}
            </>
          )}
        </View>
      </View>

      <View className="card form-card">
        <Text className="form-block-label">
          每题分值
          {published && <Text className="quiz-locked-tag">已锁定</Text>}
        </Text>
        <View className={`per-type ${published ? 'quiz-locked' : ''}`}>
          {QUESTION_TYPES.map((t) => (
            <View key={t} className="per-type-field">
              <Input
                id={`points-${t}`}
                className="form-input per-type-input"
                type="number"
                value={form.points[t]}
                maxlength={3}
                onInput={(e) => patch({ points: { ...form.points, [t]: e.detail.value } })}
              />
              <Text className="per-type-label">{SHORT[t]}题（分）</Text>
            </View>
          ))}
        </View>
        <Text className="quiz-summary" id="quiz-summary">
          共 {questionCount} 题，满分 {maxScore ?? '—'} 分
        </Text>
        <NumberRow
          id="quiz-pass"
          label="及格分"
          value={form.passMark}
          unit="分"
          onChange={(passMark) => patch({ passMark })}
        />
        {passMarkWarning(form.passMark, maxScore) && (
          <Text className="quiz-summary" id="quiz-pass-warning">
            {passMarkWarning(form.passMark, maxScore)}
          </Text>
        )}
        <View className="form-row">
          <Text className="form-label">
            多选少选得分
            {published && <Text className="quiz-locked-tag">已锁定</Text>}
          </Text>
          <Switch
            id="quiz-partial"
            disabled={published}
            checked={form.partialCredit}
            color="#c8102e"
            onChange={(e) => patch({ partialCredit: e.detail.value })}
          />
        </View>
        <Text className="form-hint">开启后，多选题只选对部分选项（未错选）得一半分；关闭则全对才得分</Text>
      </View>

      <View className="card form-card">
        <NumberRow
          id="quiz-attempts"
          label="作答次数"
          value={form.attemptsAllowed}
          unit="次"
          onChange={(attemptsAllowed) => patch({ attemptsAllowed })}
        />
        <Text className="form-block-label">计分方式</Text>
        <Chips
          idPrefix="score"
          value={form.scoreRule}
          options={SCORE_RULE_LABELS}
          onChange={(scoreRule) => patch({ scoreRule })}
        />
        <Text className="form-block-label">公布答案和解析</Text>
        <Chips idPrefix="reveal" value={form.reveal} options={REVEAL_LABELS} onChange={(reveal) => patch({ reveal })} />
        <NumberRow
          id="quiz-hide-limit"
          label="切出上限"
          value={form.hideLimit}
          unit="次"
          placeholder="不限"
          onChange={(hideLimit) => patch({ hideLimit })}
        />
        <Text className="form-hint">答题中切出小程序的次数会显示给管理员；填写上限后，超过即自动交卷</Text>
      </View>

      <View className="card form-card">
        <Text className="form-block-label">参加范围</Text>
        <Chips
          idPrefix="audience"
          value={form.audience}
          options={{ all: '全体党员', branches: '指定支部' }}
          onChange={(audience) => patch({ audience })}
        />
        {form.audience === 'branches' && (
          <View className="chips audience-branches">
            {branches.map((b) => (
              <View
                key={b.id}
                className={`chip ${form.branchIds.includes(b.id) ? 'chip-active' : ''}`}
                data-branch-id={b.id}
                onClick={() => toggleBranch(b.id)}
              >
                {form.branchIds.includes(b.id) ? '✓ ' : ''}
                {b.name}
              </View>
            ))}
          </View>
        )}
      </View>

      {formError && (
        <View className="form-error" id="quiz-form-error" role="alert">
          {formError}
        </View>
      )}
      {conflict.notice}
      <View className="edit-actions">
        <Button id="quiz-save" fill="outline" loading={saving} onClick={onSave}>
          {published ? '保存修改' : '保存草稿'}
        </Button>
        {!published && (
          <Button id="quiz-publish" type="primary" loading={saving} onClick={onPublish}>
            发布
          </Button>
        )}
      </View>
    </View>
  )
}
