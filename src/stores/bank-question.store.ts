import { create } from 'zustand'
import type { InputOf, QuestionView } from '@/contract'
import { ApiError, call } from '@/services/api-client'

export type QuestionSaveInput = InputOf<'quiz.saveQuestion'>

interface State {
  /** The question being edited, handed over by the bank list (the cloud has no single-question read); null = new. */
  question: QuestionView | null
  saving: boolean
}

interface Actions {
  /** Opens the form on a question from the list, or blank. */
  begin(question: QuestionView | null): void
  /** Saves; returns the saved question. Throws ApiError for the form. */
  save(input: QuestionSaveInput): Promise<QuestionView>
  /** 停用 / 恢复. Throws ApiError. */
  setRetired(retired: boolean): Promise<QuestionView>
  reset(): void
}

const initial: State = { question: null, saving: false }

/** 新增/编辑试题: one question's save and retire. */
export const useBankQuestionStore = create<State & Actions>()((set, get) => {
  const saving = async <T>(run: () => Promise<T>): Promise<T> => {
    set({ saving: true })
    try {
      return await run()
    } finally {
      set({ saving: false })
    }
  }

  return {
    ...initial,

    begin(question) {
      set({ question, saving: false })
    },

    save(input) {
      return saving(async () => {
        const { question } = await call('quiz.saveQuestion', input)
        set({ question })
        return question
      })
    },

    setRetired(retired) {
      const current = get().question
      if (!current) return Promise.reject(new ApiError('NOT_FOUND'))
      return saving(async () => {
        const { question } = await call('quiz.retireQuestion', { id: current.id, retired })
        set({ question })
        return question
      })
    },

    reset() {
      set(initial)
    },
  }
})
