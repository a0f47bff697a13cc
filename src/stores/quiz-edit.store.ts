import { create } from 'zustand'
import { whileFlag } from './busy'
import type { InputOf, QuizView } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

export type QuizSaveInput = InputOf<'quiz.saveQuiz'>

interface State {
  /** The test being edited; null while creating a new one (until its first save). */
  quiz: QuizView | null
  loading: boolean
  error: ApiError | null
  saving: boolean
}

interface Actions {
  /** Loads a test for editing (the live view is the one admin read that carries the whole test). */
  load(quizId: string): Promise<void>
  /** 保存草稿 / 保存修改. Throws ApiError for the form. */
  save(input: QuizSaveInput): Promise<QuizView>
  /** Saves, then publishes (the cloud checks the bank has enough questions). Throws ApiError for the form. */
  publish(input: QuizSaveInput): Promise<QuizView>
  reset(): void
}

const initial: State = { quiz: null, loading: false, error: null, saving: false }

/** 新建/编辑测试: the one test of the form and its save and publish. */
export const useQuizEditStore = create<State & Actions>()((set) => {
  const saving = <T>(run: () => Promise<T>) => whileFlag(set, 'saving', run)

  return {
    ...initial,

    async load(quizId) {
      set({ loading: true, error: null })
      try {
        const { quiz } = await call('quiz.getQuiz', { quizId })
        set({ quiz, loading: false })
      } catch (e) {
        set({ loading: false, error: toApiError(e) })
      }
    },

    save(input) {
      return saving(async () => {
        const { quiz } = await call('quiz.saveQuiz', input)
        set({ quiz })
        return quiz
      })
    },

    publish(input) {
      return saving(async () => {
        const saved = await call('quiz.saveQuiz', input)
        set({ quiz: saved.quiz })
        const { quiz } = await call('quiz.publishQuiz', { quizId: saved.quiz.id })
        set({ quiz })
        return quiz
      })
    },

    reset() {
      set(initial)
    },
  }
})
