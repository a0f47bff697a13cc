import { create } from 'zustand'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  items: Array<{ category: string; count: number }>
  loaded: boolean
  loading: boolean
  error: ApiError | null
}

interface Actions {
  load(force?: boolean): Promise<void>
  reset(): void
}

const initial: State = { items: [], loaded: false, loading: false, error: null }

/** The bank's categories with their active question counts (test form, bank filters, question form). */
export const useQuizCategoriesStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async load(force = false) {
    if (get().loading || (get().loaded && !force)) return
    set({ loading: true, error: null })
    try {
      const { items } = await call('quiz.categories', {})
      set({ items, loaded: true, loading: false })
    } catch (e) {
      set({ loading: false, error: toApiError(e) })
    }
  },

  reset() {
    set(initial)
  },
}))
