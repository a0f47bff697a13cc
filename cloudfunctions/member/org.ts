import { randomInt } from 'crypto'
import type { MemberOutputs } from '../../src/contract/member.contract'
import { buildTree, canNest, ORG_TYPE_LABELS, type OrgType } from '../../src/domain/org.tree'
import { writeAudit } from '../_shared/audit'
import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller } from '../_shared/context'
import { fail } from '../_shared/errors'
import { assertCovers, loadOrgs } from '../_shared/orgs'

/** The org tree. Invite codes are left out: only a branch's admins see theirs, through `inviteCode`. */
export async function tree(_input: unknown, ctx: Ctx<MemberCaller>): Promise<MemberOutputs['tree']> {
  const orgs = await loadOrgs(ctx.db)
  const nodes = [...orgs.values()].map(({ _id, name, type, parentId, ancestors, sort }) => ({
    _id,
    name,
    type,
    parentId,
    ancestors,
    sort,
  }))
  return { tree: buildTree(nodes) }
}

/** Creates or renames an org under a parent its type may sit under (a group under a branch, and so on). */
export async function upsertOrg(
  input: { id?: string; name: string; type: OrgType; parentId?: string; sort?: number },
  ctx: Ctx<MemberCaller>,
): Promise<MemberOutputs['upsertOrg']> {
  const orgs = await loadOrgs(ctx.db)
  const parent = input.parentId ? orgs.get(input.parentId) : null
  if (input.parentId && !parent) fail('ORG_INVALID_PARENT', '没有找到上级组织')
  if (!canNest(parent?.type ?? null, input.type)) {
    fail(
      'ORG_INVALID_PARENT',
      parent
        ? `${ORG_TYPE_LABELS[input.type]}不能设在${ORG_TYPE_LABELS[parent.type]}之下`
        : '只能有一个机关党委作为根组织',
    )
  }
  const siblings = [...orgs.values()].filter((o) => o.parentId === (parent?._id ?? null) && o._id !== input.id)
  if (siblings.some((o) => o.name === input.name)) fail('CONFLICT', `同一上级下已有名为“${input.name}”的组织`)
  const ancestors = parent ? [...parent.ancestors, parent._id] : []
  const now = ctx.clock.now()
  const data = {
    name: input.name,
    type: input.type,
    parentId: parent?._id ?? null,
    ancestors,
    sort: input.sort ?? siblings.length,
    updatedAt: now,
  }
  let id = input.id
  if (id) {
    const before = orgs.get(id)
    if (!before) fail('NOT_FOUND', '没有找到该组织')
    if (before.type !== input.type) fail('CONFLICT', '不能修改组织类型')
    if (ancestors.includes(id)) fail('ORG_INVALID_PARENT', '不能把组织移到它自己的下级之下')
    await ctx.db.collection(COL.orgs).doc(id).update({ data })
    await writeAudit(ctx, {
      action: 'org.update',
      targetType: 'org',
      targetId: id,
      before: { name: before.name, parentId: before.parentId },
      after: data,
    })
  } else {
    const res = await ctx.db
      .collection(COL.orgs)
      .add({ data: { ...data, inviteCode: input.type === 'branch' ? newInviteCode() : null, createdAt: now } })
    id = String(res._id)
    await writeAudit(ctx, { action: 'org.create', targetType: 'org', targetId: id, after: data })
  }
  return { org: { id, name: data.name, type: data.type, parentId: data.parentId } }
}

/** A branch's invite code, created on first request; `rotate` issues a new one and the old stops working. */
export async function inviteCode(
  input: { branchId: string; rotate?: boolean },
  ctx: Ctx<MemberCaller>,
): Promise<MemberOutputs['inviteCode']> {
  const orgs = await loadOrgs(ctx.db)
  assertCovers(ctx.caller, orgs, input.branchId)
  const branch = orgs.get(input.branchId)!
  if (branch.type !== 'branch') fail('INVALID_INPUT', '只有党支部有邀请码')
  let code = branch.inviteCode ?? null
  if (!code || input.rotate) {
    code = newInviteCode()
    await ctx.db
      .collection(COL.orgs)
      .doc(branch._id)
      .update({ data: { inviteCode: code, updatedAt: ctx.clock.now() } })
    await writeAudit(ctx, { action: 'org.inviteCode', targetType: 'org', targetId: branch._id })
  }
  return { branchId: branch._id, code }
}

// No 0/O or 1/I: codes are read aloud and typed from a phone screen.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

function newInviteCode(): string {
  return Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
}
