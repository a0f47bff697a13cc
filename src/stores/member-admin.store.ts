import { create } from 'zustand'
import type { InputOf, MemberView } from '@/contract'
import { call } from '@/services/api-client'
import { useRosterStore } from './roster.store'

interface State {
  member: MemberView | null
}

interface Actions {
  open(member: MemberView): void
  setRole(role: InputOf<'member.setRole'>['role']): Promise<void>
  setPost(post: InputOf<'member.setPost'>['post']): Promise<void>
  move(branchId: string, groupId?: string): Promise<void>
  setStatus(status: InputOf<'member.setStatus'>['status'], reason?: string): Promise<void>
  reset(): void
}

/**
 * One member as staff manage them (角色, 支委职务, 调整支部, 转出/去世/停止党籍). Opened from the roster; each action
 * puts the cloud's answer back here and in the roster list. Refusals are thrown for the page to show.
 */
export const useMemberAdminStore = create<State & Actions>()((set, get) => {
  const apply = (member: MemberView) => {
    set({ member })
    useRosterStore.getState().replace(member)
  }
  const id = () => {
    const m = get().member
    if (!m) throw new Error('no member open')
    return m.id
  }
  return {
    member: null,
    open(member) {
      set({ member })
    },
    async setRole(role) {
      apply((await call('member.setRole', { memberId: id(), role })).member)
    },
    async setPost(post) {
      apply((await call('member.setPost', { memberId: id(), post })).member)
    },
    async move(branchId, groupId) {
      apply((await call('member.moveMember', { memberId: id(), branchId, groupId })).member)
    },
    async setStatus(status, reason) {
      apply((await call('member.setStatus', { memberId: id(), status, reason })).member)
    },
    reset() {
      set({ member: null })
    },
  }
})
