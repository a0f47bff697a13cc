import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { ROLE_LABELS } from '@/domain/roles'
import { greeting } from '@/domain/china-format'
import { ErrorState, InfoList, KitButton, LoadingSkeleton } from '@/components/kit'
import { useElder } from '@/components/elder-mode'
import { syncStudyBadge } from '@/components/study-badge'
import { TodayCards } from '@/components/today-cards'
import { invalidate, useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

const AREAS = [
  { key: 'meeting', title: '会议签到', desc: '三会一课 · 主题党日', mark: '签', url: ROUTES.meeting },
  { key: 'quiz', title: '法规测试', desc: '党内法规测试与练习', mark: '测', url: ROUTES.quiz },
  { key: 'study', title: '学习资料', desc: '第一议题 · 读原著', mark: '学', url: ROUTES.study },
  { key: 'activity', title: '活动', desc: '志愿服务 · 工会活动', mark: '活', url: ROUTES.activity },
] as const

// 学习 and 活动 are tab pages: reached with switchTab, not navigateTo.
const TAB_URLS: readonly string[] = [ROUTES.study, ROUTES.activity]

export default function HomePage() {
  const me = useSessionStore((s) => s.me)
  const error = useSessionStore((s) => s.error)
  const load = useSessionStore((s) => s.load)
  // Member-only calls start with whoami, not after it, when this device's last answer was a member (session.store.ts).
  const likelyMember = useSessionStore((s) => s.likelyMember)
  const asMember = !!me?.member || (!me && !error && likelyMember)
  // The badge is one small call, made only once the member is known (unbound callers would be refused).
  const unreadQuery = useProcedure('study.unreadRequired', {}, { enabled: asMember })
  const unread = unreadQuery.data?.count ?? null
  useEffect(() => syncStudyBadge(unread), [unread])
  // Staff see what waits for them (leave, bindings, sign-ups) without opening 管理 first.
  const staff = !!me?.member && me.member.role !== 'member'
  const waiting = useProcedure('member.waiting', {}, { enabled: staff }).data
  // What is due now (TodayCards reads the same answer). Below the greeting the page waits for it on its first load:
  // cards appearing above the areas a moment after them pushed the whole grid down (Lighthouse: layout shift 0.14 on
  // 首页, issue 13). The greeting does not wait: nothing is drawn below it yet, so it moves nothing.
  const today = useProcedure('member.today', {}, { enabled: asMember })

  // Each time 首页 shows again: who she is may have changed (bound, approved, moved). Not on its first show when
  // whoami is already in or on its way (H5 asks at boot, src/app.ts): a second whoami answered a moment after the
  // first drew the whole page again for nothing (issue 13: a long task after the first paint).
  const shown = useRef(false)
  useDidShow(() => {
    const s = useSessionStore.getState()
    const first = !shown.current
    shown.current = true
    if (first && (s.me || s.loading)) return
    void load()
  })

  const refresh = () => {
    if (me?.member) invalidate(['member.today'])
    return Promise.all([load(), me?.member ? unreadQuery.refetch() : null])
  }
  usePullDownRefresh(() => void refresh().finally(() => Taro.stopPullDownRefresh()))
  const elder = useElder()

  // Not yet bound (and nothing pending): binding comes first.
  useEffect(() => {
    if (me && !me.member && !me.pending) Taro.redirectTo({ url: ROUTES.bind })
  }, [me])

  // On H5 the emulator answers NOT_SIGNED_IN until a demo member is picked.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5' && error?.code === 'NOT_SIGNED_IN') Taro.navigateTo({ url: ROUTES.devSignIn })
  }, [error])

  if (error && !me) {
    return (
      <View className="page home">
        <ErrorState error={error} onRetry={load} />
      </View>
    )
  }

  // Also while the redirect to the bind page is on its way.
  if (!me || (!me.member && !me.pending)) {
    return (
      <View className="page home">
        <LoadingSkeleton />
      </View>
    )
  }

  if (!me.member && me.pending) {
    return (
      <View className="page home">
        <View className="card home-pending">
          <View className="home-pending-mark">审</View>
          <Text className="home-pending-title">等待支部审核</Text>
          <Text className="home-pending-desc">
            {me.pending.name}，您用邀请码申请加入「{me.pending.branchName}」，支部书记审核通过后即可使用全部功能。
          </Text>
        </View>
      </View>
    )
  }

  const member = me.member
  if (!member) return null
  const go = (url: string) => (TAB_URLS.includes(url) ? Taro.switchTab({ url }) : Taro.navigateTo({ url }))

  return (
    <View className="page home">
      <View className="home-hero">
        <Text className="home-greeting">
          {greeting(Date.now())}，<Text className="home-name">{member.name}</Text>
        </Text>
        <View className="home-meta">
          <Text className="home-branch">{member.branchName}</Text>
          <Text className="home-role">{ROLE_LABELS[member.role]}</Text>
        </View>
        <Text className="home-committee">{me.committeeName}</Text>
      </View>

      {today.loading ? <LoadingSkeleton cards={2} rows={2} /> : areas()}
    </View>
  )

  function areas() {
    return (
      <>
        {elder && <View className="section-title">现在要办</View>}
        <TodayCards limit={elder ? 3 : undefined} />

        {staff && waiting && (
          <View className="card home-waiting" id="home-waiting" onClick={() => Taro.navigateTo({ url: ROUTES.admin })}>
            <Text className="home-waiting-title">待处理</Text>
            <Text className="home-waiting-items">{waitingText(waiting)}</Text>
          </View>
        )}

        <View className="section-title">党建工作</View>
        {elder ? (
          // 长辈模式: the areas as big rows with their description; refreshing is a button, not a pull.
          <>
            <InfoList
              rows={AREAS.map((a) => ({
                id: `home-area-${a.key}`,
                title: a.key === 'study' && unread ? `${a.title}（${unread} 篇未读）` : a.title,
                description: a.desc,
                onClick: () => go(a.url),
              }))}
            />
            <KitButton block kind="outline" onClick={refresh}>
              刷新
            </KitButton>
          </>
        ) : (
          <View className="home-grid">
            {AREAS.map((a) => (
              <View key={a.key} className={`home-area home-area-${a.key}`} onClick={() => go(a.url)}>
                <View className="home-area-mark">{a.mark}</View>
                {a.key === 'study' && !!unread && (
                  <Text className="home-area-badge" id="home-study-badge">
                    {unread > 99 ? '99+' : unread}
                  </Text>
                )}
                <Text className="home-area-title">{a.title}</Text>
                <Text className="home-area-desc">{a.desc}</Text>
              </View>
            ))}
          </View>
        )}
      </>
    )
  }
}

/** `请假审批 2 · 绑定审核 1`: only what this role handles; `暂无，进入管理` when nothing waits. */
function waitingText(w: { leaves: number | null; bindings: number | null; signups: number | null }): string {
  const parts = [
    ['请假审批', w.leaves],
    ['绑定审核', w.bindings],
    ['活动报名', w.signups],
  ].filter((p) => !!p[1])
  return `${parts.length ? parts.map((p) => p.join(' ')).join(' · ') : '暂无，进入管理'} ›`
}
