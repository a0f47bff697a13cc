import { create } from 'zustand'
import { call } from '@/services/api-client'

interface State {
  /** Unread required items; null until the first answer. */
  count: number | null
}

interface Actions {
  /** One small call; a failure keeps the last count (a badge is not worth an error message). */
  load(): Promise<number | null>
  reset(): void
}

const initial: State = { count: null }

/** The 首页 / 学习 tab badge: how many required items the member has not read yet. */
export const useStudyUnreadStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async load() {
    try {
      const { count } = await call('study.unreadRequired', {})
      set({ count })
      return count
    } catch {
      return get().count
    }
  },

  reset() {
    set(initial)
  },
}))
