import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, type ReactNode } from 'react'
import type { Me } from '@/contract'
import { ROUTES } from '@/routes'
import { useSessionStore } from '@/stores/session.store'
import { EmptyState, ErrorState, KitButton, LoadingSkeleton } from './kit'
import { Unbound } from './kit/screen-state'

/** Who the caller is; asks the cloud once if nobody has yet (the session is app state, shared by every tab). */
export function useMe() {
  const me = useSessionStore((s) => s.me)
  const error = useSessionStore((s) => s.error)
  const load = useSessionStore((s) => s.load)
  const likelyMember = useSessionStore((s) => s.likelyMember)
  useEffect(() => {
    const s = useSessionStore.getState()
    if (!s.me && !s.loading) void s.load()
  }, [])
  return { me, error, load, likelyMember }
}

/** What a caller who is not (yet) a bound member sees instead of a member-only screen, and what they can do. */
export function NotAMember({ me }: { me: Me }) {
  if (me.pending) {
    return (
      <EmptyState
        icon="审"
        title="等待支部审核"
        description={`${me.pending.name}，您已申请加入「${me.pending.branchName}」，支部书记审核通过后即可使用这里的功能。`}
      >
        <KitButton kind="outline" size="small" onClick={() => Taro.navigateTo({ url: ROUTES.bind })}>
          查看或修改申请
        </KitButton>
      </EmptyState>
    )
  }
  return <Unbound />
}

/**
 * Renders `children` only for a bound member. Pending and unbound callers see their state and what to do instead
 * of the 加载失败 the member-only procedures would answer them.
 */
export function MemberGate({ children, pageClassName = '' }: { children: ReactNode; pageClassName?: string }) {
  const { me, error, load, likelyMember } = useMe()
  // A member's screen mounts (and starts its data call) while whoami is still on its way when this device's last
  // answer was a member: both calls travel together. The answer still decides: not a member → the state below.
  if (me?.member || (!me && !error && likelyMember)) return <>{children}</>
  let body: ReactNode
  if (me) body = <NotAMember me={me} />
  else if (error) body = <ErrorState error={error} onRetry={() => void load()} />
  else body = <LoadingSkeleton cards={2} rows={3} />
  return <View className={`page ${pageClassName}`}>{body}</View>
}
