import type { MemberDoc } from '../../cloudfunctions/_shared/context'
import type { Db } from '../../cloudfunctions/_shared/db-types'

/** Who a test or benchmark adds straight into the database: an active member of a branch who has bound her WeChat. */
export interface BoundMember {
  id: string
  openid: string
  name: string
  /** Unique per member: `members.phone` is a unique index of the manifest, and the local cloud enforces it. */
  phone: string
  branchId: string
  gender?: MemberDoc['gender']
}

/**
 * The member document as the roster import and binding leave it (setup for large worlds, not what is tested). One
 * shape for every test and benchmark, so a field the functions start to rely on is added here once.
 */
export function boundMemberDoc(m: BoundMember, at: Date): MemberDoc {
  return {
    _id: m.id,
    name: m.name,
    phone: m.phone,
    phoneTail: m.phone.slice(-4),
    branchId: m.branchId,
    groupId: null,
    role: 'member',
    title: null,
    post: null,
    gender: m.gender ?? null,
    status: 'active',
    leftReason: null,
    leftAt: null,
    openid: m.openid,
    bindStatus: 'bound',
    pendingOpenid: null,
    unbindRequested: false,
    createdAt: at,
    updatedAt: at,
  }
}

/** Writes the member and her binding through the real database API: two requests. */
export async function writeBoundMember(db: Db, m: BoundMember, at: Date): Promise<void> {
  const { _id, ...data } = boundMemberDoc(m, at)
  await db.collection('members').doc(_id).set({ data })
  await db
    .collection('bindings')
    .doc(m.openid)
    .set({ data: { memberId: m.id, status: 'bound', at } })
}
