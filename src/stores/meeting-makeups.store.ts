import { create } from 'zustand'
import type { MeetingOutputs } from '@/contract/meeting.contract'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  data: MeetingOutputs['makeups'] | null
  error: ApiError | null
}

/** The secretary's 补学 list for one meeting: who missed it and who has caught up. */
export const useMeetingMakeupsStore = create<State & { load(meetingId: string): Promise<void>; reset(): void }>()(
  (set) => ({
    data: null,
    error: null,
    async load(meetingId) {
      set({ error: null })
      try {
        set({ data: await call('meeting.makeups', { meetingId }) })
      } catch (e) {
        set({ error: toApiError(e) })
      }
    },
    reset() {
      set({ data: null, error: null })
    },
  }),
)
