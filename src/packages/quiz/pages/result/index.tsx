import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { AttemptResult, ResultItem } from '@/contract'
import { Button } from '@/components/nut'
import { DetailScreen, ErrorState, LoadingSkeleton } from '@/components/kit'
import { usePageParams } from '@/components/kit/use-page-params'
import { choiceText, typeLabel } from '@/components/quiz-format'
import { formatDateTime } from '@/domain/time'
import { useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { QuestionOptions } from '../../components/question-options'
import './index.scss'

const SUBMIT_NOTES: Record<AttemptResult['submitKind'], string | null> = {
  member: null,
  deadline: '作答时间已到，系统已按截止前保存的答案自动交卷',
  hide_limit: '切出小程序的次数超过上限，系统已自动交卷',
}

function verdictOf(item: ResultItem): { key: string; label: string } {
  if (item.correct) return { key: 'right', label: '答对' }
  if (item.partial) return { key: 'partial', label: '部分正确' }
  if (!item.chosen.length) return { key: 'empty', label: '未作答' }
  return { key: 'wrong', label: '答错' }
}

function ReviewItem({ item, index, shown }: { item: ResultItem; index: number; shown: boolean }) {
  const verdict = verdictOf(item)
  return (
    <View className={`card review-item review-item-${verdict.key}`} data-question-id={item.id}>
      <View className="review-head">
        <Text className="q-type">{typeLabel(item.type)}</Text>
        <Text className="muted">第 {index + 1} 题</Text>
        <Text className={`review-verdict review-verdict-${verdict.key}`}>
          {verdict.label} · {item.points}/{item.max} 分
        </Text>
      </View>
      <Text className="q-stem review-stem">{item.stem}</Text>
      <QuestionOptions question={item} chosen={item.chosen} answer={shown ? item.answer : undefined} />
      <Text className="review-line">
        你的答案：<Text className="review-mine">{choiceText(item.type, item.options, item.chosen)}</Text>
        {shown && item.answer && (
          <>
            {'　'}正确答案：<Text className="review-key">{choiceText(item.type, item.options, item.answer)}</Text>
          </>
        )}
      </Text>
      {shown && item.explanation && (
        <View className="q-explain">
          <Text className="q-explain-title">解析</Text>
          {item.explanation}
        </View>
      )}
    </View>
  )
}

/** 成绩: one submitted attempt, with answers and explanations when the test shows them. */
export default function ResultPage() {
  const params = usePageParams()
  const attemptId = params?.attemptId ?? ''
  const query = useProcedure('quiz.attempt', { attemptId }, { enabled: !!attemptId })
  // An attempt still under way (an old link): back to answering it.
  const inProgress = query.data && !query.data.result
  useEffect(() => {
    if (inProgress) Taro.redirectTo({ url: `${ROUTES.quizTake}?attemptId=${encodeURIComponent(attemptId)}` })
  }, [inProgress, attemptId])

  if (params && !attemptId) {
    return (
      <View className="page">
        <ErrorState error={{ message: '没有指定作答记录，请从“法规测试”进入' }} />
      </View>
    )
  }
  return (
    <DetailScreen query={query} pageClassName="result" skeleton={{ cards: 2, rows: 3 }}>
      {(out) => (out.result ? <ResultBody result={out.result} /> : <LoadingSkeleton cards={2} rows={3} />)}
    </DetailScreen>
  )
}

function ResultBody({ result }: { result: AttemptResult }) {
  const [onlyWrong, setOnlyWrong] = useState(false)
  const note = SUBMIT_NOTES[result.submitKind]
  const items = onlyWrong ? result.items.filter((i) => !i.correct) : result.items
  const wrong = result.items.filter((i) => !i.correct).length

  return (
    <>
      <View className={`card result-head ${result.passed ? 'result-head-pass' : 'result-head-fail'}`} id="result-head">
        <Text className="result-title">{result.quizTitle}</Text>
        <View className="result-score-row">
          <Text className="result-score" id="result-score">
            {result.score}
          </Text>
          <Text className="result-max">/ {result.maxScore} 分</Text>
        </View>
        <Text className={`result-pass ${result.passed ? 'result-pass-yes' : 'result-pass-no'}`} id="result-pass">
          {result.passed ? '及格' : '不及格'}
        </Text>
        <Text className="result-line">
          答对 {result.correctCount}/{result.total} 题 · {result.passMark} 分及格 · 第 {result.n} 次作答
        </Text>
        <Text className="result-line">交卷时间：{formatDateTime(result.submittedAt)}</Text>
        {note && (
          <View className="result-note" id="result-submit-note">
            {note}
          </View>
        )}
      </View>

      {!result.answersShown && result.revealNote && (
        <View className="card result-reveal" id="result-reveal-note">
          {result.revealNote}
        </View>
      )}

      <View className="result-review-head">
        <Text className="section-title">答题详情</Text>
        {wrong > 0 && (
          <View className={`chip ${onlyWrong ? 'chip-active' : ''}`} onClick={() => setOnlyWrong(!onlyWrong)}>
            只看错题（{wrong}）
          </View>
        )}
      </View>
      {items.map((item) => (
        <ReviewItem key={item.id} item={item} index={result.items.indexOf(item)} shown={result.answersShown} />
      ))}

      <View className="result-actions">
        <Button fill="outline" onClick={() => Taro.redirectTo({ url: ROUTES.quiz })}>
          返回测试列表
        </Button>
        <Button type="primary" onClick={() => Taro.redirectTo({ url: ROUTES.quizWrongBook })}>
          去错题本
        </Button>
      </View>
    </>
  )
}
