import { create } from 'zustand'
import type { MyQuiz } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  items: MyQuiz[]
  loaded: boolean
  loading: boolean
  error: ApiError | null
}

interface Actions {
  load(): Promise<void>
  reset(): void
}

const initial: State = { items: [], loaded: false, loading: false, error: null }

/** 法规测试 home: the tests this member may take and where they stand in each (a handful, no paging). */
export const useQuizAvailableStore = create<State & Actions>()((set) => {
  let generation = 0
  return {
    ...initial,

    async load() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const { items } = await call('quiz.available', {})
        if (gen !== generation) return
        set({ items, loaded: true, loading: false })
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
