import Taro from '@tarojs/taro'
import { followMember } from '@/components/elder-mode'
import { create } from 'zustand'
import type { InputOf, Me, OutputOf } from '@/contract'
import { ApiError, call, dropEarlyCalls, toApiError } from '@/services/api-client'

type BindInput = InputOf<'member.bind'>

interface State {
  me: Me | null
  loading: boolean
  error: ApiError | null
  /**
   * This device's last whoami said a bound member (kept on the device; cleared by reset). While the first whoami is
   * on its way, member screens start their own data calls on the strength of it instead of waiting for the answer
   * (issue 13: the two were one round trip after another). Only a reason to ask early: every call is still checked
   * by the cloud for the caller it comes from, and what is shown is decided by the answer (MemberGate).
   */
  likelyMember: boolean
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

// Also read by index.html's early calls on H5 (config/h5-early-calls.js): keep the two names the same.
const HINT_KEY = 'session-was-member'

function readHint(): boolean {
  try {
    return Taro.getStorageSync(HINT_KEY) === 1
  } catch {
    return false
  }
}

function writeHint(on: boolean): void {
  try {
    Taro.setStorageSync(HINT_KEY, on ? 1 : 0)
  } catch {
    // Storage full or unavailable: the next launch waits for whoami before asking for a page's data, as before.
  }
}

const initial: State = { me: null, loading: false, error: null, likelyMember: false }

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
  likelyMember: readHint(),

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
        writeHint(!!me.member)
        if (process.env.TARO_ENV === 'h5' && !me.member) dropEarlyCalls()
        set({ me, loading: false, likelyMember: !!me.member })
        return me
      } catch (e) {
        if (gen !== generation) return null
        if (process.env.TARO_ENV === 'h5') dropEarlyCalls()
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
    // H5: the answers index.html fetched are the previous person's (config/h5-early-calls.js).
    if (process.env.TARO_ENV === 'h5') dropEarlyCalls()
    writeHint(false)
    set(initial)
  },
}))
