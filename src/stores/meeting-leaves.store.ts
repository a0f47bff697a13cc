import { create } from 'zustand'
import type { LeaveStatus, LeaveView } from '@/contract'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'

interface State extends PagedListState<LeaveView> {
  status: LeaveStatus
  /** Leave ids with a decision on its way. */
  busy: string[]
}

interface Actions extends PagedListActions {
  setStatus(status: LeaveStatus): Promise<void>
  /** Approves or rejects; the request leaves the pending list. Throws ApiError. */
  review(leaveId: string, approve: boolean, reason?: string): Promise<void>
}

const initial: State = { status: 'pending', ...emptyPage, busy: [] }

export const selectLeavesHasMore = (s: State) => hasMore(s)

/** 请假审批: the branch's leave requests by status, 20 at a time, and the organiser's decisions. */
export const useMeetingLeavesStore = create<State & Actions>()((set, get) => ({
  ...initial,
  ...pagedList(set, get, { initial, fetch: (page) => call('meeting.leaves', { status: get().status, page }) }).actions,

  async setStatus(status) {
    // Not restart(): this list has always kept a shown error until the refresh below clears it. The refresh
    // also starts a new generation, so an answer for the previous status is dropped.
    set({ status, items: [], total: 0, page: 0, loaded: false })
    await get().refresh()
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
}))
