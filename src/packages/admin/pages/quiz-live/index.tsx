import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { OutputOf } from '@/contract'
import { usePageParams } from '@/components/kit/use-page-params'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { ErrorState, LoadingSkeleton } from '@/components/page-state'
import { percent, quizWindow } from '@/components/quiz-format'
import { messageOf, useMutation, useProcedure, usePullToRefresh } from '@/remote'
import { usePolling } from '@/remote/use-polling'
import { ROUTES } from '@/routes'
import { useSessionStore } from '@/stores/session.store'
import { quizPhase } from '../../components/quiz-form'
import { RemindCard } from '../../components/remind-card'
import './index.scss'

const REFRESH_MS = 10_000
const SHORT = { single: '单选', multi: '多选', judge: '判断' } as const

type Live = OutputOf<'quiz.liveView'>

/** 实时情况: who has taken a test by branch, names, averages, pass rates and question correct rates. */
export default function QuizLivePage() {
  const isOrgAdmin = useSessionStore((s) => s.me?.member?.role === 'org_admin')
  const hasMe = useSessionStore((s) => !!s.me)
  const loadMe = useSessionStore((s) => s.load)
  const params = usePageParams()
  const id = params?.id ?? ''
  /** The branch whose names are shown; undefined = the cloud's choice (a branch admin's own). */
  const [branchId, setBranchId] = useState<string | undefined>()
  /** The page of the branch's names (a branch of 2,000 is sent a hundred names at a time). */
  const [page, setPage] = useState(1)
  const query = useProcedure(
    'quiz.liveView',
    { quizId: id, ...(branchId ? { branchId } : {}), ...(page > 1 ? { page } : {}) },
    { enabled: !!id },
  )
  const exportResults = useMutation('quiz.exportResults')
  const [allQuestions, setAllQuestions] = useState(false)
  // Another branch's names are a new query: keep the figures on screen while they come.
  const last = useRef<Live | undefined>(undefined)
  if (query.data) last.current = query.data
  const live = query.data ?? (query.error ? undefined : last.current)

  useLoad(() => {
    if (!hasMe) loadMe()
  })
  // Live only while on screen: nothing polls a hidden page.
  usePolling(query.refetch, REFRESH_MS, { enabled: !!id })
  usePullToRefresh(query.refetch)

  if (params && !id) {
    return (
      <View className="page">
        <ErrorState error={{ message: '没有指定测试，请从测试列表进入' }} />
      </View>
    )
  }
  if (query.error && !live) {
    return (
      <View className="page">
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </View>
    )
  }
  if (!live) {
    return (
      <View className="page">
        <LoadingSkeleton cards={3} rows={3} />
      </View>
    )
  }

  const { quiz, branches, branch, questions } = live
  const phase = quizPhase(quiz)
  const sum = branches.reduce((s, b) => ({ audience: s.audience + b.audience, taken: s.taken + b.taken }), {
    audience: 0,
    taken: 0,
  })
  const named = branch ? branches.find((b) => b.branchId === branch.branchId) : null
  const shownQuestions = allQuestions ? questions : questions.slice(0, 10)
  const pages = branch ? Math.max(1, Math.ceil(Math.max(branch.takenTotal, branch.notTakenTotal) / branch.pageSize)) : 1

  const onExport = async () => {
    try {
      const file = await exportResults.run({ quizId: id })
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e) || '导出失败，请重试', icon: 'none', duration: 3000 })
    }
  }

  return (
    <View className="page quiz-live">
      <View className="card live-head">
        <View className="live-head-row">
          <Text className="live-title">{quiz.title}</Text>
          <Text className={`phase-tag phase-tag-${phase.key}`}>{phase.label}</Text>
        </View>
        <Text className="muted live-line">{quizWindow(quiz)}</Text>
        <Text className="muted live-line">
          {quiz.questionCount} 题 · 满分 {quiz.maxScore} · {quiz.passMark} 分及格 · 限时 {quiz.durationMin} 分钟
        </Text>
        <View className="live-figures" id="live-figures">
          <View className="live-figure">
            <Text className="live-figure-value">{sum.audience}</Text>
            <Text className="live-figure-label">应考</Text>
          </View>
          <View className="live-figure">
            <Text className="live-figure-value live-figure-taken">{sum.taken}</Text>
            <Text className="live-figure-label">已考</Text>
          </View>
          <View className="live-figure">
            <Text className="live-figure-value">{Math.max(0, sum.audience - sum.taken)}</Text>
            <Text className="live-figure-label">未考</Text>
          </View>
        </View>
        <Text className="muted live-refresh">
          每 10 秒自动刷新{query.refreshing || (query.loading && !!last.current) ? ' · 正在刷新…' : ''}
        </Text>
        <View className="live-actions">
          <Button id="live-export" size="small" fill="outline" loading={exportResults.pending} onClick={onExport}>
            导出成绩
          </Button>
          {isOrgAdmin && (
            <Button
              size="small"
              fill="outline"
              onClick={() => Taro.navigateTo({ url: `${ROUTES.adminQuizEdit}?id=${encodeURIComponent(quiz.id)}` })}
            >
              编辑测试
            </Button>
          )}
        </View>
      </View>

      {/* 一键提醒 for whoever has not handed in, while the test is open (the cloud keeps each secretary to her branch). */}
      {phase.key === 'open' && <RemindCard kind="quiz" itemId={quiz.id} who="尚未交卷的党员" />}

      <View className="section-title">各支部情况{isOrgAdmin ? '（点击支部查看名单）' : ''}</View>
      <View className="card live-table" id="live-branches">
        <View className="live-tr live-th">
          <Text className="live-td live-td-name">支部</Text>
          <Text className="live-td">应考</Text>
          <Text className="live-td">已考</Text>
          <Text className="live-td">未考</Text>
          <Text className="live-td">平均分</Text>
          <Text className="live-td">及格率</Text>
        </View>
        {branches.map((b) => (
          <View
            key={b.branchId}
            className={`live-tr ${branch?.branchId === b.branchId ? 'live-tr-on' : ''}`}
            data-branch-id={b.branchId}
            onClick={
              isOrgAdmin
                ? () => {
                    setBranchId(branchId === b.branchId ? undefined : b.branchId)
                    setPage(1)
                  }
                : undefined
            }
          >
            <Text className="live-td live-td-name">{b.branchName}</Text>
            <Text className="live-td">{b.audience}</Text>
            <Text className="live-td">{b.taken}</Text>
            <Text className={`live-td ${b.notTaken ? 'live-td-warn' : ''}`}>{b.notTaken}</Text>
            <Text className="live-td">{b.average ?? '—'}</Text>
            <Text className="live-td">{percent(b.passRate)}</Text>
          </View>
        ))}
        {!branches.length && <Text className="muted">没有参加本次测试的支部</Text>}
      </View>

      {branch && (
        <View id="live-names">
          <View className="section-title">
            {named?.branchName ?? '本支部'}名单{branch.inProgress ? `（${branch.inProgress} 人正在答题）` : ''}
          </View>
          <View className="card live-names">
            <Text className="live-names-title">已考（{branch.takenTotal}）</Text>
            {branch.taken.length ? (
              branch.taken.map((m) => (
                <View key={m.memberId} className="live-taken" data-member-name={m.name}>
                  <Text className="live-taken-name">{m.name}</Text>
                  <Text className={`live-taken-score ${m.passed ? '' : 'live-taken-fail'}`}>{m.score} 分</Text>
                  <Text className="muted live-taken-meta">
                    {m.passed ? '及格' : '不及格'}
                    {m.attempts > 1 ? ` · 答 ${m.attempts} 次` : ''}
                    {m.hides ? ` · 切出 ${m.hides} 次` : ''}
                  </Text>
                </View>
              ))
            ) : (
              <Text className="muted">还没有人交卷</Text>
            )}
            <Text className="live-names-title live-names-title-gap">未考（{branch.notTakenTotal}）</Text>
            <View className="live-not-taken" id="live-not-taken">
              {branch.notTaken.length ? (
                branch.notTaken.map((m) => (
                  <Text key={m.memberId} className="live-name-chip" data-member-name={m.name}>
                    {m.name}
                  </Text>
                ))
              ) : (
                <Text className="muted">{branch.notTakenTotal ? '本页没有未考人员' : '全部参加了'}</Text>
              )}
            </View>
            {pages > 1 && (
              <View className="live-pager" id="live-pager">
                <Text
                  className={`live-pager-btn ${branch.page > 1 ? '' : 'live-pager-off'}`}
                  onClick={branch.page > 1 ? () => setPage(branch.page - 1) : undefined}
                >
                  上一页
                </Text>
                <Text className="muted live-pager-at">
                  第 {branch.page}/{pages} 页
                </Text>
                <Text
                  className={`live-pager-btn ${branch.page < pages ? '' : 'live-pager-off'}`}
                  id="live-pager-next"
                  onClick={branch.page < pages ? () => setPage(branch.page + 1) : undefined}
                >
                  下一页
                </Text>
              </View>
            )}
          </View>
        </View>
      )}

      <View className="section-title">各题正确率（从低到高）</View>
      <View className="card live-questions">
        {shownQuestions.length ? (
          shownQuestions.map((q) => (
            <View key={q.questionId} className="live-q">
              <View className="live-q-head">
                <Text className="q-type-tag">{SHORT[q.type]}</Text>
                <Text className="live-q-rate">{percent(q.correctRate)}</Text>
                <Text className="muted live-q-answered">{q.answered} 人次</Text>
              </View>
              <Text className="live-q-stem">{q.stem}</Text>
              <View className="live-bar">
                <View className="live-bar-fill" style={{ width: `${Math.round((q.correctRate ?? 0) * 100)}%` }} />
              </View>
            </View>
          ))
        ) : (
          <Text className="muted">交卷后这里会显示每道题的正确率</Text>
        )}
        {questions.length > 10 && (
          <View className="list-footer">
            <Text className="live-more" onClick={() => setAllQuestions(!allQuestions)}>
              {allQuestions ? '收起' : `查看全部 ${questions.length} 题`}
            </Text>
          </View>
        )}
      </View>
    </View>
  )
}
