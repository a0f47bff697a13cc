import { create } from 'zustand'
import type { InputOf, OutputOf } from '@/contract'
import { ApiError, call } from '@/services/api-client'

export type AdminMeetingFilter = Pick<InputOf<'meeting.list'>, 'branchId' | 'status'>
export type AdminMeetingItem = OutputOf<'meeting.list'>['items'][number]

interface State {
  filter: AdminMeetingFilter
  items: AdminMeetingItem[]
  total: number
  page: number
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
}

interface Actions {
  setFilter(patch: Partial<AdminMeetingFilter>): Promise<void>
  refresh(): Promise<void>
  loadMore(): Promise<void>
  reset(): void
}

const initial: State = { filter: {}, items: [], total: 0, page: 0, loaded: false, loading: false, loadingMore: false, error: null }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

function clean(f: AdminMeetingFilter): AdminMeetingFilter {
  const out: AdminMeetingFilter = {}
  if (f.branchId) out.branchId = f.branchId
  if (f.status) out.status = f.status
  return out
}

export const selectAdminMeetingsHasMore = (s: State) => s.items.length < s.total

/** 会议管理: an organiser's meetings, newest first, with each one's tally; 20 at a time. */
export const useMeetingAdminListStore = create<State & Actions>()((set, get) => {
  let generation = 0

  return {
    ...initial,

    async setFilter(patch) {
      set({ filter: { ...get().filter, ...patch } })
      await get().refresh()
    },

    async refresh() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('meeting.list', { ...clean(get().filter), page: 1 })
        if (gen !== generation) return
        set({ items: out.items, total: out.total, page: 1, loaded: true, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !selectAdminMeetingsHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('meeting.list', { ...clean(s.filter), page: s.page + 1 })
        if (gen !== generation) return
        const seen = new Set(get().items.map((m) => m.id))
        set({ items: [...get().items, ...out.items.filter((m) => !seen.has(m.id))], total: out.total, page: out.page, loadingMore: false })
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
