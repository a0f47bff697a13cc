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
  /** The organiser's own 我已到会: her status and time once recorded. */
  present: { status: 'present' | 'late'; at: string } | null
  presentError: ApiError | null
  presentBusy: boolean
}

interface Actions {
  /** Fetches the current code; returns how long until the next one (ms), or null on failure. */
  next(meetingId: string): Promise<number | null>
  /** The meeting's title for the big screen (once per opening). */
  loadTitle(meetingId: string): Promise<void>
  /** 我已到会: records the organiser herself present (she cannot scan her own screen). */
  imHere(meetingId: string): Promise<void>
  reset(): void
}

const initial: State = {
  meetingId: null,
  title: '',
  token: null,
  signedIn: 0,
  expiresAt: 0,
  error: null,
  present: null,
  presentError: null,
  presentBusy: false,
}

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

  async imHere(meetingId) {
    set({ presentBusy: true, presentError: null })
    try {
      const out = await call('meeting.organiserPresent', { meetingId })
      set({
        present: { status: out.status, at: out.at },
        presentBusy: false,
        signedIn: get().signedIn + (out.already ? 0 : 1),
      })
    } catch (e) {
      set({ presentBusy: false, presentError: toApiError(e) })
    }
  },

  reset() {
    set(initial)
  },
}))
