import { COL } from './collections'
import type { Db, MemberDoc } from './context'
import { typedCollection } from './repo'

/**
 * The active member this WeChat identity is bound to, or null (not bound, pending, or left): one read. Binding and
 * unbinding write the member's `openid` and `bindStatus` in the same transaction as the `bindings` document, so the
 * member found by its bound openid (index `openid`) is exactly the one the binding names. Read on every call, so a
 * role change or an unbinding takes effect on the next call.
 */
export async function loadCallerMember(db: Db, openid: string): Promise<MemberDoc | null> {
  const member = await typedCollection<MemberDoc>(db, COL.members).findOne({ openid, bindStatus: 'bound' })
  if (!member || member.status !== 'active' || member.openid !== openid) return null
  return member
}
