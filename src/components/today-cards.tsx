import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { TodayCard } from '@/contract'
import { formatChina } from '@/domain/china-format'
import { useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import './today-cards.scss'

const TAG: Record<TodayCard['kind'], string> = { signIn: '签到', test: '测试', reading: '必读', leave: '请假' }
const GO: Record<TodayCard['kind'], string> = { signIn: '扫码', test: '去答题', reading: '去阅读', leave: '查看' }

function when(c: TodayCard, now: number): string {
  const at = formatChina(c.at, 'MM-DD HH:mm')
  if (c.kind === 'signIn') return `正在签到 · ${formatChina(c.at, 'HH:mm')} 开始`
  if (c.kind === 'leave') return `请假待审批 · ${at} 开会`
  if (c.kind === 'reading' && Date.parse(c.at) < now) return `已逾期 · 截止 ${at}`
  return `截止 ${at}`
}

function open(c: TodayCard) {
  const id = encodeURIComponent(c.id)
  const url =
    c.kind === 'signIn'
      ? `${ROUTES.meetingCheckIn}?scan=1`
      : c.kind === 'test'
        ? ROUTES.quiz
        : c.kind === 'reading'
          ? `${ROUTES.studyArticle}?id=${id}`
          : `${ROUTES.meetingDetail}?id=${id}`
  Taro.navigateTo({ url })
}

/** 首页: what wants the member now — a sign-in open, tests and required reading with deadlines, leave pending. */
export function TodayCards() {
  const cards = useProcedure('member.today', {}).data?.cards
  if (!cards?.length) return null
  const now = Date.now()
  return (
    <View className="card today" id="home-today">
      {cards.map((c) => (
        <View
          key={c.kind + c.id}
          className={`today-item today-${c.kind}`}
          data-kind={c.kind}
          role="button"
          onClick={() => open(c)}
        >
          <Text className="today-tag">{TAG[c.kind]}</Text>
          <View className="today-main">
            <Text className="today-title">{c.title}</Text>
            <Text className="today-when">{when(c, now)}</Text>
          </View>
          <Text className="today-go">{GO[c.kind]} ›</Text>
        </View>
      ))}
    </View>
  )
}
