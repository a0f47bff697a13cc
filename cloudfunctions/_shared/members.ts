import { COL } from './collections'
import type { Db, MemberDoc } from './context'
import { GET_PAGE } from './docs'

/**
 * Every active member of a branch or group, read GET_PAGE (1000) at a time (the server-side cap). For rosters and expected
 * lists, which are a branch's size; reports use aggregations instead.
 */
export async function activeMembersOf(db: Db, where: { branchId: string } | { groupId: string }): Promise<MemberDoc[]> {
  const out: MemberDoc[] = []
  for (let skip = 0; ; skip += GET_PAGE) {
    const res = await db
      .collection(COL.members)
      .where({ ...where, status: 'active' })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(GET_PAGE)
      .get()
    out.push(...(res.data as MemberDoc[]))
    if (res.data.length < GET_PAGE) return out
  }
}
