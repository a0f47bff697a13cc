import { create } from 'zustand'
import { ApiError, toApiError } from '@/services/api-client'
import { listPersonas, signInAs, signOut, type Persona } from '@/services/dev-session'
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
    useSessionStore.getState().reset()
  },

  async signOut() {
    await signOut()
    useSessionStore.getState().reset()
  },

  reset() {
    set(initial)
  },
}))
