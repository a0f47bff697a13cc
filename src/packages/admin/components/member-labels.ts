import type { MemberView } from '@/contract'

export const BIND_STATUS_LABELS = {
  unbound: '未绑定',
  pending: '待审核',
  bound: '已绑定',
  unbind_requested: '申请解绑',
} as const

/** The one status word an organiser needs for a member row. */
export function statusOf(m: MemberView): keyof typeof BIND_STATUS_LABELS {
  return m.unbindRequested ? 'unbind_requested' : m.bindStatus
}
