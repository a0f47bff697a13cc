import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { OutputOf } from '@/contract'
import { Button } from '@/components/nut'
import { ListScreen, useConfirm } from '@/components/kit'
import { choiceText, toggleChoice, typeLabel } from '@/components/quiz-format'
import { formatDate } from '@/domain/time'
import { messageOf, useMutation, usePagedProcedure } from '@/remote'
import { updatePagedItems } from '@/remote/patch'
import { QuestionOptions } from '../../components/question-options'
import './index.scss'

type WrongItem = OutputOf<'quiz.wrongBook'>['items'][number]
type Feedback = OutputOf<'quiz.practiceAnswer'> & { choice: number[] }

function WrongCard({ item }: { item: WrongItem }) {
  // A redo's verdict belongs to the row it was given on.
  const [feedback, setFeedback] = useState<Feedback | null>(null)
  const redo = useMutation('quiz.practiceAnswer', {
    // A wrong redo counts again on the row (the cloud counted it too).
    onSuccess: (fb, input) => {
      if (!fb.correct)
        updatePagedItems('quiz.wrongBook', {}, (items) =>
          items.map((q) => (q.id === input.questionId ? { ...q, wrongCount: q.wrongCount + 1 } : q)),
        )
    },
  })
  const remove = useMutation('quiz.removeWrong', {
    onSuccess: (_out, input) =>
      updatePagedItems('quiz.wrongBook', {}, (items) => items.filter((q) => q.id !== input.questionId)),
  })
  const busy = redo.pending || remove.pending
  const confirm = useConfirm()
  const [pick, setPick] = useState<number[]>([])
  const [showKey, setShowKey] = useState(false)
  // After a redo the key is shown with the verdict; before it, only on request (so the redo still means something).
  const revealed = !!feedback || showKey

  const submit = async () => {
    if (!pick.length) {
      Taro.showToast({ title: '请先选择答案', icon: 'none' })
      return
    }
    try {
      const fb = await redo.run({ questionId: item.id, choice: pick, source: 'wrong_book' })
      setFeedback({ ...fb, choice: pick })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }
  const onRemove = async () => {
    const go = await confirm({
      title: '移出错题本',
      content: '移出后这道题不再出现在错题本中（以后再答错会重新加入）。确定移出吗？',
      confirmText: '移出',
      danger: true,
    })
    if (!go) return
    try {
      await remove.run({ questionId: item.id })
      Taro.showToast({ title: '已移出', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  return (
    <View className="card wrong-item" data-question-id={item.id}>
      <View className="wrong-head">
        <Text className="q-type">{typeLabel(item.type)}</Text>
        <Text className="wrong-count">错 {item.wrongCount} 次</Text>
        <Text className="muted wrong-date">最近 {formatDate(item.lastWrongAt)}</Text>
      </View>
      <Text className="q-stem wrong-stem">{item.stem}</Text>
      <QuestionOptions
        question={item}
        chosen={feedback ? feedback.choice : pick}
        answer={revealed ? item.answer : undefined}
        onToggle={revealed ? undefined : (i) => setPick(toggleChoice(item.type, pick, i))}
      />
      {feedback && (
        <Text className={`q-verdict ${feedback.correct ? 'q-verdict-right' : 'q-verdict-wrong'}`}>
          {feedback.correct ? '✓ 回答正确，可以移出错题本了' : '✗ 还是答错了，再看看解析'}
        </Text>
      )}
      {revealed && (
        <View className="q-explain wrong-explain">
          <Text className="q-explain-title">正确答案</Text>
          <Text className="wrong-key">{choiceText(item.type, item.options, item.answer)}</Text>
          {item.explanation && (
            <View className="wrong-explanation">
              <Text className="q-explain-title">解析</Text>
              {item.explanation}
            </View>
          )}
        </View>
      )}
      <View className="wrong-actions">
        <Button className="wrong-remove" size="small" fill="none" disabled={busy} onClick={onRemove}>
          移除
        </Button>
        {revealed ? (
          <Button
            className="wrong-again"
            size="small"
            fill="outline"
            onClick={() => {
              setShowKey(false)
              setPick([])
              setFeedback(null)
            }}
          >
            重做
          </Button>
        ) : (
          <>
            <Button className="wrong-show" size="small" fill="outline" onClick={() => setShowKey(true)}>
              查看答案
            </Button>
            <Button className="wrong-redo" size="small" type="primary" loading={redo.pending} onClick={submit}>
              提交答案
            </Button>
          </>
        )}
      </View>
    </View>
  )
}

/** 错题本: the member's wrong questions, most recent first, 20 at a time; redo and remove. */
export default function WrongBookPage() {
  const list = usePagedProcedure('quiz.wrongBook', {})
  return (
    <ListScreen
      pageClassName="wrong-book"
      query={list}
      unit="道错题"
      skeleton={{ cards: 2, rows: 4 }}
      header={
        list.items.length > 0 && (
          <Text className="muted wrong-total">共 {list.total} 道错题，选择答案后提交即可重做</Text>
        )
      }
      renderItem={(item) => <WrongCard item={item} />}
      empty={{ icon: '错', title: '错题本是空的', description: '每日一练和测试中答错的题会自动收进这里' }}
    />
  )
}
