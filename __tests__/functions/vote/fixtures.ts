import { boundMemberDoc } from '../bound-member'
import type { TestCloud } from '../local-cloud'

/** Adds `n` bound active members to a branch (a big branch for the ballot race); returns their openids. */
export async function addMembers(t: TestCloud, branchId: string, n: number): Promise<string[]> {
  const db = t.cloud.db()
  const now = t.cloud.clock.now()
  const members = Array.from({ length: n }, (_, i) => {
    const id = `mx${String(i).padStart(4, '0')}`
    const phone = `1370000${String(i).padStart(4, '0')}`
    return boundMemberDoc({ id, openid: `wx_${id}`, name: `党员${i}`, phone, branchId, gender: '男' }, now)
  })
  await db.collection('members').add({ data: members })
  await db
    .collection('bindings')
    .add({ data: members.map((m) => ({ _id: m.openid, memberId: m._id, status: 'bound', at: now })) })
  return members.map((m) => `wx_${m._id}`)
}

export const iso = (t: TestCloud, minutes: number) =>
  new Date(t.cloud.clock.now().getTime() + minutes * 60_000).toISOString()
