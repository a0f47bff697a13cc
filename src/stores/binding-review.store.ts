import { create } from 'zustand'
import type { MemberView } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  /** Invite-code binds waiting for approval. */
  pending: MemberView[]
  /** Members who asked to undo their binding. */
  unbindRequests: MemberView[]
  loading: boolean
  error: ApiError | null
  /** Member ids with a decision on its way to the cloud. */
  busy: string[]
}

interface Actions {
  load(): Promise<void>
  /** Approves or rejects one request, then drops it from the lists. Throws ApiError. */
  decide(memberId: string, approve: boolean): Promise<void>
  reset(): void
}

const initial: State = { pending: [], unbindRequests: [], loading: false, error: null, busy: [] }

/** 绑定审核: the requests a branch organiser has to decide on. */
export const useBindingReviewStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async load() {
    set({ loading: true, error: null })
    try {
      const [pending, unbind] = await Promise.all([
        call('member.list', { bindStatus: 'pending', pageSize: 20 }),
        call('member.list', { bindStatus: 'unbind_requested', pageSize: 20 }),
      ])
      set({ pending: pending.items, unbindRequests: unbind.items, loading: false })
    } catch (e) {
      set({ loading: false, error: toApiError(e) })
    }
  },

  async decide(memberId, approve) {
    set({ busy: [...get().busy, memberId] })
    try {
      await call('member.approveBinding', { memberId, approve })
      set({
        pending: get().pending.filter((m) => m.id !== memberId),
        unbindRequests: get().unbindRequests.filter((m) => m.id !== memberId),
      })
    } finally {
      set({ busy: get().busy.filter((id) => id !== memberId) })
    }
  },

  reset() {
    set(initial)
  },
}))
