import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useUnload } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { choiceText, toggleChoice, typeLabel } from '@/components/quiz-format'
import { formatDate } from '@/domain/time'
import { messageOf } from '@/remote/messages'
import { selectWrongHasMore, useQuizWrongBookStore, type WrongItem } from '@/stores/quiz-wrong-book.store'
import { QuestionOptions } from '../../components/question-options'
import './index.scss'

function WrongCard({ item }: { item: WrongItem }) {
  const feedback = useQuizWrongBookStore((s) => s.feedback[item.id])
  const busy = useQuizWrongBookStore((s) => s.busy === item.id)
  const redo = useQuizWrongBookStore((s) => s.redo)
  const remove = useQuizWrongBookStore((s) => s.remove)
  const again = useQuizWrongBookStore((s) => s.again)
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
      await redo(item.id, pick)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }
  const onRemove = async () => {
    const { confirm } = await Taro.showModal({
      title: '移出错题本',
      content: '移出后这道题不再出现在错题本中（以后再答错会重新加入）。确定移出吗？',
      confirmText: '移出',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      await remove(item.id)
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
              again(item.id)
            }}
          >
            重做
          </Button>
        ) : (
          <>
            <Button className="wrong-show" size="small" fill="outline" onClick={() => setShowKey(true)}>
              查看答案
            </Button>
            <Button className="wrong-redo" size="small" type="primary" loading={busy} onClick={submit}>
              提交答案
            </Button>
          </>
        )}
      </View>
    </View>
  )
}

export default function WrongBookPage() {
  const items = useQuizWrongBookStore((s) => s.items)
  const total = useQuizWrongBookStore((s) => s.total)
  const loaded = useQuizWrongBookStore((s) => s.loaded)
  const loading = useQuizWrongBookStore((s) => s.loading)
  const loadingMore = useQuizWrongBookStore((s) => s.loadingMore)
  const error = useQuizWrongBookStore((s) => s.error)
  const hasMore = useQuizWrongBookStore(selectWrongHasMore)
  const refresh = useQuizWrongBookStore((s) => s.refresh)
  const loadMore = useQuizWrongBookStore((s) => s.loadMore)
  const reset = useQuizWrongBookStore((s) => s.reset)

  useDidShow(() => {
    refresh()
  })
  useUnload(() => reset())
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  let body
  if (error && !items.length) body = <ErrorState message={error.message} onRetry={refresh} />
  else if (!loaded && !items.length) body = <LoadingSkeleton cards={2} rows={4} />
  else if (!items.length)
    body = <EmptyState icon="错" title="错题本是空的" description="每日一练和测试中答错的题会自动收进这里" />
  else
    body = (
      <View>
        <Text className="muted wrong-total">共 {total} 道错题，选择答案后提交即可重做</Text>
        {items.map((item) => (
          <WrongCard key={item.id} item={item} />
        ))}
        <View className="list-footer">
          {error ? (
            <View className="form-error" onClick={loadMore}>
              {error.message}，点击重试
            </View>
          ) : hasMore ? (
            <Button size="small" fill="none" loading={loadingMore} onClick={loadMore}>
              加载更多
            </Button>
          ) : (
            <Text className="muted">没有更多了</Text>
          )}
        </View>
      </View>
    )

  return (
    <View className="page wrong-book">
      {loading && items.length > 0 && <Text className="muted wrong-total">正在刷新…</Text>}
      {body}
    </View>
  )
}
