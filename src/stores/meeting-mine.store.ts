import { create } from 'zustand'
import type { MyMeeting } from '@/contract'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'

export type MineTab = 'upcoming' | 'past'

interface State extends PagedListState<MyMeeting> {
  tab: MineTab
}

interface Actions extends PagedListActions {
  /** Switches between 即将召开 and 已召开 and loads the first page. */
  setTab(tab: MineTab): Promise<void>
}

const initial: State = { tab: 'upcoming', ...emptyPage }

export const selectMineHasMore = (s: State) => hasMore(s)

/** 我的会议: the member's upcoming or past meetings with their own status, 20 at a time. */
export const useMeetingMineStore = create<State & Actions>()((set, get) => {
  // restart() drops a slow answer for the tab the member just left, so it cannot replace the tab they are on.
  const list = pagedList(set, get, { initial, fetch: (page) => call('meeting.mine', { when: get().tab, page }) })
  return {
    ...initial,
    ...list.actions,

    async setTab(tab) {
      if (tab === get().tab && get().loaded) return
      await list.restart({ tab })
    },
  }
})
