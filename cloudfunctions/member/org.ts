import { randomInt } from 'crypto'
import type { OrgView } from '../../src/contract/member.contract'
import { buildTree, canNest, ORG_TYPE_LABELS } from '../../src/domain/org.tree'
import { postOrder } from '../../src/domain/staff.rules'
import { writeAudit } from '../_shared/audit'
import type { Ctx, MemberCaller } from '../_shared/context'
import { fail } from '../_shared/errors'
import { saveAtRevision } from '../_shared/revision'
import { assertCovers, isRetired, loadOrgs, type OrgDoc } from '../_shared/orgs'
import type { MemberHandler } from '../_shared/handlers'
import { countActiveIn, moveGroupMembers, postHolders } from './member.repo'
import { addOrg, orgDocsOf, setChildrenAncestors } from './org.repo'

/** The org tree, without retired orgs. Invite codes are left out: only a branch's admins see theirs, through `inviteCode`. */
export const tree: MemberHandler<'tree'> = async (_input, ctx) => {
  const orgs = await loadOrgs(ctx.db)
  const nodes = [...orgs.values()]
    .filter((o) => !isRetired(o))
    .map(({ _id, name, type, parentId, ancestors, sort, revision }) => ({
      _id,
      name,
      type,
      parentId,
      ancestors,
      sort,
      revision: revision ?? 0,
    }))
  return { tree: buildTree(nodes) }
}

function orgView(o: Pick<OrgDoc, '_id' | 'name' | 'type' | 'parentId' | 'retirees' | 'revision'>): OrgView {
  return {
    id: o._id,
    name: o.name,
    type: o.type,
    parentId: o.parentId,
    ...(o.retirees ? { retirees: true } : {}),
    revision: o.revision ?? 0,
  }
}

/**
 * Creates, renames or moves an org under a parent its type may sit under (a group under a branch, and so on).
 * A move carries the org's whole subtree: descendants' ancestor paths follow, and a 党小组 moved to another 党支部
 * takes its members with it (their branch changes too), so nobody ends up in a group of a branch they are not in.
 */
export const upsertOrg: MemberHandler<'upsertOrg'> = async (input, ctx) => {
  if (input.retirees && input.type !== 'branch') fail('INVALID_INPUT', '只有党支部可以标记为离退休干部党支部')
  const orgs = await loadOrgs(ctx.db)
  const parent = input.parentId ? orgs.get(input.parentId) : null
  if (input.parentId && (!parent || isRetired(parent))) fail('ORG_INVALID_PARENT', '没有找到上级组织')
  if (!canNest(parent?.type ?? null, input.type)) {
    fail(
      'ORG_INVALID_PARENT',
      parent
        ? `${ORG_TYPE_LABELS[input.type]}不能设在${ORG_TYPE_LABELS[parent.type]}之下`
        : '只能有一个机关党委作为根组织',
    )
  }
  const siblings = [...orgs.values()].filter(
    (o) => o.parentId === (parent?._id ?? null) && o._id !== input.id && !isRetired(o),
  )
  if (siblings.some((o) => o.name === input.name)) fail('CONFLICT', `同一上级下已有名为“${input.name}”的组织`)
  const ancestors = parent ? [...parent.ancestors, parent._id] : []
  const now = ctx.clock.now()
  if (!input.id) {
    const data = {
      name: input.name,
      type: input.type,
      parentId: parent?._id ?? null,
      ancestors,
      sort: input.sort ?? siblings.length,
      retirees: !!input.retirees,
      updatedAt: now,
    }
    const id = await addOrg(ctx.db, {
      ...data,
      inviteCode: input.type === 'branch' ? newInviteCode() : null,
      retiredAt: null,
      createdAt: now,
    })
    await writeAudit(ctx, { action: 'org.create', targetType: 'org', targetId: id, after: data })
    return { org: orgView({ _id: id, ...data }) }
  }
  const id = input.id
  const before = orgs.get(id)
  if (!before || isRetired(before)) fail('NOT_FOUND', '没有找到该组织')
  if (before.type !== input.type) fail('CONFLICT', '不能修改组织类型')
  if (id === parent?._id || ancestors.includes(id)) fail('ORG_INVALID_PARENT', '不能把组织移到它自己或它的下级之下')
  const moved = (before.parentId ?? null) !== (parent?._id ?? null)
  const data = {
    name: input.name,
    type: input.type,
    parentId: parent?._id ?? null,
    ancestors,
    sort: input.sort ?? (moved ? siblings.length : before.sort),
    // Left as it was unless the edit says otherwise (the tree editor's rename does not send it).
    retirees: input.retirees ?? !!before.retirees,
    updatedAt: now,
  }
  // Only on the revision the tree showed: a rename and a move of the same org by two admins cannot undo each other
  // (each sends the other field as it saw it) — revision.ts.
  const saved = await saveAtRevision({
    db: ctx.db,
    records: orgDocsOf(ctx.db),
    before,
    revision: input.revision,
    fields: data,
    notFound: '没有找到该组织',
  })
  if (moved) await carrySubtree(ctx, orgs, before, ancestors)
  await writeAudit(ctx, {
    action: moved ? 'org.move' : 'org.update',
    targetType: 'org',
    targetId: id,
    before: { name: before.name, parentId: before.parentId, retirees: !!before.retirees },
    after: data,
  })
  return { org: orgView(saved) }
}

/**
 * After `org` moved under a new path: every descendant's ancestor list is rewritten. Siblings share one path, so it
 * is one update per parent in the subtree (a tree is at most four levels deep), not one per org.
 */
async function carrySubtree(
  ctx: Ctx<MemberCaller>,
  orgs: ReadonlyMap<string, OrgDoc>,
  org: OrgDoc,
  newAncestors: string[],
): Promise<void> {
  const path = new Map<string, string[]>([[org._id, [...newAncestors, org._id]]])
  const queue = [org._id]
  while (queue.length) {
    const parentId = queue.shift()!
    const children = [...orgs.values()].filter((o) => o.parentId === parentId)
    if (!children.length) continue
    await setChildrenAncestors(ctx.db, parentId, path.get(parentId)!, ctx.clock.now())
    for (const c of children) {
      path.set(c._id, [...path.get(parentId)!, c._id])
      queue.push(c._id)
    }
  }
  if (org.type === 'group' && newAncestors.length) {
    const branchId = newAncestors[newAncestors.length - 1]
    await moveGroupMembers(ctx.db, org._id, branchId, ctx.clock.now())
  }
}

/**
 * Retires (撤销) an org. Refused while it still has active members or orgs under it: those must be moved first, so no
 * member is left in a branch nobody can see. Kept in the database so past meetings and exports still name it.
 */
export const retireOrg: MemberHandler<'retireOrg'> = async (input, ctx) => {
  const orgs = await loadOrgs(ctx.db)
  const org = orgs.get(input.id)
  if (!org || isRetired(org)) fail('NOT_FOUND', '没有找到该组织')
  if (org.parentId === null) fail('CONFLICT', '不能撤销机关党委')
  const children = [...orgs.values()].filter((o) => o.parentId === org._id && !isRetired(o))
  if (children.length)
    fail(
      'CONFLICT',
      `${org.name}下还有${children.length}个下级组织（${children.map((c) => c.name).join('、')}），请先移走或撤销`,
    )
  if (org.type === 'group' || org.type === 'branch') {
    const total = await countActiveIn(ctx.db, org.type === 'group' ? { groupId: org._id } : { branchId: org._id })
    if (total)
      fail('CONFLICT', `${org.name}还有${total}名党员，请先把他们调到其他${org.type === 'group' ? '党小组' : '支部'}`)
  }
  const now = ctx.clock.now()
  // The invite code goes with it: nobody may bind into a retired branch.
  await orgDocsOf(ctx.db).update(org._id, { retiredAt: now, inviteCode: null, updatedAt: now })
  await writeAudit(ctx, {
    action: 'org.retire',
    targetType: 'org',
    targetId: org._id,
    before: { name: org.name },
    reason: input.reason,
  })
  return { org: orgView(org) }
}

/** A branch's committee (支部委员会): the members holding posts, 书记 first, and how many members it has. */
export const committee: MemberHandler<'committee'> = async (input, ctx) => {
  const orgs = await loadOrgs(ctx.db)
  assertCovers(ctx.caller, orgs, input.branchId)
  const branch = orgs.get(input.branchId)!
  if (branch.type !== 'branch') fail('INVALID_INPUT', '只有党支部设支部委员会')
  const [holders, memberCount] = await Promise.all([
    postHolders(ctx.db, branch._id),
    countActiveIn(ctx.db, { branchId: branch._id }),
  ])
  const posts = holders
    .map((m) => ({ post: m.post, memberId: m._id, name: m.name }))
    .sort((a, b) => postOrder(a.post) - postOrder(b.post) || a.name.localeCompare(b.name, 'zh'))
  return { branchId: branch._id, branchName: branch.name, memberCount, posts }
}

/** A branch's invite code, created on first request; `rotate` issues a new one and the old stops working. */
export const inviteCode: MemberHandler<'inviteCode'> = async (input, ctx) => {
  const orgs = await loadOrgs(ctx.db)
  assertCovers(ctx.caller, orgs, input.branchId)
  const branch = orgs.get(input.branchId)!
  if (branch.type !== 'branch') fail('INVALID_INPUT', '只有党支部有邀请码')
  if (isRetired(branch)) fail('NOT_FOUND', '该支部已撤销')
  let code = branch.inviteCode ?? null
  if (!code || input.rotate) {
    code = newInviteCode()
    await orgDocsOf(ctx.db).update(branch._id, { inviteCode: code, updatedAt: ctx.clock.now() })
    await writeAudit(ctx, {
      action: input.rotate ? 'org.inviteCode.rotate' : 'org.inviteCode',
      targetType: 'org',
      targetId: branch._id,
    })
  }
  return { branchId: branch._id, code }
}

// No 0/O or 1/I: codes are read aloud and typed from a phone screen.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

function newInviteCode(): string {
  return Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
}
