import { create } from 'zustand'
import type { MyMeeting } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  meeting: MyMeeting | null
  loading: boolean
  error: ApiError | null
  submitting: boolean
}

interface Actions {
  load(meetingId: string): Promise<void>
  /** Asks for leave; the meeting's own leave status updates from the answer. Throws ApiError for the form. */
  requestLeave(reason: string): Promise<void>
  reset(): void
}

const initial: State = { meeting: null, loading: false, error: null, submitting: false }

/** One meeting as the member sees it: agenda, time, sign-in window, their own status and leave. */
export const useMeetingDetailStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async load(meetingId) {
    set({ loading: true, error: null })
    try {
      const { meeting } = await call('meeting.detail', { meetingId })
      set({ meeting, loading: false })
    } catch (e) {
      set({ loading: false, error: toApiError(e) })
    }
  },

  async requestLeave(reason) {
    const meeting = get().meeting
    if (!meeting) return
    set({ submitting: true })
    try {
      const { leave } = await call('meeting.requestLeave', { meetingId: meeting.id, reason })
      set({ meeting: { ...meeting, myLeave: { status: leave.status, reason: leave.reason } } })
    } finally {
      set({ submitting: false })
    }
  },

  reset() {
    set(initial)
  },
}))
