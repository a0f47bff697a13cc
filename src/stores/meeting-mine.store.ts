import { create } from 'zustand'
import type { MyMeeting } from '@/contract'
import { ApiError, call } from '@/services/api-client'

export type MineTab = 'upcoming' | 'past'

interface State {
  tab: MineTab
  items: MyMeeting[]
  total: number
  page: number
  /** Whether the current tab has answered at least once: an empty list before that is "still loading". */
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
}

interface Actions {
  /** Switches between 即将召开 and 已召开 and loads the first page. */
  setTab(tab: MineTab): Promise<void>
  refresh(): Promise<void>
  loadMore(): Promise<void>
  reset(): void
}

const initial: State = { tab: 'upcoming', items: [], total: 0, page: 0, loaded: false, loading: false, loadingMore: false, error: null }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export const selectMineHasMore = (s: State) => s.items.length < s.total

/** 我的会议: the member's upcoming or past meetings with their own status, 20 at a time. */
export const useMeetingMineStore = create<State & Actions>()((set, get) => {
  // A slow answer for the tab the member just left must not replace the list of the tab they are on.
  let generation = 0

  return {
    ...initial,

    async setTab(tab) {
      if (tab === get().tab && get().loaded) return
      generation++
      set({ tab, items: [], total: 0, page: 0, loaded: false, error: null })
      await get().refresh()
    },

    async refresh() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('meeting.mine', { when: get().tab, page: 1 })
        if (gen !== generation) return
        set({ items: out.items, total: out.total, page: 1, loaded: true, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !selectMineHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('meeting.mine', { when: s.tab, page: s.page + 1 })
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
