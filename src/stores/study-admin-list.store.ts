import { create } from 'zustand'
import type { AdminArticle } from '@/contract'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'

export type ArticleStatus = AdminArticle['status']

interface State extends PagedListState<AdminArticle> {
  /** undefined: every status. */
  status: ArticleStatus | undefined
}

interface Actions extends PagedListActions {
  setStatus(status: ArticleStatus | undefined): Promise<void>
}

const initial: State = { status: undefined, ...emptyPage }

export const selectStudyAdminHasMore = (s: State) => hasMore(s)

/** 学习资料管理: the articles the admin may edit (a branch admin: their branch's), with read counts. */
export const useStudyAdminListStore = create<State & Actions>()((set, get) => {
  const list = pagedList(set, get, {
    initial,
    fetch: (page) => call('study.adminList', { page, ...(get().status ? { status: get().status } : {}) }),
  })
  return {
    ...initial,
    ...list.actions,

    async setStatus(status) {
      if (status === get().status && get().loaded) return
      await list.restart({ status })
    },
  }
})
