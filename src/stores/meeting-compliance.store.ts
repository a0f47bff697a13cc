import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { china } from '@/domain/time'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  branchId: string | null
  year: number
  data: OutputOf<'meeting.compliance'> | null
  loading: boolean
  error: ApiError | null
}

interface Actions {
  /** Loads a branch's year; without arguments reloads the current one. */
  load(branchId?: string, year?: number): Promise<void>
  reset(): void
}

const initial = (): State => ({
  branchId: null,
  year: china(Date.now()).year(),
  data: null,
  loading: false,
  error: null,
})

/** 组织生活达标: whether a branch held each required kind of meeting often enough, month by month. */
export const useMeetingComplianceStore = create<State & Actions>()((set, get) => {
  let generation = 0

  return {
    ...initial(),

    async load(branchId, year) {
      const b = branchId ?? get().branchId
      const y = year ?? get().year
      if (!b) return
      const gen = ++generation
      set({ branchId: b, year: y, loading: true, error: null })
      try {
        const data = await call('meeting.compliance', { branchId: b, year: y })
        if (gen !== generation) return
        set({ data, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: toApiError(e) })
      }
    },

    reset() {
      generation++
      set(initial())
    },
  }
})
