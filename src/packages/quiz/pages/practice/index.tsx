import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useUnload } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { choiceText, toggleChoice, typeLabel } from '@/components/quiz-format'
import { messageOf } from '@/remote/messages'
import { ROUTES } from '@/routes'
import { selectPracticeDoneCount, useQuizPracticeStore } from '@/stores/quiz-practice.store'
import { QuestionOptions } from '../../components/question-options'
import './index.scss'

export default function PracticePage() {
  const date = useQuizPracticeStore((s) => s.date)
  const questions = useQuizPracticeStore((s) => s.questions)
  const done = useQuizPracticeStore((s) => s.done)
  const feedback = useQuizPracticeStore((s) => s.feedback)
  const current = useQuizPracticeStore((s) => s.current)
  const loaded = useQuizPracticeStore((s) => s.loaded)
  const error = useQuizPracticeStore((s) => s.error)
  const checking = useQuizPracticeStore((s) => s.checking)
  const doneCount = useQuizPracticeStore(selectPracticeDoneCount)
  const load = useQuizPracticeStore((s) => s.load)
  const go = useQuizPracticeStore((s) => s.go)
  const answer = useQuizPracticeStore((s) => s.answer)
  const reset = useQuizPracticeStore((s) => s.reset)
  /** Choices not yet checked, per question. */
  const [picks, setPicks] = useState<Record<string, number[]>>({})

  useDidShow(() => {
    load()
  })
  useUnload(() => reset())
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })

  if (error && !loaded) {
    return (
      <View className="page">
        <ErrorState message={error.message} onRetry={load} />
      </View>
    )
  }
  if (!loaded) {
    return (
      <View className="page">
        <LoadingSkeleton cards={2} rows={4} />
      </View>
    )
  }
  if (!questions.length) {
    return (
      <View className="page">
        <EmptyState
          icon="练"
          title="今天没有练习题"
          description="法规测试开放期间暂停每日一练（以免提前看到答案），测试结束后恢复；题库为空时，机关党委导入题库后即可练习"
        />
      </View>
    )
  }

  const q = questions[current]
  const fb = feedback[q.id]
  const earlier = done[q.id]
  const chosen = fb ? (earlier?.choice ?? picks[q.id]) : earlier ? earlier.choice : picks[q.id]
  const check = async () => {
    const choice = picks[q.id]
    if (!choice?.length) {
      Taro.showToast({ title: '请先选择答案', icon: 'none' })
      return
    }
    try {
      await answer(q.id, choice)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  return (
    <View className="page practice">
      <View className="practice-head">
        <Text className="practice-date">{date} 每日一练</Text>
        <Text className="muted" id="practice-progress">
          已完成 {doneCount}/{questions.length}
        </Text>
      </View>
      <View className="practice-dots">
        {questions.map((item, i) => (
          <View
            key={item.id}
            className={`practice-dot ${done[item.id] ? (done[item.id].correct ? 'practice-dot-right' : 'practice-dot-wrong') : ''} ${i === current ? 'practice-dot-current' : ''}`}
            onClick={() => go(i)}
          >
            {i + 1}
          </View>
        ))}
      </View>

      <View className="card practice-question" data-question-id={q.id}>
        <View>
          <Text className="q-type">{typeLabel(q.type)}</Text>
          <Text className="muted">
            第 {current + 1} / {questions.length} 题{q.type === 'multi' ? '（可多选）' : ''}
          </Text>
        </View>
        <Text className="q-stem">{q.stem}</Text>
        <QuestionOptions
          question={q}
          chosen={chosen}
          answer={fb?.answer}
          onToggle={
            earlier || fb ? undefined : (i) => setPicks({ ...picks, [q.id]: toggleChoice(q.type, picks[q.id], i) })
          }
        />
        {fb ? (
          <View className="practice-feedback" id="practice-feedback">
            <Text className={`q-verdict ${fb.correct ? 'q-verdict-right' : 'q-verdict-wrong'}`}>
              {fb.correct ? '✓ 回答正确' : `✗ 回答错误，正确答案：${choiceText(q.type, q.options, fb.answer)}`}
            </Text>
            {fb.explanation && (
              <View className="q-explain">
                <Text className="q-explain-title">解析</Text>
                {fb.explanation}
              </View>
            )}
            {!fb.correct && <Text className="muted practice-wrong-note">已加入错题本</Text>}
          </View>
        ) : earlier ? (
          <View className="practice-feedback">
            <Text className={`q-verdict ${earlier.correct ? 'q-verdict-right' : 'q-verdict-wrong'}`}>
              今天已作答：{earlier.correct ? '回答正确' : '回答错误'}
            </Text>
            {!earlier.correct && (
              <Text
                className="muted practice-wrong-note"
                onClick={() => Taro.navigateTo({ url: ROUTES.quizWrongBook })}
              >
                正确答案和解析可在错题本中查看 ›
              </Text>
            )}
          </View>
        ) : (
          <Button id="practice-check" type="primary" block loading={checking === q.id} onClick={check}>
            确认答案
          </Button>
        )}
      </View>

      <View className="q-nav">
        <Button fill="outline" disabled={current === 0} onClick={() => go(current - 1)}>
          上一题
        </Button>
        <Button
          id="practice-next"
          type={fb || earlier ? 'primary' : 'default'}
          fill={fb || earlier ? 'solid' : 'outline'}
          disabled={current >= questions.length - 1}
          onClick={() => go(current + 1)}
        >
          下一题
        </Button>
      </View>
      {doneCount === questions.length && (
        <View className="card practice-done" id="practice-done">
          今天的练习已全部完成，明天会有新的题目
        </View>
      )}
    </View>
  )
}
