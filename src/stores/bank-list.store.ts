import { create } from 'zustand'
import type { InputOf, QuestionView } from '@/contract'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'

export type BankFilter = Omit<InputOf<'quiz.questions'>, 'page'>

interface State extends PagedListState<QuestionView> {
  filter: BankFilter
}

interface Actions extends PagedListActions {
  setFilter(patch: Partial<BankFilter>): Promise<void>
  /** Puts a saved or retired question in place (or drops it when it no longer matches the status shown). */
  replace(question: QuestionView): void
}

const initial: State = { filter: {}, ...emptyPage }

function clean(f: BankFilter): BankFilter {
  const out: BankFilter = {}
  const keyword = f.keyword?.trim()
  if (keyword) out.keyword = keyword.slice(0, 30)
  if (f.type) out.type = f.type
  if (f.category) out.category = f.category
  if (f.status) out.status = f.status
  return out
}

export const selectBankHasMore = (s: State) => hasMore(s)

/**
 * A page-by-page view of the question bank with its filter. Two instances: 题库管理, and the question picker of a
 * fixed paper, so picking questions for a test does not disturb the bank list (or the other way round).
 */
export function createBankListStore() {
  return create<State & Actions>()((set, get) => ({
    ...initial,
    ...pagedList(set, get, { initial, fetch: (page) => call('quiz.questions', { ...clean(get().filter), page }) })
      .actions,

    async setFilter(patch) {
      set({ filter: { ...get().filter, ...patch } })
      await get().refresh()
    },

    replace(question) {
      const shown = get().filter.status ?? 'active'
      const has = get().items.some((q) => q.id === question.id)
      if (!has) return
      if (question.status !== shown)
        set({ items: get().items.filter((q) => q.id !== question.id), total: Math.max(0, get().total - 1) })
      else set({ items: get().items.map((q) => (q.id === question.id ? question : q)) })
    },
  }))
}

/** 题库管理. */
export const useBankListStore = createBankListStore()

/** The question picker of a 固定试卷. */
export const useBankPickerStore = createBankListStore()
