import { create } from 'zustand'
import type { ActivityView } from '@/contract'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'

type State = PagedListState<ActivityView>
type Actions = PagedListActions

const initial: State = { ...emptyPage }

export const selectActivityAdminHasMore = (s: State) => hasMore(s)

/** 活动管理: every activity (drafts too), latest first, 20 at a time. */
export const useActivityAdminListStore = create<State & Actions>()((set, get) => ({
  ...initial,
  ...pagedList(set, get, { initial, fetch: (page) => call('activity.manage', { page }) }).actions,
}))
