import type { Ctx } from '../_shared/context'
import { fail } from '../_shared/errors'
import { inTransaction, type Tx } from '../_shared/transaction'
import { activeOrgAdminIds, guardsOf, txGuards } from './member.repo'

const GUARD = 'org_admins'
const STALE = Symbol('stale')

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
    const seen = (await guardsOf(ctx.db).get(GUARD))?.version ?? 0
    const admins = await activeOrgAdminIds(ctx.db)
    if (!admins.some((id) => !leaving.includes(id))) fail('ROLE_LAST_ORG_ADMIN')
    const done = await inTransaction(ctx.db, async (t) => {
      const guard = txGuards(t)
      if (((await guard.get(GUARD))?.version ?? 0) !== seen) return STALE
      await guard.set(GUARD, { version: seen + 1 })
      return { value: await change(t) }
    })
    if (done !== STALE) return done.value
  }
  return fail('CONFLICT', '管理员设置正在被同时修改，请稍后重试')
}
