import { create } from 'zustand'
import type { AdminArticle } from '@/contract'
import { ApiError, call } from '@/services/api-client'

export type ArticleStatus = AdminArticle['status']

interface State {
  /** undefined: every status. */
  status: ArticleStatus | undefined
  items: AdminArticle[]
  total: number
  page: number
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
}

interface Actions {
  setStatus(status: ArticleStatus | undefined): Promise<void>
  refresh(): Promise<void>
  loadMore(): Promise<void>
  reset(): void
}

const initial: State = { status: undefined, items: [], total: 0, page: 0, loaded: false, loading: false, loadingMore: false, error: null }
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export const selectStudyAdminHasMore = (s: State) => s.items.length < s.total

/** 学习资料管理: the articles the admin may edit (a branch admin: their branch's), with read counts. */
export const useStudyAdminListStore = create<State & Actions>()((set, get) => {
  let generation = 0
  const input = (page: number) => ({ page, ...(get().status ? { status: get().status } : {}) })
  return {
    ...initial,

    async setStatus(status) {
      if (status === get().status && get().loaded) return
      generation++
      set({ status, items: [], total: 0, page: 0, loaded: false, error: null })
      await get().refresh()
    },

    async refresh() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('study.adminList', input(1))
        if (gen !== generation) return
        set({ items: out.items, total: out.total, page: 1, loaded: true, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !selectStudyAdminHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('study.adminList', input(s.page + 1))
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
