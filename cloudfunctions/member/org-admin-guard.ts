import { COL } from '../_shared/collections'
import type { Ctx } from '../_shared/context'
import { getDoc } from '../_shared/docs'
import { fail } from '../_shared/errors'
import { inTransaction, txGet, type Tx } from '../_shared/transaction'

const GUARD = 'org_admins'
const STALE = Symbol('stale')

/** Active org admins: a committee has a handful, so one read with a small cap finds them all. */
export async function activeOrgAdminIds(ctx: Ctx): Promise<string[]> {
  const res = await ctx.db
    .collection(COL.members)
    .where({ role: 'org_admin', status: 'active' })
    .field({ _id: true })
    .limit(100)
    .get()
  return (res.data as Array<{ _id: string }>).map((m) => m._id)
}

/**
 * Runs `change` (writes inside the transaction it is given) only if an active org admin remains once the members in
 * `leaving` stop being one. Counting needs a query, which a CloudBase transaction cannot run (only doc operations are
 * transactional), so two demotions at once would both count two admins and leave none. Every change that takes an
 * org admin away therefore bumps one guard document inside its transaction and checks that nobody bumped it since it
 * counted: the later of two such changes counts again, and a change that would leave none is refused.
 */
export async function keepingAnOrgAdmin<T>(
  ctx: Ctx,
  leaving: readonly string[],
  change: (t: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const guard = await getDoc<{ version: number }>(ctx.db, COL.guards, GUARD)
    const seen = guard?.version ?? 0
    const admins = await activeOrgAdminIds(ctx)
    if (!admins.some((id) => !leaving.includes(id))) fail('ROLE_LAST_ORG_ADMIN')
    const done = await inTransaction(ctx.db, async (t) => {
      const now = await txGet<{ version: number }>(t, COL.guards, GUARD)
      if ((now?.version ?? 0) !== seen) return STALE
      await t
        .collection(COL.guards)
        .doc(GUARD)
        .set({ data: { version: seen + 1 } })
      return { value: await change(t) }
    })
    if (done !== STALE) return done.value
  }
  return fail('CONFLICT', '管理员设置正在被同时修改，请稍后重试')
}
