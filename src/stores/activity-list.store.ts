import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import type { ActivityKind } from '@/domain/activity.rules'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'

export type ActivityListItem = OutputOf<'activity.list'>['items'][number]
export type ActivityFilter = 'all' | 'open' | 'mine'

interface State extends PagedListState<ActivityListItem> {
  /** null: both kinds. */
  kind: ActivityKind | null
  filter: ActivityFilter
}

interface Actions extends PagedListActions {
  setKind(kind: ActivityKind | null): Promise<void>
  setFilter(filter: ActivityFilter): Promise<void>
}

const initial: State = { kind: null, filter: 'all', ...emptyPage }

export const selectActivityHasMore = (s: State) => hasMore(s)

/** 活动 tab: activities the member may join, by kind, open for sign-up or mine, 20 at a time. */
export const useActivityListStore = create<State & Actions>()((set, get) => {
  const list = pagedList(set, get, {
    initial,
    fetch: (page) => {
      const { kind, filter } = get()
      return call('activity.list', { page, filter, ...(kind ? { kind } : {}) })
    },
  })
  return {
    ...initial,
    ...list.actions,

    async setKind(kind) {
      if (kind === get().kind && get().loaded) return
      await list.restart({ kind })
    },

    async setFilter(filter) {
      if (filter === get().filter && get().loaded) return
      await list.restart({ filter })
    },
  }
})
