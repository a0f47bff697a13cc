import { create } from 'zustand'
import type { AttemptResult } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  result: AttemptResult | null
  /** The attempt is still under way (opened from an old link): the page sends the member back to it. */
  inProgress: string | null
  loading: boolean
  error: ApiError | null
}

interface Actions {
  load(attemptId: string): Promise<void>
  reset(): void
}

const initial: State = { result: null, inProgress: null, loading: false, error: null }

/** 成绩: one submitted attempt, with answers and explanations when the test shows them. */
export const useQuizResultStore = create<State & Actions>()((set) => {
  let generation = 0
  return {
    ...initial,

    async load(attemptId) {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('quiz.attempt', { attemptId })
        if (gen !== generation) return
        set({ result: out.result, inProgress: out.result ? null : attemptId, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: toApiError(e) })
      }
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
