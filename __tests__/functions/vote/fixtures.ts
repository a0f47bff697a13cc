import type { TestCloud } from '../local-cloud'

/** Adds `n` bound active members to a branch (a big branch for the ballot race); returns their openids. */
export async function addMembers(t: TestCloud, branchId: string, n: number): Promise<string[]> {
  const db = t.cloud.db()
  const now = t.cloud.clock.now()
  const members = Array.from({ length: n }, (_, i) => {
    const id = `mx${String(i).padStart(4, '0')}`
    const phone = `1370000${String(i).padStart(4, '0')}`
    return {
      _id: id,
      name: `党员${i}`,
      phone,
      phoneTail: phone.slice(-4),
      branchId,
      groupId: null,
      role: 'member',
      title: null,
      post: null,
      gender: '男',
      status: 'active',
      leftReason: null,
      leftAt: null,
      openid: `wx_${id}`,
      bindStatus: 'bound',
      pendingOpenid: null,
      unbindRequested: false,
      createdAt: now,
      updatedAt: now,
    }
  })
  await db.collection('members').add({ data: members })
  await db
    .collection('bindings')
    .add({ data: members.map((m) => ({ _id: m.openid, memberId: m._id, status: 'bound', at: now })) })
  return members.map((m) => m.openid)
}

export const iso = (t: TestCloud, minutes: number) =>
  new Date(t.cloud.clock.now().getTime() + minutes * 60_000).toISOString()
