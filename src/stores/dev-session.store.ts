import { create } from 'zustand'
import { ApiError, toApiError } from '@/services/api-client'
import { listPersonas, signInAs, signOut, type Persona } from '@/services/dev-session'
import { clearAll } from '@/remote/cache'
import { useQuizTakeStore } from './quiz-take.store'
import { useSessionStore } from './session.store'

interface State {
  personas: Persona[]
  loading: boolean
  error: ApiError | null
}

interface Actions {
  load(): Promise<void>
  /** Starts an emulator session as `openid`; the app's own session is dropped. Throws ApiError. */
  signIn(openid: string): Promise<void>
  signOut(): Promise<void>
  reset(): void
}

const initial: State = { personas: [], loading: false, error: null }

/**
 * Switching identity: nothing of the previous caller may show — every cached answer (and any still in flight), the
 * session, and a test she was taking (its timers stop; its answers are hers). Remote data lives only in the cache
 * (src/remote), so clearing it clears every screen; the privacy consent is the device's and stays.
 */
export function forgetEverything() {
  clearAll()
  useSessionStore.getState().reset()
  useQuizTakeStore.getState().reset()
}

/** The H5 dev sign-in page's list of demo members (emulator only). */
export const useDevSessionStore = create<State & Actions>()((set) => ({
  ...initial,

  async load() {
    set({ loading: true, error: null })
    try {
      set({ personas: await listPersonas(), loading: false })
    } catch (e) {
      set({ loading: false, error: toApiError(e) })
    }
  },

  async signIn(openid) {
    await signInAs(openid)
    forgetEverything()
  },

  async signOut() {
    await signOut()
    forgetEverything()
  },

  reset() {
    set(initial)
  },
}))
