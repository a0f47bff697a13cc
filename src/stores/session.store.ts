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

/**
 * The whoami on its way, if any: a second load() while one is in flight joins it rather than asking again (H5 starts
 * one at boot, src/app.ts, and the first page's own load() then rides on it). reset() forgets it, and an answer that
 * arrives after a reset is dropped: it may be the previous person's.
 */
let inflight: Promise<Me | null> | null = null
let generation = 0

export const useSessionStore = create<State & Actions>()((set, get) => ({
  ...initial,

  load() {
    if (inflight) return inflight
    const gen = generation
    set({ loading: true, error: null })
    const request = (async (): Promise<Me | null> => {
      try {
        const me = await call('member.whoami', {})
        if (gen !== generation) return null
        // 长辈模式 follows the member's choice, else her branch (离退休干部党支部 start in it).
        followMember(me.elderDefault)
        set({ me, loading: false })
        return me
      } catch (e) {
        if (gen !== generation) return null
        set({ loading: false, error: asApiError(e) })
        return null
      }
    })().finally(() => {
      if (inflight === request) inflight = null
    })
    inflight = request
    return request
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
    generation++
    inflight = null
    set(initial)
  },
}))
