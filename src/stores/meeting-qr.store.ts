import { create } from 'zustand'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  meetingId: string | null
  title: string
  token: string | null
  signedIn: number
  /** When the current code stops being current (ms since epoch, local clock). */
  expiresAt: number
  error: ApiError | null
}

interface Actions {
  /** Fetches the current code; returns how long until the next one (ms), or null on failure. */
  next(meetingId: string): Promise<number | null>
  /** The meeting's title for the big screen (once per opening). */
  loadTitle(meetingId: string): Promise<void>
  reset(): void
}

const initial: State = { meetingId: null, title: '', token: null, signedIn: 0, expiresAt: 0, error: null }

/** 签到码: the organiser's rotating code (a new one every 10 s) and the count signed in so far. */
export const useMeetingQrStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async next(meetingId) {
    if (get().meetingId !== meetingId) set({ ...initial, meetingId })
    try {
      const out = await call('meeting.qrToken', { meetingId })
      set({ token: out.token, signedIn: out.signedIn, expiresAt: Date.now() + out.expiresInMs, error: null })
      return out.expiresInMs
    } catch (e) {
      set({ token: null, error: toApiError(e) })
      return null
    }
  },

  async loadTitle(meetingId) {
    try {
      const { meeting } = await call('meeting.board', { meetingId })
      set({ title: meeting.title })
    } catch {
      // The code matters, the title is decoration: a failure here shows the code without it.
    }
  },

  reset() {
    set(initial)
  },
}))
