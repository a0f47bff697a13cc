import { create } from 'zustand'
import type { MemberView } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  /** The org (党支部 or 党小组) whose roster is loaded. */
  orgId: string | null
  members: MemberView[]
  loading: boolean
  error: ApiError | null
}

interface Actions {
  /** Loads the whole roster of a branch or group (every page: the picker needs everyone to tick). */
  load(orgId: string): Promise<void>
  reset(): void
}

const initial: State = { orgId: null, members: [], loading: false, error: null }
const PAGE_SIZE = 20
/** A branch larger than this is not a branch; stop rather than loop on a bad total. */
const MAX_PAGES = 50

/** 选择应到人员: the roster a meeting's expected list is picked from. */
export const useMeetingAttendeesStore = create<State & Actions>()((set, get) => {
  let generation = 0

  return {
    ...initial,

    async load(orgId) {
      if (get().orgId === orgId && (get().members.length || get().loading)) return
      const gen = ++generation
      set({ orgId, members: [], loading: true, error: null })
      try {
        const members: MemberView[] = []
        for (let page = 1; page <= MAX_PAGES; page++) {
          const out = await call('member.list', { orgId, page, pageSize: PAGE_SIZE })
          members.push(...out.items)
          if (gen !== generation) return
          if (out.items.length < PAGE_SIZE || members.length >= out.total) break
        }
        set({ members, loading: false })
      } catch (e) {
        if (gen !== generation) return
        set({ loading: false, error: toApiError(e) })
      }
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
