import { create } from 'zustand'
import type { InputOf, QuestionView } from '@/contract'
import { ApiError, call } from '@/services/api-client'

export type BankFilter = Omit<InputOf<'quiz.questions'>, 'page'>

interface State {
  filter: BankFilter
  items: QuestionView[]
  total: number
  page: number
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
}

interface Actions {
  setFilter(patch: Partial<BankFilter>): Promise<void>
  refresh(): Promise<void>
  loadMore(): Promise<void>
  /** Puts a saved or retired question in place (or drops it when it no longer matches the status shown). */
  replace(question: QuestionView): void
  reset(): void
}

const initial: State = { filter: {}, items: [], total: 0, page: 0, loaded: false, loading: false, loadingMore: false, error: null }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

function clean(f: BankFilter): BankFilter {
  const out: BankFilter = {}
  const keyword = f.keyword?.trim()
  if (keyword) out.keyword = keyword.slice(0, 30)
  if (f.type) out.type = f.type
  if (f.category) out.category = f.category
  if (f.status) out.status = f.status
  return out
}

export const selectBankHasMore = (s: State) => s.items.length < s.total

/**
 * A page-by-page view of the question bank with its filter. Two instances: 题库管理, and the question picker of a
 * fixed paper, so picking questions for a test does not disturb the bank list (or the other way round).
 */
export function createBankListStore() {
  return create<State & Actions>()((set, get) => {
    let generation = 0
    return {
      ...initial,

      async setFilter(patch) {
        set({ filter: { ...get().filter, ...patch } })
        await get().refresh()
      },

      async refresh() {
        const gen = ++generation
        set({ loading: true, error: null })
        try {
          const out = await call('quiz.questions', { ...clean(get().filter), page: 1 })
          if (gen !== generation) return
          set({ items: out.items, total: out.total, page: 1, loaded: true, loading: false })
        } catch (e) {
          if (gen !== generation) return
          set({ loading: false, error: asApiError(e) })
        }
      },

      async loadMore() {
        const s = get()
        if (s.loading || s.loadingMore || !selectBankHasMore(s)) return
        const gen = generation
        set({ loadingMore: true, error: null })
        try {
          const out = await call('quiz.questions', { ...clean(s.filter), page: s.page + 1 })
          if (gen !== generation) return
          const seen = new Set(get().items.map((q) => q.id))
          set({ items: [...get().items, ...out.items.filter((q) => !seen.has(q.id))], total: out.total, page: out.page, loadingMore: false })
        } catch (e) {
          if (gen !== generation) return
          set({ loadingMore: false, error: asApiError(e) })
        }
      },

      replace(question) {
        const shown = get().filter.status ?? 'active'
        const has = get().items.some((q) => q.id === question.id)
        if (!has) return
        if (question.status !== shown) set({ items: get().items.filter((q) => q.id !== question.id), total: Math.max(0, get().total - 1) })
        else set({ items: get().items.map((q) => (q.id === question.id ? question : q)) })
      },

      reset() {
        generation++
        set(initial)
      },
    }
  })
}

/** 题库管理. */
export const useBankListStore = createBankListStore()

/** The question picker of a 固定试卷. */
export const useBankPickerStore = createBankListStore()
