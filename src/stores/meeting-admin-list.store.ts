import { create } from 'zustand'
import type { InputOf, OutputOf } from '@/contract'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'

export type AdminMeetingFilter = Pick<InputOf<'meeting.list'>, 'branchId' | 'status'>
export type AdminMeetingItem = OutputOf<'meeting.list'>['items'][number]

interface State extends PagedListState<AdminMeetingItem> {
  filter: AdminMeetingFilter
}

interface Actions extends PagedListActions {
  setFilter(patch: Partial<AdminMeetingFilter>): Promise<void>
}

const initial: State = { filter: {}, ...emptyPage }

function clean(f: AdminMeetingFilter): AdminMeetingFilter {
  const out: AdminMeetingFilter = {}
  if (f.branchId) out.branchId = f.branchId
  if (f.status) out.status = f.status
  return out
}

export const selectAdminMeetingsHasMore = (s: State) => hasMore(s)

/** 会议管理: an organiser's meetings, newest first, with each one's tally; 20 at a time. */
export const useMeetingAdminListStore = create<State & Actions>()((set, get) => ({
  ...initial,
  ...pagedList(set, get, { initial, fetch: (page) => call('meeting.list', { ...clean(get().filter), page }) }).actions,

  async setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } })
    await get().refresh()
  },
}))
