import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { TodayCard } from '@/contract'
import { formatChina } from '@/domain/china-format'
import { useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { InfoList } from '@/components/kit'

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

/**
 * 首页: what wants the member now — a sign-in open, tests and required reading with deadlines, leave pending. Kit rows
 * (their styles are already in the main package, which has no room for another stylesheet).
 */
export function TodayCards({ limit }: { limit?: number }) {
  const all = useProcedure('member.today', {}).data?.cards
  // 长辈模式 (limit): always says something, and how many more wait, so nothing is left to discover.
  if (!all?.length) return limit && all ? <View className="card muted">现在没有要办的事</View> : null
  // The soonest due first: an open sign-in, then tests and reading by deadline, pending leave last.
  const rank = (c: TodayCard) => (c.kind === 'signIn' ? 0 : c.kind === 'leave' ? 2 : 1)
  const cards = limit ? [...all].sort((a, b) => rank(a) - rank(b) || a.at.localeCompare(b.at)).slice(0, limit) : all
  const more = all.length - cards.length
  const now = Date.now()
  return (
    <View id="home-today" className="home-today">
      <InfoList
        rows={cards.map((c) => ({
          id: `today-${c.kind}-${c.id}`,
          className: `today-${c.kind}`,
          title: `${TAG[c.kind]}：${c.title}`,
          description: when(c, now),
          value: GO[c.kind],
          onClick: () => open(c),
        }))}
      />
      {more > 0 && (
        <View className="muted home-today-more">
          先办这 {cards.length} 件，另有 {more} 件办完后显示
        </View>
      )}
    </View>
  )
}
