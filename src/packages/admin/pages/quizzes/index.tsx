import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { OutputOf } from '@/contract'
import { ListScreen } from '@/components/kit'
import { Button } from '@/components/nut'
import { quizWindow } from '@/components/quiz-format'
import { usePagedProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { useSessionStore } from '@/stores/session.store'
import { MODE_LABELS, quizPhase } from '../../components/quiz-form'
import './index.scss'

type AdminQuizItem = OutputOf<'quiz.quizzes'>['items'][number]

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

/** 法规测试 (admin): the tests, latest opening first, with how many have taken each; 20 at a time. */
export default function AdminQuizzesPage() {
  const isOrgAdmin = useSessionStore((s) => s.me?.member?.role === 'org_admin')
  const hasMe = useSessionStore((s) => !!s.me)
  const loadMe = useSessionStore((s) => s.load)
  const list = usePagedProcedure('quiz.quizzes', {})

  useLoad(() => {
    if (!hasMe) loadMe()
  })

  return (
    <ListScreen
      query={list}
      pageClassName="admin-quizzes"
      unit="场测试"
      skeleton={{ cards: 3, rows: 2 }}
      empty={{
        icon: '测',
        title: '还没有测试',
        description: isOrgAdmin
          ? '点击“新建测试”，从题库随机抽题或组固定试卷'
          : '机关党委发布本支部参加的测试后会出现在这里',
      }}
      renderItem={(q) => <QuizItem q={q} isOrgAdmin={isOrgAdmin} />}
      header={
        isOrgAdmin && (
          <View className="admin-quizzes-actions">
            <Button id="quiz-new" type="primary" onClick={() => go(ROUTES.adminQuizEdit)}>
              ＋ 新建测试
            </Button>
            <Button id="quiz-bank" fill="outline" onClick={() => go(ROUTES.adminBank)}>
              题库管理
            </Button>
          </View>
        )
      }
    />
  )
}
