import { COL } from './collections'
import type { Db, MemberDoc } from './context'

/**
 * Every active member of a branch or group, read 100 at a time (the server-side cap). For rosters and expected
 * lists, which are a branch's size; reports use aggregations instead.
 */
export async function activeMembersOf(db: Db, where: { branchId: string } | { groupId: string }): Promise<MemberDoc[]> {
  const out: MemberDoc[] = []
  for (let skip = 0; ; skip += 100) {
    const res = await db
      .collection(COL.members)
      .where({ ...where, status: 'active' })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(100)
      .get()
    out.push(...(res.data as MemberDoc[]))
    if (res.data.length < 100) return out
  }
}
