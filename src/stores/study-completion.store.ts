import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

type Completion = OutputOf<'study.completion'>

interface State {
  /** China-time dates as picked (`2026-01-01`); empty = the cloud's default (this year to now). */
  from: string
  to: string
  data: Completion | null
  loading: boolean
  error: ApiError | null
  exporting: boolean
}

interface Actions {
  setPeriod(from: string, to: string): Promise<void>
  load(): Promise<void>
  /** 导出 Excel of the table. Throws ApiError. */
  exportCompletion(): Promise<OutputOf<'study.exportStats'>>
  reset(): void
}

const initial: State = { from: '', to: '', data: null, loading: false, error: null, exporting: false }

/** A China-time day as the cloud wants it: its start, or (for the end of a period) its last moment. */
const dayStart = (d: string) => `${d}T00:00:00+08:00`
const dayEnd = (d: string) => `${d}T23:59:59+08:00`

/** 必读完成情况: completion of required items by branch over a period. */
export const useStudyCompletionStore = create<State & Actions>()((set, get) => {
  let generation = 0
  const period = () => {
    const { from, to } = get()
    return { ...(from ? { from: dayStart(from) } : {}), ...(to ? { to: dayEnd(to) } : {}) }
  }
  return {
    ...initial,

    async setPeriod(from, to) {
      set({ from, to })
      await get().load()
    },

    async load() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const data = await call('study.completion', period())
        if (gen !== generation) return
        set({ data, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: toApiError(e) })
      }
    },

    async exportCompletion() {
      set({ exporting: true })
      try {
        return await call('study.exportStats', period())
      } finally {
        set({ exporting: false })
      }
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
