import { COL } from './collections'
import type { Db, MemberDoc } from './context'
import { getDoc } from './docs'

/** The active member this WeChat identity is bound to, or null (not bound, pending, or left). */
export async function loadCallerMember(db: Db, openid: string): Promise<MemberDoc | null> {
  const binding = await getDoc<{ memberId: string; status: 'bound' | 'pending' }>(db, COL.bindings, openid)
  if (!binding || binding.status !== 'bound') return null
  const member = await getDoc<MemberDoc>(db, COL.members, binding.memberId)
  if (!member || member.status !== 'active' || member.openid !== openid) return null
  return member
}
