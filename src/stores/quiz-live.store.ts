import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

type Live = OutputOf<'quiz.liveView'>

interface State {
  quizId: string | null
  /** The branch whose names are shown; undefined = the cloud's choice (a branch admin's own). */
  branchId?: string
  live: Live | null
  loading: boolean
  error: ApiError | null
  exporting: boolean
}

interface Actions {
  /** Loads the view; `silent` for the 10-second refresh, which keeps the last view on screen and on failure. */
  load(quizId: string, opts?: { silent?: boolean }): Promise<void>
  /** Shows one branch's names. */
  selectBranch(branchId: string | undefined): Promise<void>
  /** 导出成绩 for every branch the caller sees (a branch admin: their own). Throws ApiError. */
  exportResults(): Promise<OutputOf<'quiz.exportResults'>>
  reset(): void
}

const initial: State = { quizId: null, branchId: undefined, live: null, loading: false, error: null, exporting: false }

/** 实时情况: who has taken a test by branch, names, averages, pass rates and question correct rates. */
export const useQuizLiveStore = create<State & Actions>()((set, get) => {
  let generation = 0
  return {
    ...initial,

    async load(quizId, opts = {}) {
      const gen = ++generation
      if (get().quizId !== quizId) set({ quizId, live: null, branchId: undefined })
      if (!opts.silent) set({ loading: true, error: null })
      const { branchId } = get()
      try {
        const live = await call('quiz.liveView', { quizId, ...(branchId ? { branchId } : {}) })
        if (gen !== generation) return
        set({ live, loading: false, error: null })
      } catch (e) {
        if (gen !== generation) return
        // A failed background refresh keeps the last good view; only a visible load reports the error.
        if (!opts.silent || !get().live) set({ loading: false, error: toApiError(e) })
      }
    },

    async selectBranch(branchId) {
      const quizId = get().quizId
      set({ branchId })
      if (quizId) await get().load(quizId)
    },

    async exportResults() {
      const { quizId } = get()
      if (!quizId) throw new ApiError('NOT_FOUND')
      set({ exporting: true })
      try {
        return await call('quiz.exportResults', { quizId })
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
