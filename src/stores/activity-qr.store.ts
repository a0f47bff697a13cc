import { create } from 'zustand'
import { ApiError, call, toApiError } from '@/services/api-client'

export type QrMode = 'in' | 'out'

interface State {
  title: string
  token: string | null
  checkedIn: number
  checkedOut: number
  error: ApiError | null
}

interface Actions {
  /** Fetches the current check-in or check-out code; returns how long until the next one (ms), or null on failure. */
  next(activityId: string, mode: QrMode): Promise<number | null>
  /** The activity's title for the big screen (once per opening). */
  loadTitle(activityId: string): Promise<void>
  reset(): void
}

const initial: State = { title: '', token: null, checkedIn: 0, checkedOut: 0, error: null }

/** 签到码 / 签退码 of an activity: the organiser's rotating on-site code and the counts so far. */
export const useActivityQrStore = create<State & Actions>()((set) => ({
  ...initial,

  async next(activityId, mode) {
    try {
      const out = await call('activity.qrToken', { activityId, mode })
      set({ token: out.token, checkedIn: out.checkedIn, checkedOut: out.checkedOut, error: null })
      return out.expiresInMs
    } catch (e) {
      set({ token: null, error: toApiError(e) })
      return null
    }
  },

  async loadTitle(activityId) {
    try {
      const { activity } = await call('activity.roster', { activityId, status: 'pending', page: 1 })
      set({ title: activity.title })
    } catch {
      // The code matters, the title is decoration.
    }
  },

  reset() {
    set(initial)
  },
}))
