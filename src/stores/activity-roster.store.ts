import { create } from 'zustand'
import type { ActivityView, OutputOf, SignupView } from '@/contract'
import type { SignupStatus } from '@/domain/activity.rules'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  activityId: string | null
  /** undefined: everyone. */
  status: SignupStatus | undefined
  activity: ActivityView | null
  items: SignupView[]
  counts: Record<SignupStatus, number> | null
  total: number
  page: number
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
  /** The sign-up an action is running for. */
  busyId: string | null
  exporting: boolean
}

interface Actions {
  load(activityId: string): Promise<void>
  setStatus(status: SignupStatus | undefined): Promise<void>
  loadMore(): Promise<void>
  /** Approve or reject a pending sign-up. Throws ApiError. */
  review(signupId: string, approve: boolean, reason?: string): Promise<SignupView>
  /** 手动递补 a waitlisted member (audited). Throws ApiError. */
  promote(signupId: string, reason: string): Promise<SignupView>
  /** 修改时长 in tenths of an hour (audited). Throws ApiError. */
  setHours(signupId: string, tenths: number, reason: string): Promise<SignupView>
  /** 截止报名. Throws ApiError. */
  closeSignup(): Promise<ActivityView>
  /** 导出名单. Throws ApiError. */
  exportRoster(): Promise<OutputOf<'activity.exportRoster'>>
  reset(): void
}

const initial: State = {
  activityId: null,
  status: undefined,
  activity: null,
  items: [],
  counts: null,
  total: 0,
  page: 0,
  loaded: false,
  loading: false,
  loadingMore: false,
  error: null,
  busyId: null,
  exporting: false,
}
const asApiError = (e: unknown) => toApiError(e)

export const selectRosterHasMore = (s: State) => s.items.length < s.total

/** 报名名单: an activity's sign-ups by status with counts, and the organiser's corrections. */
export const useActivityRosterStore = create<State & Actions>()((set, get) => {
  let generation = 0
  const input = (page: number) => {
    const { activityId, status } = get()
    return { activityId: activityId!, page, ...(status ? { status } : {}) }
  }
  const busy = async <T>(id: string, run: () => Promise<T>): Promise<T> => {
    set({ busyId: id })
    try {
      return await run()
    } finally {
      set({ busyId: null })
    }
  }
  // An action moves people between tabs and changes the counts: reload the current tab.
  const reloadQuietly = async () => {
    const gen = ++generation
    try {
      const out = await call('activity.roster', input(1))
      if (gen !== generation) return
      set({ activity: out.activity, items: out.items, counts: out.counts, total: out.total, page: 1, loaded: true })
    } catch {
      // The action succeeded; the list catches up on the next pull.
    }
  }

  return {
    ...initial,

    async load(activityId) {
      if (get().activityId !== activityId) set({ ...initial, activityId })
      const gen = ++generation
      set({ loading: true, error: null })
      try {
        const out = await call('activity.roster', input(1))
        if (gen !== generation) return
        set({
          activity: out.activity,
          items: out.items,
          counts: out.counts,
          total: out.total,
          page: 1,
          loaded: true,
          loading: false,
        })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: asApiError(e) })
      }
    },

    async setStatus(status) {
      const { activityId } = get()
      if (!activityId || (status === get().status && get().loaded)) return
      set({ status, items: [], total: 0, page: 0, loaded: false })
      await get().load(activityId)
    },

    async loadMore() {
      const s = get()
      if (!s.activityId || s.loading || s.loadingMore || !selectRosterHasMore(s)) return
      const gen = generation
      set({ loadingMore: true, error: null })
      try {
        const out = await call('activity.roster', input(s.page + 1))
        if (gen !== generation) return
        const seen = new Set(get().items.map((x) => x.id))
        set({
          items: [...get().items, ...out.items.filter((x) => !seen.has(x.id))],
          counts: out.counts,
          total: out.total,
          page: out.page,
          loadingMore: false,
        })
      } catch (e) {
        if (gen !== generation) return
        set({ loadingMore: false, error: asApiError(e) })
      }
    },

    review(signupId, approve, reason) {
      return busy(signupId, async () => {
        const { signup } = await call('activity.review', { signupId, approve, ...(reason ? { reason } : {}) })
        await reloadQuietly()
        return signup
      })
    },

    promote(signupId, reason) {
      return busy(signupId, async () => {
        const { signup } = await call('activity.promote', { signupId, ...(reason ? { reason } : {}) })
        await reloadQuietly()
        return signup
      })
    },

    setHours(signupId, tenths, reason) {
      return busy(signupId, async () => {
        const { signup } = await call('activity.setHours', { signupId, tenths, reason })
        set({ items: get().items.map((x) => (x.id === signupId ? signup : x)) })
        return signup
      })
    },

    async closeSignup() {
      const { activityId } = get()
      if (!activityId) throw new ApiError('NOT_FOUND')
      const { activity } = await call('activity.closeSignup', { activityId })
      set({ activity })
      return activity
    },

    async exportRoster() {
      const { activityId } = get()
      if (!activityId) throw new ApiError('NOT_FOUND')
      set({ exporting: true })
      try {
        return await call('activity.exportRoster', { activityId })
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
