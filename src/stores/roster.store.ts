import { create } from 'zustand'
import type { InputOf, MemberView, OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

export type RosterFilter = Pick<InputOf<'member.list'>, 'orgId' | 'keyword' | 'bindStatus' | 'status'>

const PAGE_SIZE = 20

interface State {
  filter: RosterFilter
  items: MemberView[]
  total: number
  page: number
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
}

interface Actions {
  /** Changes the filter and reloads from the first page. */
  setFilter(patch: Partial<RosterFilter>): Promise<void>
  refresh(): Promise<void>
  loadMore(): Promise<void>
  /** 导出花名册 for the current branch filter; full phones only for org admins (the cloud audits it). Throws ApiError. */
  exportRoster(fullPhones: boolean): Promise<OutputOf<'member.exportRoster'>>
  /** Puts a member changed elsewhere (role, post, branch, status) in place, or drops it when it left the filter. */
  replace(member: MemberView): void
  reset(): void
}

const initial: State = { filter: {}, items: [], total: 0, page: 0, loading: false, loadingMore: false, error: null }

const asApiError = (e: unknown) => toApiError(e)

function clean(filter: RosterFilter): RosterFilter {
  const out: RosterFilter = {}
  if (filter.orgId) out.orgId = filter.orgId
  if (filter.keyword && filter.keyword.trim()) out.keyword = filter.keyword.trim()
  if (filter.bindStatus) out.bindStatus = filter.bindStatus
  if (filter.status) out.status = filter.status
  return out
}

export const selectHasMore = (s: State) => s.items.length < s.total

/** The admin roster (花名册): one filtered list, fetched 20 rows at a time. */
export const useRosterStore = create<State & Actions>()((set, get) => {
  // Answers from an older filter must not overwrite a newer list.
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
        const out = await call('member.list', { ...clean(get().filter), page: 1, pageSize: PAGE_SIZE })
        if (gen !== generation) return
        set({ items: out.items, total: out.total, page: 1, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !selectHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('member.list', { ...clean(s.filter), page: s.page + 1, pageSize: PAGE_SIZE })
        if (gen !== generation) return
        const seen = new Set(get().items.map((m) => m.id))
        set({
          items: [...get().items, ...out.items.filter((m) => !seen.has(m.id))],
          total: out.total,
          page: out.page,
          loadingMore: false,
        })
      } catch (e) {
        if (gen !== generation) return
        set({ loadingMore: false, error: asApiError(e) })
      }
    },

    exportRoster(fullPhones) {
      const { orgId } = get().filter
      return call('member.exportRoster', { orgId, fullPhones })
    },

    replace(member) {
      const { filter, items, total } = get()
      const stays =
        (filter.status ?? 'active') === member.status &&
        (!filter.orgId || [member.branchId, member.groupId].includes(filter.orgId))
      const had = items.some((m) => m.id === member.id)
      if (stays) set({ items: items.map((m) => (m.id === member.id ? member : m)) })
      else if (had) set({ items: items.filter((m) => m.id !== member.id), total: Math.max(0, total - 1) })
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
