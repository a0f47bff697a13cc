import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'
import type { PracticeFeedback } from './quiz-practice.store'

export type WrongItem = OutputOf<'quiz.wrongBook'>['items'][number]

interface State extends PagedListState<WrongItem> {
  /** Redo answers given on this screen. */
  feedback: Record<string, PracticeFeedback & { choice: number[] }>
  /** The question with a redo or removal on its way. */
  busy: string | null
}

interface Actions extends PagedListActions {
  /** 重做: checks the answer (a wrong one counts again). Throws ApiError. */
  redo(questionId: string, choice: number[]): Promise<PracticeFeedback>
  /** Clears a redo's verdict so the question can be answered again. */
  again(questionId: string): void
  /** 移除. Throws ApiError. */
  remove(questionId: string): Promise<void>
}

const initial: State = { ...emptyPage, feedback: {}, busy: null }

export const selectWrongHasMore = (s: State) => hasMore(s)

/** 错题本: the member's wrong questions, most recent first, 20 at a time; redo and remove. */
export const useQuizWrongBookStore = create<State & Actions>()((set, get) => {
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
    // Redo verdicts belong to the rows they were given on; a fresh first page starts without them.
    ...pagedList(set, get, {
      initial,
      fetch: (page) => call('quiz.wrongBook', { page }),
      firstPage: () => ({ feedback: {} }),
    }).actions,

    redo(questionId, choice) {
      return withBusy(questionId, async () => {
        const fb = await call('quiz.practiceAnswer', { questionId, choice, source: 'wrong_book' })
        set({
          feedback: { ...get().feedback, [questionId]: { ...fb, choice } },
          items: fb.correct
            ? get().items
            : get().items.map((q) => (q.id === questionId ? { ...q, wrongCount: q.wrongCount + 1 } : q)),
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
  }
})
