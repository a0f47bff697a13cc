import { create } from 'zustand'
import { whileFlag } from './busy'
import type { InputOf, MeetingView } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

export type MeetingCreateInput = InputOf<'meeting.create'>
export type MeetingUpdateInput = InputOf<'meeting.update'>

interface State {
  /** The meeting being edited; null while creating a new one. */
  meeting: MeetingView | null
  /** Who is expected at the meeting being edited (from its board), for the attendee picker. */
  expectedIds: string[] | null
  loading: boolean
  error: ApiError | null
  saving: boolean
}

interface Actions {
  /** Loads an existing meeting and its expected list for editing. */
  load(meetingId: string): Promise<void>
  /** Creates or updates; returns the saved meeting. Throws ApiError for the form. */
  create(input: MeetingCreateInput): Promise<MeetingView>
  update(input: MeetingUpdateInput): Promise<MeetingView>
  /** Cancels the meeting being edited. Throws ApiError. */
  cancel(reason: string): Promise<MeetingView>
  reset(): void
}

const initial: State = { meeting: null, expectedIds: null, loading: false, error: null, saving: false }

/** 新建/编辑会议: the form's one meeting and its save, update and cancel. */
export const useMeetingEditStore = create<State & Actions>()((set, get) => {
  const saving = <T>(run: () => Promise<T>) => whileFlag(set, 'saving', run)

  return {
    ...initial,

    async load(meetingId) {
      set({ loading: true, error: null })
      try {
        // The board carries the expected list (as rows); the meeting view only counts it.
        const { meeting, rows } = await call('meeting.board', { meetingId })
        set({ meeting, expectedIds: rows.map((r) => r.memberId), loading: false })
      } catch (e) {
        set({ loading: false, error: toApiError(e) })
      }
    },

    create(input) {
      return saving(async () => {
        const { meeting } = await call('meeting.create', input)
        set({ meeting })
        return meeting
      })
    },

    update(input) {
      return saving(async () => {
        const { meeting } = await call('meeting.update', input)
        set({ meeting })
        return meeting
      })
    },

    cancel(reason) {
      const current = get().meeting
      if (!current) return Promise.reject(new ApiError('NOT_FOUND'))
      return saving(async () => {
        const { meeting } = await call('meeting.cancel', { meetingId: current.id, reason })
        set({ meeting })
        return meeting
      })
    },

    reset() {
      set(initial)
    },
  }
})
