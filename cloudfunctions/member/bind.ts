import { createHash, timingSafeEqual } from 'crypto'
import { phoneTail } from '../../src/domain/phone'
import { writeAudit } from '../_shared/audit'
import type { Ctx, MemberCaller, MemberDoc } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { loadOrgs, rootOf } from '../_shared/orgs'
import { loadTarget } from './target'
import { inTransaction } from '../_shared/transaction'
import { reserveBindAttempt, WRONG_GUESS } from './bind-limits'
import { bindingsOf, removeBindingInTx, txBindings } from './binding.repo'
import { activeNamedIn, activeNamesakes, countActiveOrgAdmins, membersOf, txMembers } from './member.repo'
import { branchByInviteCode, orgDocsOf } from './org.repo'
import { memberIdFor } from './member-id'
import { toMe, toMemberView } from './views'
import type { MemberHandler } from '../_shared/handlers'
import { managesBranches } from '../../src/domain/roles'

/** The caller's member, their pending request if any, and the org names around them. */
export const whoami: MemberHandler<'whoami'> = async (_input, ctx) => {
  const orgs = await loadOrgs(ctx.db)
  let pending: MemberDoc | null = null
  if (!ctx.caller.member) {
    const binding = await bindingsOf(ctx.db).get(ctx.caller.openid)
    if (binding?.status === 'pending') pending = await membersOf(ctx.db).get(binding.memberId)
  }
  return toMe(ctx.caller.member, pending, orgs)
}

/**
 * Binds this WeChat identity to a roster member. By name + phone tail it takes effect at once; by name + invite
 * code it waits for the branch to approve. The binding document's id is the OPENID, so one identity can never hold
 * two members, and a retried request lands on the same documents.
 */
export const bind: MemberHandler<'bind'> = async (input, ctx) => {
  if (ctx.caller.member) fail('BIND_ALREADY')
  if (input.mode === 'phone' && !input.phoneTail) fail('INVALID_INPUT', '请填写手机号后四位')
  if (input.mode === 'invite' && !input.inviteCode) fail('INVALID_INPUT', '请填写支部邀请码')
  const name = input.name.replace(/\s+/g, '')
  const attempt = await reserveBindAttempt(ctx, name, input.mode)
  let targetId: string
  try {
    targetId = await bindOnce(input, name, ctx)
  } catch (err) {
    if (err instanceof AppError && WRONG_GUESS.has(err.code)) await attempt.wrong(err.code)
    else await attempt.release()
    throw err
  }
  await attempt.release()
  const orgs = await loadOrgs(ctx.db)
  const fresh = await membersOf(ctx.db).get(targetId)
  const status = input.mode === 'phone' ? 'bound' : 'pending'
  const me = status === 'bound' ? toMe(fresh, null, orgs) : toMe(null, fresh, orgs)
  return { status, me }
}

/**
 * One guess. By phone tail, a member already bound (or waiting) for another identity answers exactly as a wrong
 * tail does: "taken" would confirm that the tail was right.
 */
async function bindOnce(
  input: { mode: 'phone' | 'invite'; phoneTail?: string; inviteCode?: string },
  name: string,
  ctx: Ctx,
): Promise<string> {
  const byPhone = input.mode === 'phone'
  const target = byPhone
    ? await findByPhoneTail(ctx, name, input.phoneTail!)
    : await findByInvite(ctx, name, input.inviteCode!)
  const status = byPhone ? 'bound' : 'pending'
  const now = ctx.clock.now()
  const openid = ctx.caller.openid
  const taken = (message?: string): never => (byPhone ? fail('BIND_NO_MATCH') : fail('BIND_TAKEN', message))

  await inTransaction(ctx.db, async (t) => {
    const binding = await txBindings(t).get(openid)
    if (binding && binding.memberId !== target._id)
      fail('BIND_ALREADY', binding.status === 'pending' ? '您已提交过绑定申请，请等待审核' : undefined)
    const m = await txMembers(t).get(target._id)
    if (!m || m.status !== 'active') fail('BIND_NO_MATCH')
    if (m.openid && m.openid !== openid) taken()
    if (m.pendingOpenid && m.pendingOpenid !== openid) taken('该党员已有待审核的绑定申请，如有疑问请联系支部书记')
    await txBindings(t).set(openid, { memberId: m._id, status, at: now })
    const patch =
      status === 'bound'
        ? { openid, bindStatus: 'bound', pendingOpenid: null, unbindRequested: false, boundAt: now, updatedAt: now }
        : { pendingOpenid: openid, bindStatus: 'pending', updatedAt: now }
    await txMembers(t).update(m._id, patch)
  })
  return target._id
}

/**
 * The one member with this name and tail. Namesakes are read by name alone (the bind_lookup index) so that the
 * answer for a shared name does not depend on the tail: a wrong tail and a tail two namesakes share both answer
 * "ambiguous", and only a right, unique tail binds.
 */
async function findByPhoneTail(ctx: Ctx, name: string, tail: string): Promise<MemberDoc> {
  const namesakes = await activeNamesakes(ctx.db, name)
  const found = namesakes.filter((m) => m.phoneTail === tail)
  if (found.length === 1) return found[0]
  if (namesakes.length > 1) fail('BIND_AMBIGUOUS')
  return fail('BIND_NO_MATCH')
}

async function findByInvite(ctx: Ctx, name: string, code: string): Promise<MemberDoc> {
  const branch = await branchByInviteCode(ctx.db, code.toUpperCase())
  if (!branch) fail('BIND_INVITE_INVALID')
  const found = await activeNamedIn(ctx.db, branch._id, name)
  if (found.length === 0) fail('BIND_NO_MATCH', `本支部花名册中没有名为“${name}”的党员，请核对姓名或联系支部书记`)
  if (found.length > 1) fail('BIND_AMBIGUOUS', '本支部有同名党员，请改用手机号后四位绑定')
  return found[0]
}

/**
 * A member asks to be unbound (the branch approves it); an admin unbinds a member of their scope at once, audited.
 */
export const unbind: MemberHandler<'unbind'> = async (input, ctx) => {
  const self = ctx.caller.member
  const now = ctx.clock.now()
  if (!input.memberId || input.memberId === self._id) {
    await membersOf(ctx.db).update(self._id, {
      unbindRequested: true,
      unbindReason: input.reason ?? null,
      updatedAt: now,
    })
    return { status: 'requested' }
  }
  if (!managesBranches(self.role)) fail('FORBIDDEN')
  const { target } = await loadTarget(ctx, input.memberId, 'unbind')
  if (target.bindStatus !== 'bound' || !target.openid) fail('CONFLICT', '该党员尚未绑定微信')
  const released = await releaseBinding(ctx, target)
  if (!released) fail('CONFLICT', '该党员尚未绑定微信')
  await writeAudit(ctx, {
    action: 'member.unbind',
    targetType: 'member',
    targetId: target._id,
    before: { openid: released },
    reason: input.reason,
  })
  return { status: 'unbound' }
}

/** Approves or rejects a pending bind, or an unbind request, of a member in the caller's scope. Audited. */
export const approveBinding: MemberHandler<'approveBinding'> = async (input, ctx) => {
  const { target, orgs } = await loadTarget(ctx, input.memberId, 'approve')
  const now = ctx.clock.now()
  if (target.bindStatus === 'pending' && target.pendingOpenid) {
    const openid = target.pendingOpenid
    await inTransaction(ctx.db, async (t) => {
      const m = await txMembers(t).get(target._id)
      if (!m || m.pendingOpenid !== openid) fail('CONFLICT')
      if (input.approve) {
        await txBindings(t).set(openid, { memberId: m._id, status: 'bound', at: now })
        await txMembers(t).update(m._id, {
          openid,
          pendingOpenid: null,
          bindStatus: 'bound',
          boundAt: now,
          updatedAt: now,
        })
      } else {
        await removeBindingInTx(t, openid)
        await txMembers(t).update(m._id, { pendingOpenid: null, bindStatus: 'unbound', updatedAt: now })
      }
    })
    await writeAudit(ctx, {
      action: input.approve ? 'binding.approve' : 'binding.reject',
      targetType: 'member',
      targetId: target._id,
      after: { openid },
      reason: input.reason,
    })
  } else if (target.unbindRequested) {
    if (input.approve) {
      if (!(await releaseBinding(ctx, target))) fail('CONFLICT', '该党员已解除绑定')
    } else await membersOf(ctx.db).update(target._id, { unbindRequested: false, updatedAt: now })
    await writeAudit(ctx, {
      action: input.approve ? 'unbind.approve' : 'unbind.reject',
      targetType: 'member',
      targetId: target._id,
      before: { openid: target.openid },
      reason: input.reason,
    })
  } else {
    fail('CONFLICT', '该党员没有待审核的申请')
  }
  const fresh = (await membersOf(ctx.db).get(target._id))!
  return { member: toMemberView(fresh, orgs) }
}

/**
 * Unbinds whoever is bound to the member NOW, read inside the transaction: the member read before it may be stale (a
 * second admin unbound her and a new identity bound meanwhile), and removing the stale identity's binding while
 * clearing the member would orphan the new one. Answers the identity released, or null when nobody is bound.
 */
async function releaseBinding(ctx: Ctx<MemberCaller>, target: MemberDoc): Promise<string | null> {
  const now = ctx.clock.now()
  return inTransaction(ctx.db, async (t) => {
    const m = await txMembers(t).get(target._id)
    if (!m?.openid || m.bindStatus !== 'bound') return null
    await removeBindingInTx(t, m.openid)
    await txMembers(t).update(m._id, { openid: null, bindStatus: 'unbound', unbindRequested: false, updatedAt: now })
    return m.openid
  })
}

/**
 * The first org_admin of a fresh environment, made by `npm run bootstrap:admin` (access `console`: only a call with
 * the environment's API key, never the app) presenting the one-time secret set as BOOTSTRAP_SECRET in the function's
 * environment, as long as no org_admin exists yet. Creates the committee if the tree is empty. The admin is created
 * unbound: they bind in the app with name + phone tail like any member, so no OPENID has to be typed anywhere.
 */
export const bootstrap: MemberHandler<'bootstrap'> = async (input, ctx) => {
  const expected = process.env.BOOTSTRAP_SECRET
  if (!expected) fail('BOOTSTRAP_DISABLED', '未配置初始化口令（BOOTSTRAP_SECRET），无法初始化')
  if ((await countActiveOrgAdmins(ctx.db)) > 0) fail('BOOTSTRAP_DISABLED')
  const digest = (s: string) => createHash('sha256').update(s).digest()
  if (!timingSafeEqual(digest(input.secret), digest(expected))) fail('BOOTSTRAP_BAD_SECRET')

  const now = ctx.clock.now()
  let orgs = await loadOrgs(ctx.db)
  let root = rootOf(orgs)
  if (!root) {
    await orgDocsOf(ctx.db).put({
      _id: 'org_root',
      name: '机关党委',
      type: 'committee',
      parentId: null,
      ancestors: [],
      sort: 0,
      createdAt: now,
    })
    orgs = await loadOrgs(ctx.db)
    root = rootOf(orgs)!
  }
  const id = memberIdFor(input.phone)
  const doc: MemberDoc = {
    _id: id,
    // Stored the way bind() compares it (whitespace removed), so the admin can bind with what they typed here.
    name: input.name.replace(/\s+/g, ''),
    phone: input.phone,
    phoneTail: phoneTail(input.phone),
    branchId: root._id,
    groupId: null,
    role: 'org_admin',
    title: null,
    gender: null,
    status: 'active',
    openid: null,
    bindStatus: 'unbound',
    pendingOpenid: null,
    unbindRequested: false,
    createdAt: now,
    updatedAt: now,
  }
  await membersOf(ctx.db).put(doc)
  const member = (await membersOf(ctx.db).get(id))!
  return { me: toMe(member, null, orgs) }
}
