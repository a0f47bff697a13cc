import { create } from 'zustand'
import type { LeaveStatus, LeaveView } from '@/contract'
import { ApiError, call } from '@/services/api-client'

interface State {
  status: LeaveStatus
  items: LeaveView[]
  total: number
  page: number
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
  /** Leave ids with a decision on its way. */
  busy: string[]
}

interface Actions {
  setStatus(status: LeaveStatus): Promise<void>
  refresh(): Promise<void>
  loadMore(): Promise<void>
  /** Approves or rejects; the request leaves the pending list. Throws ApiError. */
  review(leaveId: string, approve: boolean, reason?: string): Promise<void>
  reset(): void
}

const initial: State = { status: 'pending', items: [], total: 0, page: 0, loaded: false, loading: false, loadingMore: false, error: null, busy: [] }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export const selectLeavesHasMore = (s: State) => s.items.length < s.total

/** 请假审批: the branch's leave requests by status, 20 at a time, and the organiser's decisions. */
export const useMeetingLeavesStore = create<State & Actions>()((set, get) => {
  let generation = 0

  return {
    ...initial,

    async setStatus(status) {
      generation++
      set({ status, items: [], total: 0, page: 0, loaded: false })
      await get().refresh()
    },

    async refresh() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('meeting.leaves', { status: get().status, page: 1 })
        if (gen !== generation) return
        set({ items: out.items, total: out.total, page: 1, loaded: true, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !selectLeavesHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('meeting.leaves', { status: s.status, page: s.page + 1 })
        if (gen !== generation) return
        const seen = new Set(get().items.map((l) => l.id))
        set({ items: [...get().items, ...out.items.filter((l) => !seen.has(l.id))], total: out.total, page: out.page, loadingMore: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loadingMore: false, error: asApiError(e) })
      }
    },

    async review(leaveId, approve, reason) {
      set({ busy: [...get().busy, leaveId] })
      try {
        await call('meeting.reviewLeave', reason ? { leaveId, approve, reason } : { leaveId, approve })
        // Decided requests no longer belong to the list being shown (it is filtered by status).
        set({ items: get().items.filter((l) => l.id !== leaveId), total: Math.max(0, get().total - 1) })
      } finally {
        set({ busy: get().busy.filter((id) => id !== leaveId) })
      }
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
