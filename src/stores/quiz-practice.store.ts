import { create } from 'zustand'
import type { OutputOf, PaperQuestion } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

/** What the cloud said about one answer: right or wrong, the key and the explanation. */
export type PracticeFeedback = OutputOf<'quiz.practiceAnswer'>

interface State {
  date: string | null
  questions: PaperQuestion[]
  /** Answered earlier today (the first answer of the day counts): the choice and whether it was right. */
  done: Record<string, { choice: number[]; correct: boolean }>
  /** Answers given on this screen, with the key. */
  feedback: Record<string, PracticeFeedback>
  current: number
  loaded: boolean
  loading: boolean
  error: ApiError | null
  /** The question whose answer is being checked. */
  checking: string | null
}

interface Actions {
  load(): Promise<void>
  go(index: number): void
  /** Checks an answer. Throws ApiError. */
  answer(questionId: string, choice: number[]): Promise<PracticeFeedback>
  reset(): void
}

const initial: State = {
  date: null,
  questions: [],
  done: {},
  feedback: {},
  current: 0,
  loaded: false,
  loading: false,
  error: null,
  checking: null,
}

/** 每日一练: today's few questions, each checked at once. */
export const useQuizPracticeStore = create<State & Actions>()((set, get) => {
  let generation = 0
  return {
    ...initial,

    async load() {
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('quiz.practiceToday', {})
        if (gen !== generation) return
        const first = out.questions.findIndex((q) => !out.answered[q.id])
        // A new day (or a first visit) starts at the first open question; a refresh keeps the place.
        const current = get().date === out.date ? get().current : first < 0 ? 0 : first
        set({ date: out.date, questions: out.questions, done: out.answered, current, loaded: true, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: toApiError(e) })
      }
    },

    go(index) {
      if (index >= 0 && index < get().questions.length) set({ current: index })
    },

    async answer(questionId, choice) {
      set({ checking: questionId })
      try {
        const fb = await call('quiz.practiceAnswer', { questionId, choice, source: 'daily' })
        const done = get().done[questionId] ?? { choice, correct: fb.correct }
        set({ feedback: { ...get().feedback, [questionId]: fb }, done: { ...get().done, [questionId]: done } })
        return fb
      } finally {
        set({ checking: null })
      }
    },

    reset() {
      generation++
      set(initial)
    },
  }
})

export const selectPracticeDoneCount = (s: State) => s.questions.filter((q) => s.done[q.id]).length
