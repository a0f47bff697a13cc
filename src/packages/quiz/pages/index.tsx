import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MyQuiz } from '@/contract'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/kit'
import { tokens } from '@/components/kit/tokens'
import { quizWindow } from '@/components/quiz-format'
import { useProcedure, usePullToRefresh } from '@/remote'
import { ROUTES } from '@/routes'
import './index.scss'

const STATE_LABELS: Record<MyQuiz['state'], string> = {
  upcoming: '未开始',
  open: '进行中',
  in_progress: '答题中',
  done: '已完成',
  closed: '已截止',
}

const go = (url: string) => Taro.navigateTo({ url })

async function startQuiz(item: MyQuiz) {
  const { quiz } = item
  const left = quiz.attemptsAllowed - item.attemptsUsed
  // The clock starts on the server the moment the paper is drawn: say so before that happens.
  const { confirm } = await Taro.showModal({
    title: item.attemptsUsed ? '再考一次' : '开始答题',
    content: `共 ${quiz.questionCount} 题，限时 ${quiz.durationMin} 分钟，开始后计时不暂停，中途退出可继续作答。还可作答 ${left} 次，确定开始吗？`,
    confirmText: '开始',
    confirmColor: tokens.primary,
  })
  if (confirm) go(`${ROUTES.quizTake}?quizId=${encodeURIComponent(quiz.id)}`)
}

function QuizCard({ item }: { item: MyQuiz }) {
  const { quiz, state } = item
  const left = quiz.attemptsAllowed - item.attemptsUsed
  const scored = item.countedScore !== null
  const result = () =>
    item.lastAttemptId && go(`${ROUTES.quizResult}?attemptId=${encodeURIComponent(item.lastAttemptId)}`)
  return (
    <View className="card quiz-card" data-quiz-id={quiz.id}>
      <View className="quiz-card-head">
        <Text className="quiz-card-title">{quiz.title}</Text>
        <Text className={`quiz-state quiz-state-${state}`}>{STATE_LABELS[state]}</Text>
      </View>
      <Text className="quiz-card-line">开放时间：{quizWindow(quiz)}</Text>
      <Text className="quiz-card-line">
        {quiz.questionCount} 题 · 满分 {quiz.maxScore} 分 · {quiz.passMark} 分及格 · 限时 {quiz.durationMin} 分钟
      </Text>
      <Text className="quiz-card-line">
        已作答 {item.attemptsUsed}/{quiz.attemptsAllowed} 次
        {state === 'open' || state === 'in_progress' ? `，还可作答 ${Math.max(0, left)} 次` : ''}
      </Text>
      {scored && (
        <View className="quiz-card-score">
          <Text className="quiz-card-score-label">成绩</Text>
          <Text className="quiz-card-score-value">{item.countedScore}</Text>
          <Text className="muted">/ {quiz.maxScore}</Text>
          <Text className={`quiz-pass ${item.passed ? 'quiz-pass-yes' : 'quiz-pass-no'}`}>
            {item.passed ? '及格' : '不及格'}
          </Text>
        </View>
      )}
      <View className="quiz-card-actions">
        {state === 'in_progress' && item.inProgressAttemptId && (
          <Button
            className="quiz-continue"
            type="primary"
            size="small"
            onClick={() => go(`${ROUTES.quizTake}?attemptId=${encodeURIComponent(item.inProgressAttemptId!)}`)}
          >
            继续答题
          </Button>
        )}
        {state === 'open' && left > 0 && (
          <Button className="quiz-start" type="primary" size="small" onClick={() => startQuiz(item)}>
            {item.attemptsUsed ? '再考一次' : '开始答题'}
          </Button>
        )}
        {state === 'open' && left <= 0 && <Text className="muted quiz-no-attempts">作答次数已用完</Text>}
        {item.lastAttemptId && state !== 'in_progress' && (
          <Button className="quiz-result-link" size="small" fill="outline" onClick={result}>
            查看成绩
          </Button>
        )}
        {state === 'upcoming' && <Text className="muted">测试尚未开始</Text>}
        {state === 'closed' && !item.lastAttemptId && <Text className="muted">测试已截止，未参加</Text>}
      </View>
    </View>
  )
}

/** 法规测试: practice and the wrong book, then the tests this member may take and where she stands in each. */
export default function QuizIndex() {
  // A handful of tests, no paging; refetched on show: coming back from a test changes its state and score.
  const query = useProcedure('quiz.available', {})
  usePullToRefresh(query.refetch)
  const items = query.data?.items

  let body
  if (query.error && !items) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  else if (!items) body = <LoadingSkeleton cards={2} rows={3} />
  else if (!items.length)
    body = (
      <EmptyState
        icon="测"
        title="暂无需要参加的测试"
        description="机关党委发布测试后会出现在这里，平时可以先做每日一练"
      />
    )
  else
    body = (
      <View className="quiz-list">
        {items.map((item) => (
          <QuizCard key={item.quiz.id} item={item} />
        ))}
      </View>
    )

  // The practice tiles stay usable while the tests load or when they fail.
  return (
    <View className="page quiz-home">
      <View className="quiz-tiles">
        <View className="quiz-tile" id="quiz-practice" role="button" onClick={() => go(ROUTES.quizPractice)}>
          <View className="quiz-tile-icon" aria-hidden="true">
            练
          </View>
          <View>
            <Text className="quiz-tile-title">每日一练</Text>
            <Text className="quiz-tile-desc">每天 5 题，即时反馈</Text>
          </View>
        </View>
        <View className="quiz-tile" id="quiz-wrong-book" role="button" onClick={() => go(ROUTES.quizWrongBook)}>
          <View className="quiz-tile-icon quiz-tile-icon-wrong" aria-hidden="true">
            错
          </View>
          <View>
            <Text className="quiz-tile-title">错题本</Text>
            <Text className="quiz-tile-desc">答错的题，重做巩固</Text>
          </View>
        </View>
      </View>
      <View className="section-title">我的测试</View>
      {query.refreshing && <Text className="muted quiz-refreshing">正在刷新…</Text>}
      {body}
    </View>
  )
}
