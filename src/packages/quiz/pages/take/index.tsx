import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useLoad, useUnload } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { leafProps } from '@/components/alt'
import { Countdown } from '@/components/countdown'
import { Button } from '@/components/nut'
import { ErrorState, LoadingSkeleton } from '@/components/kit'
import { tokens } from '@/components/kit/tokens'
import { toggleChoice, typeLabel } from '@/components/quiz-format'
import type { AttemptResult } from '@/contract'
import { invalidate, messageOf } from '@/remote'
import { primeProcedure } from '@/remote/patch'
import { ROUTES } from '@/routes'
import { selectAnsweredCount, useQuizTakeStore, type SaveStatus } from '@/stores/quiz-take.store'
import { QuestionOptions } from '../../components/question-options'
import './index.scss'

// The paper, the member's choices and the countdown stay in the quiz-take store: app state that lives as long as the
// attempt (debounced saves chained per question), not a cached remote answer.

/** When the member is warned that time is running out: one minute and ten seconds before the end. */
const TIME_ALERTS = [60, 10] as const

function SaveBadge({ status, onRetry }: { status: SaveStatus | undefined; onRetry(): void }) {
  if (!status) return <Text className="save-badge muted">选择后自动保存</Text>
  if (status.state === 'error') {
    return (
      <View className="save-badge save-badge-error" id="save-error" role="alert" onClick={onRetry}>
        保存失败：{status.message}，点击重试
      </View>
    )
  }
  const text = status.state === 'saved' ? '✓ 已保存' : '保存中…'
  return (
    <Text className={`save-badge save-badge-${status.state === 'saved' ? 'saved' : 'saving'}`} id="save-state">
      {text}
    </Text>
  )
}

export default function TakePage() {
  const attempt = useQuizTakeStore((s) => s.attempt)
  const offsetMs = useQuizTakeStore((s) => s.offsetMs)
  const answers = useQuizTakeStore((s) => s.answers)
  const saves = useQuizTakeStore((s) => s.saves)
  const current = useQuizTakeStore((s) => s.current)
  const loading = useQuizTakeStore((s) => s.loading)
  const error = useQuizTakeStore((s) => s.error)
  const submitting = useQuizTakeStore((s) => s.submitting)
  const finished = useQuizTakeStore((s) => s.finished)
  const answered = useQuizTakeStore(selectAnsweredCount)
  const start = useQuizTakeStore((s) => s.start)
  const open = useQuizTakeStore((s) => s.open)
  const go = useQuizTakeStore((s) => s.go)
  const choose = useQuizTakeStore((s) => s.choose)
  const retrySave = useQuizTakeStore((s) => s.retrySave)
  const submit = useQuizTakeStore((s) => s.submit)
  const reportHide = useQuizTakeStore((s) => s.reportHide)
  const reset = useQuizTakeStore((s) => s.reset)
  const [sheetOpen, setSheetOpen] = useState(false)
  const [params, setParams] = useState<{ quizId?: string; attemptId?: string }>({})
  const visible = useRef(true)
  const leaving = useRef(false)

  const load = (p = params) => {
    if (p.attemptId) open(p.attemptId)
    else if (p.quizId) start(p.quizId)
  }

  useLoad((q?: Record<string, string>) => {
    const p = {
      quizId: q?.quizId ? decodeURIComponent(q.quizId) : undefined,
      attemptId: q?.attemptId ? decodeURIComponent(q.attemptId) : undefined,
    }
    setParams(p)
    load(p)
  })
  useUnload(() => reset())
  useDidHide(() => {
    visible.current = false
    // Leaving WeChat mid-test is counted for the admin (and may end the test if it sets a limit).
    if (!leaving.current) reportHide()
  })
  useDidShow(() => {
    visible.current = true
    const done = useQuizTakeStore.getState().finished
    if (done) toResult(done.attemptId, done.notice, done.result)
  })

  const toResult = async (attemptId: string, notice: string | null, result?: AttemptResult) => {
    if (leaving.current) return
    leaving.current = true
    // The list, the wrong book and home cards read the attempt's outcome: answers cached before it are stale.
    invalidate(['quiz', 'member.year'])
    // The submit answered with the result: the result page shows it from the cache instead of reading it again.
    if (result) void primeProcedure('quiz.attempt', { attemptId }, { attempt: null, result })
    if (notice)
      await Taro.showModal({
        title: '已交卷',
        content: notice,
        showCancel: false,
        confirmText: '查看成绩',
        confirmColor: tokens.primary,
      })
    Taro.redirectTo({ url: `${ROUTES.quizResult}?attemptId=${encodeURIComponent(attemptId)}` })
  }

  // The attempt ended (handed in, time up, auto-submitted): on to the result once the page is on screen.
  useEffect(() => {
    if (finished && visible.current) toResult(finished.attemptId, finished.notice, finished.result)
  }, [finished])

  if (!params.quizId && !params.attemptId) {
    return (
      <View className="page">
        <ErrorState error={{ message: '没有指定测试，请从“法规测试”进入' }} />
      </View>
    )
  }
  if (error && !attempt) {
    return (
      <View className="page">
        <ErrorState error={error} onRetry={() => load()} />
      </View>
    )
  }
  if (!attempt || loading) {
    return (
      <View className="page">
        <LoadingSkeleton cards={2} rows={4} />
      </View>
    )
  }

  const questions = attempt.questions
  const q = questions[current]
  const total = questions.length
  const unanswered = total - answered

  const onSubmit = async () => {
    setSheetOpen(false)
    const { confirm } = await Taro.showModal({
      title: '确认交卷',
      content: unanswered
        ? `还有 ${unanswered} 题未作答，交卷后不能再修改。确定交卷吗？`
        : `已答完全部 ${total} 题，交卷后不能再修改。确定交卷吗？`,
      confirmText: '交卷',
      cancelText: '继续答题',
      confirmColor: tokens.primary,
    })
    if (!confirm) return
    try {
      await submit()
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  const onExpire = async () => {
    try {
      await submit({ expired: true })
    } catch (e) {
      const { confirm } = await Taro.showModal({
        title: '交卷失败',
        content: `${messageOf(e)}。答案已保存，请重试交卷。`,
        confirmText: '重试',
        showCancel: false,
      })
      if (confirm) onExpire()
    }
  }

  return (
    <View className="page take">
      <View className="take-bar">
        <View className="take-bar-time">
          <Text className="take-bar-label">剩余</Text>
          <Countdown
            deadline={Date.parse(attempt.deadline)}
            offsetMs={offsetMs}
            onExpire={onExpire}
            alerts={TIME_ALERTS}
            onAlert={(left) =>
              Taro.showToast({
                title: left > 30 ? '还剩 1 分钟，请抓紧作答' : `还剩 ${left} 秒，到时将自动交卷`,
                icon: 'none',
                duration: 3000,
              })
            }
            className="take-countdown"
          />
        </View>
        <View className="take-bar-sheet" id="sheet-open" onClick={() => setSheetOpen(true)}>
          答题卡{' '}
          <Text className="take-bar-count">
            {answered}/{total}
          </Text>
        </View>
        <Button
          className="take-bar-submit"
          id="take-submit"
          size="small"
          type="primary"
          loading={submitting}
          onClick={onSubmit}
        >
          交卷
        </Button>
      </View>

      {q ? (
        <View className="card take-question" data-question-id={q.id}>
          <View className="take-question-head">
            <Text className="q-type">{typeLabel(q.type)}</Text>
            <Text className="muted take-question-no">
              第 {current + 1} / {total} 题{q.type === 'multi' ? '（可多选）' : ''}
            </Text>
          </View>
          <Text className="q-stem take-stem">{q.stem}</Text>
          <QuestionOptions
            question={q}
            chosen={answers[q.id]}
            onToggle={(i) => choose(q.id, toggleChoice(q.type, answers[q.id], i))}
          />
          <SaveBadge status={saves[q.id]} onRetry={() => retrySave(q.id)} />
        </View>
      ) : (
        <View className="card muted">本次试卷没有题目，请联系管理员</View>
      )}

      <View className="q-nav">
        <Button id="take-prev" fill="outline" disabled={current === 0} onClick={() => go(current - 1)}>
          上一题
        </Button>
        {current < total - 1 ? (
          <Button id="take-next" type="primary" onClick={() => go(current + 1)}>
            下一题
          </Button>
        ) : (
          <Button id="take-finish" type="primary" loading={submitting} onClick={onSubmit}>
            交卷
          </Button>
        )}
      </View>
      <Text className="muted take-hint">答案随选随存，中途退出可从“法规测试”继续作答；时间到将自动交卷</Text>

      {sheetOpen && (
        <View className="sheet-mask" catchMove onClick={() => setSheetOpen(false)}>
          <View
            className="sheet"
            id="answer-sheet"
            role="dialog"
            aria-label="答题卡"
            onClick={(e) => e.stopPropagation()}
          >
            <View className="sheet-head">
              <Text className="sheet-title">答题卡</Text>
              <Text className="muted">
                已答 {answered} 题，未答 {unanswered} 题
              </Text>
            </View>
            <View className="sheet-legend">
              <View className="sheet-legend-item">
                <View className="sheet-dot sheet-dot-answered" />
                <Text className="muted">已答</Text>
              </View>
              <View className="sheet-legend-item">
                <View className="sheet-dot" />
                <Text className="muted">未答</Text>
              </View>
              <View className="sheet-legend-item">
                <View className="sheet-dot sheet-dot-current" />
                <Text className="muted">当前</Text>
              </View>
            </View>
            <View className="sheet-grid">
              {questions.map((item, i) => {
                const done = !!answers[item.id]?.length
                return (
                  <View
                    key={item.id}
                    className={`sheet-cell ${done ? 'sheet-cell-answered' : ''} ${i === current ? 'sheet-cell-current' : ''} ${saves[item.id]?.state === 'error' ? 'sheet-cell-error' : ''}`}
                    data-index={i}
                    data-question-id={item.id}
                    {...leafProps('button', `第 ${i + 1} 题${done ? '，已答' : '，未答'}`)}
                    onClick={() => {
                      go(i)
                      setSheetOpen(false)
                    }}
                  >
                    {i + 1}
                  </View>
                )
              })}
            </View>
            <View className="sheet-actions">
              <Button fill="outline" onClick={() => setSheetOpen(false)}>
                继续答题
              </Button>
              <Button id="sheet-submit" type="primary" loading={submitting} onClick={onSubmit}>
                交卷
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  )
}
