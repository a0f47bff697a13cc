import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

export type CheckInResult = OutputOf<'meeting.checkIn'>

interface State {
  result: CheckInResult | null
  error: ApiError | null
  submitting: boolean
}

interface Actions {
  /** Sends a scanned or pasted code. Never throws: the outcome lands in `result` or `error`. */
  checkIn(token: string): Promise<void>
  /** Back to the scan screen. */
  reset(): void
}

const initial: State = { result: null, error: null, submitting: false }

/** 扫码签到: one code in, one outcome out (signed in, late, already signed in, or why not). */
export const useMeetingCheckInStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async checkIn(token) {
    if (get().submitting) return
    set({ submitting: true, result: null, error: null })
    try {
      const result = await call('meeting.checkIn', { token: token.trim() })
      set({ result, submitting: false })
    } catch (e) {
      set({ error: toApiError(e), submitting: false })
    }
  },

  reset() {
    set(initial)
  },
}))
