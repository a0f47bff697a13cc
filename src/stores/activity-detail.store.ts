import { create } from 'zustand'
import type { ActivityView, OutputOf, SignupView } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  activityId: string | null
  activity: ActivityView | null
  mine: SignupView | null
  /** The promotion-notice template, when the cloud tells it (not part of the contract yet). */
  subscribeTemplateId: string | null
  loading: boolean
  error: ApiError | null
  busy: boolean
}

interface Actions {
  load(activityId: string): Promise<void>
  /** 报名 with the extra fields. Throws ApiError for the form. */
  signup(extra: Array<{ key: string; value: string }>): Promise<OutputOf<'activity.signup'>>
  /** 取消报名. Throws ApiError. */
  cancel(): Promise<OutputOf<'activity.cancel'>>
  /** Records consent to the "you got a place" message. Throws ApiError. */
  subscribe(templateId: string, accepted: boolean): Promise<number>
  reset(): void
}

const initial: State = {
  activityId: null,
  activity: null,
  mine: null,
  subscribeTemplateId: null,
  loading: false,
  error: null,
  busy: false,
}

const templateOf = (out: { subscribeTemplateId: string | null }): string | null => out.subscribeTemplateId || null

/** 活动详情: one activity, places left, and the member's own sign-up. */
export const useActivityDetailStore = create<State & Actions>()((set, get) => {
  const busy = async <T>(run: () => Promise<T>): Promise<T> => {
    set({ busy: true })
    try {
      return await run()
    } finally {
      set({ busy: false })
    }
  }
  // Signing up or cancelling answers with the activity as it now stands (places, waitlist) and the member's sign-up:
  // the page shows those instead of reading the activity again (issue 11).
  const settle = (id: string, out: { signup: SignupView; activity: ActivityView }) => {
    if (get().activityId === id) set({ mine: out.signup, activity: out.activity })
  }

  return {
    ...initial,

    async load(activityId) {
      if (get().activityId !== activityId) set({ ...initial, activityId })
      set({ loading: true, error: null })
      try {
        const out = await call('activity.detail', { activityId })
        if (get().activityId !== activityId) return
        set({ activity: out.activity, mine: out.mine, subscribeTemplateId: templateOf(out), loading: false })
      } catch (e) {
        if (get().activityId !== activityId) return
        set({ loading: false, error: toApiError(e) })
      }
    },

    signup(extra) {
      const id = get().activityId
      if (!id) return Promise.reject(new ApiError('NOT_FOUND'))
      return busy(async () => {
        const out = await call('activity.signup', { activityId: id, ...(extra.length ? { extra } : {}) })
        settle(id, out)
        return out
      })
    },

    cancel() {
      const id = get().activityId
      if (!id) return Promise.reject(new ApiError('NOT_FOUND'))
      return busy(async () => {
        const out = await call('activity.cancel', { activityId: id })
        settle(id, out)
        return out
      })
    },

    async subscribe(templateId, accepted) {
      const { credits } = await call('activity.subscribe', { templateId, accepted })
      return credits
    },

    reset() {
      set(initial)
    },
  }
})
