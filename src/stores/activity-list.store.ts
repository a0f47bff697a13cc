import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import type { ActivityKind } from '@/domain/activity.rules'
import { ApiError, call } from '@/services/api-client'

export type ActivityListItem = OutputOf<'activity.list'>['items'][number]
export type ActivityFilter = 'all' | 'open' | 'mine'

interface State {
  /** null: both kinds. */
  kind: ActivityKind | null
  filter: ActivityFilter
  items: ActivityListItem[]
  total: number
  page: number
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
}

interface Actions {
  setKind(kind: ActivityKind | null): Promise<void>
  setFilter(filter: ActivityFilter): Promise<void>
  refresh(): Promise<void>
  loadMore(): Promise<void>
  reset(): void
}

const initial: State = { kind: null, filter: 'all', items: [], total: 0, page: 0, loaded: false, loading: false, loadingMore: false, error: null }
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export const selectActivityHasMore = (s: State) => s.items.length < s.total

/** 活动 tab: activities the member may join, by kind, open for sign-up or mine, 20 at a time. */
export const useActivityListStore = create<State & Actions>()((set, get) => {
  let generation = 0
  const input = (page: number) => {
    const { kind, filter } = get()
    return { page, filter, ...(kind ? { kind } : {}) }
  }
  const restart = async (patch: Partial<State>) => {
    generation++
    set({ ...patch, items: [], total: 0, page: 0, loaded: false, error: null })
    await get().refresh()
  }
  return {
    ...initial,

    async setKind(kind) {
      if (kind === get().kind && get().loaded) return
      await restart({ kind })
    },

    async setFilter(filter) {
      if (filter === get().filter && get().loaded) return
      await restart({ filter })
    },

    async refresh() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('activity.list', input(1))
        if (gen !== generation) return
        set({ items: out.items, total: out.total, page: 1, loaded: true, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !selectActivityHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('activity.list', input(s.page + 1))
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
