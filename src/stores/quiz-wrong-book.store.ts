import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { ApiError, call } from '@/services/api-client'
import type { PracticeFeedback } from './quiz-practice.store'

export type WrongItem = OutputOf<'quiz.wrongBook'>['items'][number]

interface State {
  items: WrongItem[]
  total: number
  page: number
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
  /** Redo answers given on this screen. */
  feedback: Record<string, PracticeFeedback & { choice: number[] }>
  /** The question with a redo or removal on its way. */
  busy: string | null
}

interface Actions {
  refresh(): Promise<void>
  loadMore(): Promise<void>
  /** 重做: checks the answer (a wrong one counts again). Throws ApiError. */
  redo(questionId: string, choice: number[]): Promise<PracticeFeedback>
  /** Clears a redo's verdict so the question can be answered again. */
  again(questionId: string): void
  /** 移除. Throws ApiError. */
  remove(questionId: string): Promise<void>
  reset(): void
}

const initial: State = { items: [], total: 0, page: 0, loaded: false, loading: false, loadingMore: false, error: null, feedback: {}, busy: null }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export const selectWrongHasMore = (s: State) => s.items.length < s.total

/** 错题本: the member's wrong questions, most recent first, 20 at a time; redo and remove. */
export const useQuizWrongBookStore = create<State & Actions>()((set, get) => {
  let generation = 0
  const withBusy = async <T>(qid: string, run: () => Promise<T>): Promise<T> => {
    set({ busy: qid })
    try {
      return await run()
    } finally {
      set({ busy: null })
    }
  }

  return {
    ...initial,

    async refresh() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('quiz.wrongBook', { page: 1 })
        if (gen !== generation) return
        set({ items: out.items, total: out.total, page: 1, loaded: true, loading: false, feedback: {} })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !selectWrongHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('quiz.wrongBook', { page: s.page + 1 })
        if (gen !== generation) return
        const seen = new Set(get().items.map((q) => q.id))
        set({ items: [...get().items, ...out.items.filter((q) => !seen.has(q.id))], total: out.total, page: out.page, loadingMore: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loadingMore: false, error: asApiError(e) })
      }
    },

    redo(questionId, choice) {
      return withBusy(questionId, async () => {
        const fb = await call('quiz.practiceAnswer', { questionId, choice, source: 'wrong_book' })
        set({
          feedback: { ...get().feedback, [questionId]: { ...fb, choice } },
          items: fb.correct ? get().items : get().items.map((q) => (q.id === questionId ? { ...q, wrongCount: q.wrongCount + 1 } : q)),
        })
        return fb
      })
    },

    again(questionId) {
      const { [questionId]: _done, ...feedback } = get().feedback
      set({ feedback })
    },

    remove(questionId) {
      return withBusy(questionId, async () => {
        await call('quiz.removeWrong', { questionId })
        const { [questionId]: _gone, ...feedback } = get().feedback
        set({ items: get().items.filter((q) => q.id !== questionId), total: Math.max(0, get().total - 1), feedback })
      })
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
