import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

export type ActivityCheckInResult = OutputOf<'activity.checkIn'>

interface State {
  result: ActivityCheckInResult | null
  error: ApiError | null
  submitting: boolean
}

interface Actions {
  /** Sends a scanned or pasted on-site code. Never throws: the outcome lands in `result` or `error`. */
  checkIn(token: string): Promise<void>
  reset(): void
}

const initial: State = { result: null, error: null, submitting: false }

/** 活动签到/签退: one on-site code in, one outcome out (checked in, checked out with hours, already, or why not). */
export const useActivityCheckInStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async checkIn(token) {
    if (get().submitting) return
    set({ submitting: true, result: null, error: null })
    try {
      const result = await call('activity.checkIn', { token: token.trim() })
      set({ result, submitting: false })
    } catch (e) {
      set({ error: toApiError(e), submitting: false })
    }
  },

  reset() {
    set(initial)
  },
}))
