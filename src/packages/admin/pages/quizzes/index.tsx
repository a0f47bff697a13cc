import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useUnload } from '@tarojs/taro'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { quizWindow } from '@/components/quiz-format'
import { ROUTES } from '@/routes'
import { selectAdminQuizzesHasMore, useQuizAdminListStore, type AdminQuizItem } from '@/stores/quiz-admin-list.store'
import { useSessionStore } from '@/stores/session.store'
import { MODE_LABELS, quizPhase } from '../../components/quiz-form'
import './index.scss'

const go = (url: string) => Taro.navigateTo({ url })

function QuizItem({ q, isOrgAdmin }: { q: AdminQuizItem; isOrgAdmin: boolean }) {
  const phase = quizPhase(q)
  const edit = () => go(`${ROUTES.adminQuizEdit}?id=${encodeURIComponent(q.id)}`)
  const live = () => go(`${ROUTES.adminQuizLive}?id=${encodeURIComponent(q.id)}`)
  return (
    <View className="card admin-quiz" data-quiz-id={q.id} onClick={q.status === 'draft' && isOrgAdmin ? edit : live}>
      <View className="admin-quiz-head">
        <Text className="admin-quiz-title">{q.title}</Text>
        <Text className={`phase-tag phase-tag-${phase.key}`}>{phase.label}</Text>
      </View>
      <Text className="admin-quiz-line">{quizWindow(q)}</Text>
      <Text className="admin-quiz-line">
        {MODE_LABELS[q.mode]} · {q.questionCount} 题 · 满分 {q.maxScore} · {q.passMark} 分及格 · 限时 {q.durationMin}{' '}
        分钟
      </Text>
      <View className="admin-quiz-foot">
        <Text className="admin-quiz-taken">{q.status === 'draft' ? '未发布' : `已考 ${q.taken} 人`}</Text>
        <View className="admin-quiz-links">
          {isOrgAdmin && (
            <Text
              className="admin-quiz-link"
              onClick={(e) => {
                e.stopPropagation()
                edit()
              }}
            >
              编辑
            </Text>
          )}
          {q.status === 'published' && (
            <Text
              className="admin-quiz-link"
              onClick={(e) => {
                e.stopPropagation()
                live()
              }}
            >
              实时情况 ›
            </Text>
          )}
        </View>
      </View>
    </View>
  )
}

export default function AdminQuizzesPage() {
  const isOrgAdmin = useSessionStore((s) => s.me?.member?.role === 'org_admin')
  const hasMe = useSessionStore((s) => !!s.me)
  const loadMe = useSessionStore((s) => s.load)
  const items = useQuizAdminListStore((s) => s.items)
  const total = useQuizAdminListStore((s) => s.total)
  const loaded = useQuizAdminListStore((s) => s.loaded)
  const loading = useQuizAdminListStore((s) => s.loading)
  const loadingMore = useQuizAdminListStore((s) => s.loadingMore)
  const error = useQuizAdminListStore((s) => s.error)
  const hasMore = useQuizAdminListStore(selectAdminQuizzesHasMore)
  const refresh = useQuizAdminListStore((s) => s.refresh)
  const loadMore = useQuizAdminListStore((s) => s.loadMore)
  const reset = useQuizAdminListStore((s) => s.reset)

  // Every return: a test created, published or taken meanwhile changes this list.
  useDidShow(() => {
    if (!hasMe) loadMe()
    refresh()
  })
  useUnload(() => reset())
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  return (
    <View className="page admin-quizzes">
      {isOrgAdmin && (
        <View className="admin-quizzes-actions">
          <Button id="quiz-new" type="primary" onClick={() => go(ROUTES.adminQuizEdit)}>
            ＋ 新建测试
          </Button>
          <Button id="quiz-bank" fill="outline" onClick={() => go(ROUTES.adminBank)}>
            题库管理
          </Button>
        </View>
      )}

      {error && !items.length ? (
        <ErrorState message={error.message} onRetry={refresh} />
      ) : !loaded && !items.length ? (
        <LoadingSkeleton cards={3} rows={2} />
      ) : !items.length ? (
        <EmptyState
          icon="测"
          title="还没有测试"
          description={
            isOrgAdmin ? '点击“新建测试”，从题库随机抽题或组固定试卷' : '机关党委发布本支部参加的测试后会出现在这里'
          }
        />
      ) : (
        <View>
          {loading && <Text className="muted admin-quizzes-refreshing">正在刷新…</Text>}
          {items.map((q) => (
            <QuizItem key={q.id} q={q} isOrgAdmin={isOrgAdmin} />
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
              <Text className="muted">共 {total} 场测试</Text>
            )}
          </View>
        </View>
      )}
    </View>
  )
}
