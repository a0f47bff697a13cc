import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { InputOf, QuestionView } from '@/contract'
import { Button } from '@/components/nut'
import { EmptyState, LoadingSkeleton } from '@/components/page-state'
import { typeLabel } from '@/components/quiz-format'
import {
  JUDGE_OPTIONS,
  OPTION_LETTERS,
  QUESTION_CATEGORIES,
  QUESTION_TYPES,
  type QuestionType,
} from '@/domain/question.types'
import { invalidate, messageOf, useMutation } from '@/remote'
import { ROUTES } from '@/routes'
import { findPagedItem } from '@/remote/patch'
import { useEditConflict } from '../../components/editor-opening'
import { BANK_CHANGED, useQuizCategories } from '../../components/use-bank'
import './index.scss'

type QuestionSaveInput = InputOf<'quiz.saveQuestion'>

interface QuestionForm {
  type: QuestionType
  stem: string
  options: string[]
  answer: number[]
  explanation: string
  category: string
}

const blank = (): QuestionForm => ({
  type: 'single',
  stem: '',
  options: ['', '', '', ''],
  answer: [],
  explanation: '',
  category: '',
})

const formOf = (q: QuestionView): QuestionForm => ({
  type: q.type,
  stem: q.stem,
  options: q.type === 'judge' ? [...JUDGE_OPTIONS] : q.options,
  answer: q.answer,
  explanation: q.explanation ?? '',
  category: q.category ?? '',
})

/** Checks the question the way the cloud will; returns what to send or the first problem, in Chinese. */
function validateQuestion(
  f: QuestionForm,
): { ok: true; input: Omit<QuestionSaveInput, 'id'> } | { ok: false; error: string } {
  const stem = f.stem.trim()
  if (stem.length < 2 || stem.length > 500) return { ok: false, error: '请填写题干（2–500 字）' }
  const options = f.type === 'judge' ? [...JUDGE_OPTIONS] : f.options.map((o) => o.trim())
  if (options.length < 2) return { ok: false, error: '至少需要两个选项' }
  const empty = options.findIndex((o) => !o)
  if (empty >= 0) return { ok: false, error: `选项${OPTION_LETTERS[empty]}不能为空` }
  const long = options.findIndex((o) => o.length > 200)
  if (long >= 0) return { ok: false, error: `选项${OPTION_LETTERS[long]}不能超过 200 字` }
  if (!f.answer.length) return { ok: false, error: '请选择正确答案' }
  if (f.type !== 'multi' && f.answer.length > 1) return { ok: false, error: `${typeLabel(f.type)}只能有一个正确答案` }
  if (f.answer.some((a) => a >= options.length)) return { ok: false, error: '正确答案对应的选项不存在' }
  const explanation = f.explanation.trim()
  if (explanation.length > 1000) return { ok: false, error: '解析不能超过 1000 字' }
  const category = f.category.trim()
  if (category.length > 20) return { ok: false, error: '分类不能超过 20 字' }
  return {
    ok: true,
    input: {
      type: f.type,
      stem,
      options,
      answer: [...f.answer].sort((a, b) => a - b),
      ...(explanation ? { explanation } : {}),
      ...(category ? { category } : {}),
    },
  }
}

export default function QuestionEditPage() {
  /** The question being edited: the row the bank list showed (from the remote cache), then each write's answer. */
  const [question, setQuestion] = useState<QuestionView | null>(null)
  // The bank list, the category counts and what a random draw can supply follow a save or a retire.
  const save = useMutation('quiz.saveQuestion', { invalidates: BANK_CHANGED })
  const retire = useMutation('quiz.retireQuestion', { invalidates: BANK_CHANGED })
  const saving = save.pending || retire.pending
  const categories = useQuizCategories()
  const [editId, setEditId] = useState<string | null | undefined>(undefined)
  const [form, setForm] = useState<QuestionForm | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  // The question opens from the bank list's row (there is no single-question read): 重新打开 goes back to the list,
  // read afresh, to open the question as now stored.
  const conflict = useEditConflict(() => {
    invalidate(['quiz.questions'])
    void Taro.navigateBack()
  })

  useLoad((params?: Record<string, string>) => {
    const id = params?.id ? decodeURIComponent(params.id) : null
    setEditId(id)
    // The cloud has no single-question read: the list the question was tapped on holds it.
    const handed = id ? findPagedItem('quiz.questions', id) : undefined
    setQuestion(handed ?? null)
    if (!id) setForm(blank())
    else if (handed) setForm(formOf(handed))
  })
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: editId ? '编辑试题' : '新增试题' }).catch(() => {})
  }, [editId])

  if (editId === undefined) return <LoadingSkeleton cards={2} rows={4} />
  if (editId && !form) {
    // The bank list hands the question over; opened by a bare link (e.g. an H5 reload) there is nothing to edit.
    return (
      <View className="page">
        <EmptyState icon="题" title="没有找到要编辑的试题" description="请从题库列表点选试题后再编辑">
          <Button type="primary" size="small" onClick={() => Taro.redirectTo({ url: ROUTES.adminBank })}>
            返回题库
          </Button>
        </EmptyState>
      </View>
    )
  }
  if (!form) return null

  const patch = (p: Partial<QuestionForm>) => {
    setForm({ ...form, ...p })
    setFormError(null)
  }
  const setType = (type: QuestionType) => {
    if (type === form.type) return
    if (type === 'judge')
      patch({ type, options: [...JUDGE_OPTIONS], answer: form.answer.filter((a) => a < 2).slice(0, 1) })
    else {
      const options = form.type === 'judge' ? ['', '', '', ''] : form.options
      patch({
        type,
        options,
        answer: form.type === 'judge' ? [] : type === 'single' ? form.answer.slice(0, 1) : form.answer,
      })
    }
  }
  const setOption = (i: number, text: string) => patch({ options: form.options.map((o, j) => (j === i ? text : o)) })
  const removeOption = (i: number) =>
    patch({
      options: form.options.filter((_, j) => j !== i),
      answer: form.answer.filter((a) => a !== i).map((a) => (a > i ? a - 1 : a)),
    })
  const toggleAnswer = (i: number) => {
    if (form.type !== 'multi') return patch({ answer: [i] })
    patch({
      answer: form.answer.includes(i) ? form.answer.filter((a) => a !== i) : [...form.answer, i].sort((a, b) => a - b),
    })
  }

  const onSave = async () => {
    const checked = validateQuestion(form)
    if (!checked.ok) {
      setFormError(checked.error)
      return
    }
    try {
      // Editing: the revision of the row the form opened, so another admin's edit meanwhile is not overwritten.
      await save.run({ ...(editId ? { id: editId, revision: question?.revision } : {}), ...checked.input })
      Taro.showToast({ title: '已保存', icon: 'success' })
      Taro.navigateBack()
    } catch (e) {
      if (!conflict.caught(e)) setFormError(messageOf(e))
    }
  }

  const retired = question?.status === 'retired'
  const onRetire = async () => {
    const { confirm } = await Taro.showModal({
      title: retired ? '恢复试题' : '停用试题',
      content: retired
        ? '恢复后这道题可以再被抽到。确定恢复吗？'
        : '停用后这道题不再被新的测试和每日一练抽到，已交卷的成绩不受影响。确定停用吗？',
      confirmText: retired ? '恢复' : '停用',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      if (!question) return
      setQuestion((await retire.run({ id: question.id, retired: !retired })).question)
      Taro.showToast({ title: retired ? '已恢复' : '已停用', icon: 'success' })
      Taro.navigateBack()
    } catch (e) {
      setFormError(messageOf(e))
    }
  }

  const suggestions = [
    ...new Set([...QUESTION_CATEGORIES, ...categories.map((c) => c.category).filter((c) => c !== '未分类')]),
  ]

  return (
    <View className="page question-edit">
      {retired && <View className="card question-retired">这道题已停用，不会被抽到</View>}
      <View className="card form-card">
        <Text className="form-block-label">题型</Text>
        <View className="chips">
          {QUESTION_TYPES.map((t) => (
            <View
              key={t}
              id={`qtype-${t}`}
              className={`chip ${form.type === t ? 'chip-active' : ''}`}
              onClick={() => setType(t)}
            >
              {typeLabel(t)}
            </View>
          ))}
        </View>
        <Text className="form-block-label">题干</Text>
        <Textarea
          id="question-stem"
          className="form-textarea"
          value={form.stem}
          maxlength={500}
          placeholder="如：党的最高领导机关是（ ）"
          onInput={(e) => patch({ stem: e.detail.value })}
        />
      </View>

      <View className="card form-card">
        <Text className="form-block-label">选项{form.type === 'judge' ? '（判断题固定为 正确 / 错误）' : ''}</Text>
        {form.type === 'judge' ? (
          JUDGE_OPTIONS.map((o) => (
            <View key={o} className="option-row">
              <Text className="option-letter">{o}</Text>
            </View>
          ))
        ) : (
          <>
            {form.options.map((o, i) => (
              <View key={i} className="option-row">
                <Text className="option-letter">{OPTION_LETTERS[i]}</Text>
                <Input
                  id={`option-${i}`}
                  className="option-input"
                  value={o}
                  maxlength={200}
                  placeholder={`选项${OPTION_LETTERS[i]}`}
                  onInput={(e) => setOption(i, e.detail.value)}
                />
                {form.options.length > 2 && (
                  <Text className="option-remove" onClick={() => removeOption(i)}>
                    删除
                  </Text>
                )}
              </View>
            ))}
            {form.options.length < 6 && (
              <Text className="option-add" id="option-add" onClick={() => patch({ options: [...form.options, ''] })}>
                ＋ 添加选项
              </Text>
            )}
          </>
        )}
        <Text className="form-block-label">正确答案{form.type === 'multi' ? '（可多选）' : ''}</Text>
        <View className="chips">
          {(form.type === 'judge' ? [...JUDGE_OPTIONS] : form.options).map((_, i) => (
            <View
              key={i}
              className={`chip answer-chip ${form.answer.includes(i) ? 'chip-active' : ''}`}
              data-answer={i}
              onClick={() => toggleAnswer(i)}
            >
              {form.type === 'judge' ? JUDGE_OPTIONS[i] : OPTION_LETTERS[i]}
            </View>
          ))}
        </View>
      </View>

      <View className="card form-card">
        <Text className="form-block-label">解析（选填）</Text>
        <Textarea
          id="question-explanation"
          className="form-textarea"
          value={form.explanation}
          maxlength={1000}
          placeholder="答案依据，如：《中国共产党章程》第十条"
          onInput={(e) => patch({ explanation: e.detail.value })}
        />
        <View className="form-row">
          <Text className="form-label">分类</Text>
          <Input
            id="question-category"
            className="form-input"
            value={form.category}
            maxlength={20}
            placeholder="选填，如：党章"
            onInput={(e) => patch({ category: e.detail.value })}
          />
        </View>
        <View className="chips category-suggestions">
          {suggestions.map((c) => (
            <View
              key={c}
              className={`chip ${form.category === c ? 'chip-active' : ''}`}
              onClick={() => patch({ category: c })}
            >
              {c}
            </View>
          ))}
        </View>
      </View>

      {formError && (
        <View className="form-error" id="question-form-error" role="alert">
          {formError}
        </View>
      )}
      {conflict.notice}
      <View className="edit-actions">
        {editId && question && (
          <Button id="question-retire" fill="outline" disabled={saving} onClick={onRetire}>
            {retired ? '恢复' : '停用'}
          </Button>
        )}
        <Button id="question-save" type="primary" loading={saving} onClick={onSave}>
          保存
        </Button>
      </View>
    </View>
  )
}
