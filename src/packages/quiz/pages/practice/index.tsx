import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { OutputOf } from '@/contract'
import { Button } from '@/components/nut'
import { DetailScreen, EmptyState } from '@/components/kit'
import { choiceText, toggleChoice, typeLabel } from '@/components/quiz-format'
import { messageOf, useMutation, useProcedure } from '@/remote'
import { updateProcedure } from '@/remote/patch'
import { ROUTES } from '@/routes'
import { QuestionOptions } from '../../components/question-options'
import './index.scss'

type Today = OutputOf<'quiz.practiceToday'>
/** What the cloud said about one answer: right or wrong, the key and the explanation. */
type Feedback = OutputOf<'quiz.practiceAnswer'>

/** A dot's colour: right, wrong, or answered without a verdict (held back). */
function dotClass(correct: boolean | null | undefined): string {
  if (correct === undefined) return ''
  return correct === null ? 'practice-dot-held' : correct ? 'practice-dot-right' : 'practice-dot-wrong'
}

/** 每日一练: today's few questions, each checked at once. */
export default function PracticePage() {
  const query = useProcedure('quiz.practiceToday', {})
  return (
    <DetailScreen query={query} pageClassName="practice" skeleton={{ cards: 2, rows: 4 }}>
      {(today) =>
        today.questions.length ? (
          <PracticeBody today={today} />
        ) : (
          <EmptyState
            icon="练"
            title="今天没有练习题"
            description="题库中还没有可练习的题目，机关党委导入题库后即可练习"
          />
        )
      }
    </DetailScreen>
  )
}

function PracticeBody({ today }: { today: Today }) {
  const { date, questions, answered: done } = today
  const firstOpen = () =>
    Math.max(
      0,
      questions.findIndex((x) => !done[x.id]),
    )
  // A new day (or a first visit) starts at the first open question; a refresh keeps the place.
  const [current, setCurrent] = useState(firstOpen)
  useEffect(() => setCurrent(firstOpen()), [date]) // eslint-disable-line react-hooks/exhaustive-deps
  /** Answers given on this screen, with the key. */
  const [feedback, setFeedback] = useState<Record<string, Feedback>>({})
  /** Choices not yet checked, per question. */
  const [picks, setPicks] = useState<Record<string, number[]>>({})
  const [checking, setChecking] = useState<string | null>(null)
  const practiceAnswer = useMutation('quiz.practiceAnswer', {
    invalidates: ['quiz.wrongBook'],
    // The first answer of the day counts: today's answer takes it, so a refresh shows it as done.
    onSuccess: (fb, input) =>
      updateProcedure('quiz.practiceToday', {}, (old) =>
        old && !old.answered[input.questionId]
          ? { ...old, answered: { ...old.answered, [input.questionId]: { choice: input.choice, correct: fb.correct } } }
          : old,
      ),
  })
  const doneCount = questions.filter((x) => done[x.id]).length
  const go = (i: number) => i >= 0 && i < questions.length && setCurrent(i)

  const q = questions[Math.min(current, questions.length - 1)]
  const fb = feedback[q.id]
  const earlier = done[q.id]
  // A question a test still open to her may draw: answered without a verdict or key (issue 9's no-leak rule).
  const isHeld = today.held.includes(q.id)
  const chosen = fb ? (earlier?.choice ?? picks[q.id]) : earlier ? earlier.choice : picks[q.id]
  const check = async () => {
    const choice = picks[q.id]
    if (!choice?.length) {
      Taro.showToast({ title: '请先选择答案', icon: 'none' })
      return
    }
    setChecking(q.id)
    try {
      const fb = await practiceAnswer.run({ questionId: q.id, choice, source: 'daily' })
      setFeedback((f) => ({ ...f, [q.id]: fb }))
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    } finally {
      setChecking(null)
    }
  }

  return (
    <>
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
            className={`practice-dot ${dotClass(done[item.id]?.correct)} ${i === current ? 'practice-dot-current' : ''}`}
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
        {isHeld && (
          <Text className="muted practice-held-note" id="practice-held-note">
            本题可能出现在您尚可参加的测试中：作答后不显示对错和答案，测试截止后可正常练习
          </Text>
        )}
        <QuestionOptions
          question={q}
          chosen={chosen}
          answer={fb && !fb.held ? fb.answer : undefined}
          onToggle={
            earlier || fb ? undefined : (i) => setPicks({ ...picks, [q.id]: toggleChoice(q.type, picks[q.id], i) })
          }
        />
        {fb?.held || earlier?.correct === null ? (
          <View className="practice-feedback" id="practice-feedback">
            <Text className="q-verdict">已作答，答案已记录（不显示对错）</Text>
          </View>
        ) : fb ? (
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
    </>
  )
}
