import { create } from 'zustand'
import type { InputOf, OutputOf } from '@/contract'
import { call, toApiError, type ApiError } from '@/services/api-client'
import { useOrgStore } from './org.store'

type Committee = OutputOf<'member.committee'>

interface State {
  /** The branch whose committee and invite code are shown, with what was loaded for it. */
  branchId: string | null
  committee: Committee | null
  inviteCode: string | null
  loading: boolean
  error: ApiError | null
}

interface Actions {
  /** Creates, renames or moves an org, then reloads the tree. Throws the cloud's refusal for the page to show. */
  saveOrg(input: InputOf<'member.upsertOrg'>): Promise<void>
  retireOrg(id: string): Promise<void>
  openBranch(branchId: string): Promise<void>
  rotateInviteCode(): Promise<void>
  closeBranch(): void
  reset(): void
}

const initial: State = { branchId: null, committee: null, inviteCode: null, loading: false, error: null }

/** 组织架构 editing: the org tree lives in useOrgStore; this holds the open branch and the edit actions. */
export const useOrgAdminStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async saveOrg(input) {
    await call('member.upsertOrg', input)
    await useOrgStore.getState().load(true)
  },

  async retireOrg(id) {
    await call('member.retireOrg', { id })
    await useOrgStore.getState().load(true)
  },

  async openBranch(branchId) {
    set({ ...initial, branchId, loading: true })
    try {
      const [committee, code] = await Promise.all([
        call('member.committee', { branchId }),
        call('member.inviteCode', { branchId }),
      ])
      if (get().branchId !== branchId) return
      set({ committee, inviteCode: code.code, loading: false })
    } catch (e) {
      if (get().branchId === branchId) set({ loading: false, error: toApiError(e) })
    }
  },

  async rotateInviteCode() {
    const branchId = get().branchId
    if (!branchId) return
    const { code } = await call('member.inviteCode', { branchId, rotate: true })
    if (get().branchId === branchId) set({ inviteCode: code })
  },

  closeBranch() {
    set(initial)
  },

  reset() {
    set(initial)
  },
}))
