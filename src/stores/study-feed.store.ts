import { create } from 'zustand'
import type { ArticleCard } from '@/contract'
import type { ArticleCategory } from '@/domain/read.rules'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'

interface State extends PagedListState<ArticleCard> {
  /** null: every category (最新). */
  category: ArticleCategory | null
  /** The title search as submitted (not as typed). */
  keyword: string
  /** Required items (unread first); the cloud sends them on the first page of an unfiltered-by-title feed. */
  required: ArticleCard[]
  /** The template to ask consent for (null: notifications are not set up in this environment). */
  subscribeTemplateId: string | null
}

interface Actions extends PagedListActions {
  setCategory(category: ArticleCategory | null): Promise<void>
  search(keyword: string): Promise<void>
  /** Records the member's answer to the subscribe prompt; returns the credits held. Throws ApiError. */
  subscribe(accepted: boolean): Promise<number>
}

const initial: State = { category: null, keyword: '', required: [], subscribeTemplateId: null, ...emptyPage }

export const selectFeedHasMore = (s: State) => hasMore(s)
export const selectUnreadRequired = (s: State) => s.required.filter((a) => !a.read).length

/** 学习 tab: required items first, then the latest by category or title, 20 at a time. */
export const useStudyFeedStore = create<State & Actions>()((set, get) => {
  // restart() drops a slow answer for the category the member just left, so it cannot replace the list they are looking at.
  const list = pagedList(set, get, {
    initial,
    fetch: (page) => {
      const { category, keyword } = get()
      return call('study.feed', { page, ...(category ? { category } : {}), ...(keyword ? { keyword } : {}) })
    },
    // The required items and the template are taken from the first page; later pages leave them as they are.
    firstPage: (out) => ({ required: out.required, subscribeTemplateId: out.subscribeTemplateId }),
  })

  return {
    ...initial,
    ...list.actions,

    async setCategory(category) {
      if (category === get().category && get().loaded) return
      await list.restart({ category })
    },

    async search(keyword) {
      await list.restart({ keyword: keyword.trim() })
    },

    async subscribe(accepted) {
      const templateId = get().subscribeTemplateId
      if (!templateId) return 0
      const { credits } = await call('study.subscribe', { templateId, accepted })
      return credits
    },
  }
})
