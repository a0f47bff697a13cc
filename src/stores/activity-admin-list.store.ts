import { create } from 'zustand'
import type { ActivityView } from '@/contract'
import { ApiError, call } from '@/services/api-client'

interface State {
  items: ActivityView[]
  total: number
  page: number
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
}

interface Actions {
  refresh(): Promise<void>
  loadMore(): Promise<void>
  reset(): void
}

const initial: State = { items: [], total: 0, page: 0, loaded: false, loading: false, loadingMore: false, error: null }
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export const selectActivityAdminHasMore = (s: State) => s.items.length < s.total

/** 活动管理: every activity (drafts too), latest first, 20 at a time. */
export const useActivityAdminListStore = create<State & Actions>()((set, get) => {
  let generation = 0
  return {
    ...initial,

    async refresh() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('activity.manage', { page: 1 })
        if (gen !== generation) return
        set({ items: out.items, total: out.total, page: 1, loaded: true, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !selectActivityAdminHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('activity.manage', { page: s.page + 1 })
        if (gen !== generation) return
        const seen = new Set(get().items.map((a) => a.id))
        set({ items: [...get().items, ...out.items.filter((a) => !seen.has(a.id))], total: out.total, page: out.page, loadingMore: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loadingMore: false, error: asApiError(e) })
      }
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
