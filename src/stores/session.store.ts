import { followMember } from '@/components/elder-mode'
import { create } from 'zustand'
import type { InputOf, Me, OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

type BindInput = InputOf<'member.bind'>

interface State {
  me: Me | null
  loading: boolean
  error: ApiError | null
}

interface Actions {
  /** Asks the cloud who this WeChat identity is. Never throws: failures land in `error`. */
  load(): Promise<Me | null>
  /** Binds this identity to a roster member. Throws ApiError so the form can show it next to the fields. */
  bind(input: BindInput): Promise<OutputOf<'member.bind'>>
  /** The member's own request to undo their binding; an organiser approves it. Throws ApiError. */
  requestUnbind(reason?: string): Promise<OutputOf<'member.unbind'>>
  reset(): void
}

const initial: State = { me: null, loading: false, error: null }

const asApiError = (e: unknown) => toApiError(e)

export const useSessionStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async load() {
    set({ loading: true, error: null })
    try {
      const me = await call('member.whoami', {})
      // 长辈模式 follows the member's choice, else her branch (离退休干部党支部 start in it).
      followMember(me.elderDefault)
      set({ me, loading: false })
      return me
    } catch (e) {
      set({ loading: false, error: asApiError(e) })
      return null
    }
  },

  async bind(input) {
    const out = await call('member.bind', input)
    set({ me: out.me, error: null })
    return out
  },

  async requestUnbind(reason) {
    const out = await call('member.unbind', reason ? { reason } : {})
    const me = get().me
    if (me?.member) {
      const member = out.status === 'requested' ? { ...me.member, unbindRequested: true } : null
      set({ me: { ...me, member } })
    }
    return out
  },

  reset() {
    set(initial)
  },
}))
