import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  stats: OutputOf<'meeting.stats'> | null
  loading: boolean
  error: ApiError | null
}

interface Actions {
  /** The member's own attendance this year (the cloud's default period). */
  load(): Promise<void>
  reset(): void
}

const initial: State = { stats: null, loading: false, error: null }

/** 我的出勤: the signed-in member's rate, counts and one line per meeting. */
export const useMeetingHistoryStore = create<State & Actions>()((set) => ({
  ...initial,

  async load() {
    set({ loading: true, error: null })
    try {
      const stats = await call('meeting.stats', { kind: 'member' })
      set({ stats, loading: false })
    } catch (e) {
      set({ loading: false, error: toApiError(e) })
    }
  },

  reset() {
    set(initial)
  },
}))
