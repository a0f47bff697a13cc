import { create } from 'zustand'
import type { ArticleCard } from '@/contract'
import type { ArticleCategory } from '@/domain/read.rules'
import { ApiError, call } from '@/services/api-client'

interface State {
  /** null: every category (最新). */
  category: ArticleCategory | null
  /** The title search as submitted (not as typed). */
  keyword: string
  /** Required items (unread first); the cloud sends them on the first page of an unfiltered-by-title feed. */
  required: ArticleCard[]
  items: ArticleCard[]
  total: number
  page: number
  /** The template to ask consent for (null: notifications are not set up in this environment). */
  subscribeTemplateId: string | null
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
}

interface Actions {
  setCategory(category: ArticleCategory | null): Promise<void>
  search(keyword: string): Promise<void>
  refresh(): Promise<void>
  loadMore(): Promise<void>
  /** Records the member's answer to the subscribe prompt; returns the credits held. Throws ApiError. */
  subscribe(accepted: boolean): Promise<number>
  reset(): void
}

const initial: State = {
  category: null, keyword: '', required: [], items: [], total: 0, page: 0, subscribeTemplateId: null, loaded: false, loading: false, loadingMore: false, error: null,
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export const selectFeedHasMore = (s: State) => s.items.length < s.total
export const selectUnreadRequired = (s: State) => s.required.filter((a) => !a.read).length

/** 学习 tab: required items first, then the latest by category or title, 20 at a time. */
export const useStudyFeedStore = create<State & Actions>()((set, get) => {
  // A slow answer for the category the member just left must not replace the list they are looking at.
  let generation = 0
  const input = (page: number) => {
    const { category, keyword } = get()
    return { page, ...(category ? { category } : {}), ...(keyword ? { keyword } : {}) }
  }

  return {
    ...initial,

    async setCategory(category) {
      if (category === get().category && get().loaded) return
      generation++
      set({ category, items: [], total: 0, page: 0, loaded: false, error: null })
      await get().refresh()
    },

    async search(keyword) {
      generation++
      set({ keyword: keyword.trim(), items: [], total: 0, page: 0, loaded: false, error: null })
      await get().refresh()
    },

    async refresh() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('study.feed', input(1))
        if (gen !== generation) return
        set({ required: out.required, items: out.items, total: out.total, page: 1, subscribeTemplateId: out.subscribeTemplateId, loaded: true, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !selectFeedHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('study.feed', input(s.page + 1))
        if (gen !== generation) return
        const seen = new Set(get().items.map((a) => a.id))
        set({ items: [...get().items, ...out.items.filter((a) => !seen.has(a.id))], total: out.total, page: out.page, loadingMore: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loadingMore: false, error: asApiError(e) })
      }
    },

    async subscribe(accepted) {
      const templateId = get().subscribeTemplateId
      if (!templateId) return 0
      const { credits } = await call('study.subscribe', { templateId, accepted })
      return credits
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
