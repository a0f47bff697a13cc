import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { china } from '@/domain/time'
import { ApiError, call, toApiError } from '@/services/api-client'

export type StatsScope = 'branch' | 'org'

interface State {
  scope: StatsScope
  /** The branch for the branch view; undefined = the caller's own. */
  branchId?: string
  year: number
  stats: OutputOf<'meeting.stats'> | null
  loading: boolean
  error: ApiError | null
  exporting: boolean
}

interface Actions {
  setQuery(patch: Partial<Pick<State, 'scope' | 'branchId' | 'year'>>): Promise<void>
  load(): Promise<void>
  /** 导出 Excel for the branch and year shown. Throws ApiError. */
  exportBranch(): Promise<OutputOf<'meeting.export'>>
  reset(): void
}

const thisYear = () => china(Date.now()).year()

const initial = (): State => ({
  scope: 'branch',
  branchId: undefined,
  year: thisYear(),
  stats: null,
  loading: false,
  error: null,
  exporting: false,
})

/** The year as China-time instants with offset; the cloud clips `to` at now. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01T00:00:00+08:00`, to: `${year}-12-31T23:59:59+08:00` }
}

/** 出勤统计: a branch's (or, for the committee, every branch's) attendance over a year. */
export const useMeetingStatsStore = create<State & Actions>()((set, get) => {
  let generation = 0

  return {
    ...initial(),

    async setQuery(patch) {
      set({ ...patch, stats: null })
      await get().load()
    },

    async load() {
      const gen = ++generation
      const { scope, branchId, year } = get()
      set({ loading: true, error: null })
      try {
        const stats = await call('meeting.stats', {
          kind: scope,
          ...(scope === 'branch' && branchId ? { branchId } : {}),
          ...yearRange(year),
        })
        if (gen !== generation) return
        set({ stats, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: toApiError(e) })
      }
    },

    async exportBranch() {
      const { branchId, year } = get()
      set({ exporting: true })
      try {
        return await call('meeting.export', { kind: 'branch', ...(branchId ? { branchId } : {}), ...yearRange(year) })
      } finally {
        set({ exporting: false })
      }
    },

    reset() {
      generation++
      set(initial())
    },
  }
})
