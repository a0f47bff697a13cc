import type { Me, MemberView } from '../../src/contract/member.contract'
import { maskPhone } from '../../src/domain/phone'
import type { MemberDoc } from '../_shared/context'
import { type OrgDoc, rootOf } from '../_shared/orgs'

/** What the app sees of a member: never the full phone number. */
export function toMemberView(m: MemberDoc, orgs: ReadonlyMap<string, OrgDoc>): MemberView {
  return {
    id: m._id,
    name: m.name,
    phoneMasked: maskPhone(m.phone),
    branchId: m.branchId,
    branchName: orgs.get(m.branchId)?.name ?? '',
    groupId: m.groupId,
    groupName: m.groupId ? (orgs.get(m.groupId)?.name ?? null) : null,
    role: m.role,
    title: m.title,
    bindStatus: m.bindStatus,
    unbindRequested: m.unbindRequested,
    post: m.post ?? null,
    status: m.status,
    leftReason: m.status === 'left' ? (m.leftReason ?? null) : null,
    leftAt: m.status === 'left' && m.leftAt ? new Date(m.leftAt).toISOString() : null,
  }
}

export function toMe(member: MemberDoc | null, pending: MemberDoc | null, orgs: ReadonlyMap<string, OrgDoc>): Me {
  return {
    member: member ? toMemberView(member, orgs) : null,
    pending: pending ? { name: pending.name, branchName: orgs.get(pending.branchId)?.name ?? '' } : null,
    committeeName: rootOf(orgs)?.name ?? '机关党委',
    elderDefault: !!member && !!orgs.get(member.branchId)?.retirees,
  }
}
