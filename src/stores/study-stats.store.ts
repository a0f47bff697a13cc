import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

type Stats = OutputOf<'study.articleStats'>

interface State {
  articleId: string | null
  /** The branch whose names are shown; undefined = the cloud's choice (a branch admin's own). */
  branchId?: string
  stats: Stats | null
  loading: boolean
  error: ApiError | null
  exporting: boolean
}

interface Actions {
  load(articleId: string): Promise<void>
  selectBranch(branchId: string | undefined): Promise<void>
  /** 导出 Excel of this article's readers. Throws ApiError. */
  exportStats(): Promise<OutputOf<'study.exportStats'>>
  reset(): void
}

const initial: State = {
  articleId: null,
  branchId: undefined,
  stats: null,
  loading: false,
  error: null,
  exporting: false,
}

/** 阅读统计 of one article: audience, read / not read by branch, names, average time. */
export const useStudyStatsStore = create<State & Actions>()((set, get) => {
  let generation = 0
  return {
    ...initial,

    async load(articleId) {
      const gen = ++generation
      if (get().articleId !== articleId) set({ articleId, stats: null, branchId: undefined })
      set({ loading: true, error: null })
      const { branchId } = get()
      try {
        const stats = await call('study.articleStats', { articleId, ...(branchId ? { branchId } : {}) })
        if (gen !== generation) return
        set({ stats, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: toApiError(e) })
      }
    },

    async selectBranch(branchId) {
      const { articleId } = get()
      set({ branchId })
      if (articleId) await get().load(articleId)
    },

    async exportStats() {
      const { articleId } = get()
      if (!articleId) throw new ApiError('NOT_FOUND')
      set({ exporting: true })
      try {
        return await call('study.exportStats', { articleId })
      } finally {
        set({ exporting: false })
      }
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
