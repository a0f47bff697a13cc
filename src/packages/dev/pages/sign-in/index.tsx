import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { ErrorState, LoadingSkeleton, EmptyState } from '@/components/page-state'
import { messageOf } from '@/remote/messages'
import { ROUTES } from '@/routes'
import { useDevSessionStore } from '@/stores/dev-session.store'
import './index.scss'

/** Emulator only: pick which demo member this browser is. Not part of the mini-program build. */
export default function DevSignIn() {
  const personas = useDevSessionStore((s) => s.personas)
  const loading = useDevSessionStore((s) => s.loading)
  const error = useDevSessionStore((s) => s.error)
  const load = useDevSessionStore((s) => s.load)
  const signIn = useDevSessionStore((s) => s.signIn)
  const signOut = useDevSessionStore((s) => s.signOut)
  const [busy, setBusy] = useState<string | null>(null)

  useLoad(() => {
    load()
  })

  const pick = async (openid: string) => {
    if (busy) return
    setBusy(openid)
    try {
      await signIn(openid)
      Taro.reLaunch({ url: ROUTES.home })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const leave = async () => {
    try {
      await signOut()
      Taro.showToast({ title: '已退出', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  return (
    <View className="page dev-sign-in">
      <View className="dev-banner">
        本地模拟环境：选择一名演示党员，以其微信身份进入小程序。正式小程序中没有此页面。
      </View>

      {error ? (
        <ErrorState error={error} onRetry={load} />
      ) : loading && !personas.length ? (
        <LoadingSkeleton cards={3} rows={1} />
      ) : !personas.length ? (
        <EmptyState icon="人" title="没有演示党员" description="请先运行 npm run seed 生成演示数据" />
      ) : (
        <View className="dev-personas">
          {personas.map((p) => (
            <View
              key={p.openid}
              className={`card persona ${busy === p.openid ? 'persona-busy' : ''}`}
              data-openid={p.openid}
              onClick={() => pick(p.openid)}
            >
              <View className="persona-head">
                <Text className="persona-name">{p.name}</Text>
                <Text className={`persona-bound ${p.bound ? 'persona-bound-yes' : 'persona-bound-no'}`}>
                  {p.bound ? '已绑定' : '未绑定'}
                </Text>
              </View>
              <Text className="persona-line">
                角色：{p.roleLabel} · 支部：{p.branchName || '—'}
              </Text>
              {p.hint && <Text className="persona-hint">{p.hint}</Text>}
            </View>
          ))}
        </View>
      )}

      <View className="dev-signout" onClick={leave}>
        退出
      </View>
    </View>
  )
}
