import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

type Hours = OutputOf<'activity.myHours'>

interface State {
  hours: Hours | null
  loading: boolean
  error: ApiError | null
}

interface Actions {
  /** This year's total and list. Never throws. */
  load(): Promise<void>
  reset(): void
}

const initial: State = { hours: null, loading: false, error: null }

/** 志愿服务时长: the member's volunteer hours this year (我的 row and the hours page). */
export const useActivityHoursStore = create<State & Actions>()((set) => ({
  ...initial,

  async load() {
    set({ loading: true, error: null })
    try {
      const hours = await call('activity.myHours', {})
      set({ hours, loading: false })
    } catch (e) {
      set({ loading: false, error: toApiError(e) })
    }
  },

  reset() {
    set(initial)
  },
}))
