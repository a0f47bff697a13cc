import type { MemberOutputs } from '../../src/contract/member.contract'
import { phoneTail } from '../../src/domain/phone'
import { ROLE_LABELS } from '../../src/domain/roles'
import { parseRoster, type RosterRow, type RowError } from '../../src/domain/roster.rules'
import { writeAudit } from '../_shared/audit'
import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller, MemberDoc } from '../_shared/context'
import { fail } from '../_shared/errors'
import { loadOrgs } from '../_shared/orgs'
import { readSheet } from '../_shared/sheets'
import { memberIdFor } from './member-id'

/**
 * Imports a roster file: every row is checked first and nothing is written unless all are right. Members are keyed
 * by phone number, so importing the same file again updates rather than duplicates.
 */
export async function importRoster(
  input: { fileID: string },
  ctx: Ctx<MemberCaller>,
): Promise<MemberOutputs['import']> {
  const file = await ctx.cloud
    .downloadFile({ fileID: input.fileID })
    .catch(() => fail('IMPORT_FILE_UNREADABLE', '没有找到上传的文件，请重新上传'))
  const sheet = await readSheet(input.fileID, file.fileContent as Buffer)

  const orgs = await loadOrgs(ctx.db)
  const branches = new Map<string, string>()
  const groups = new Map<string, string>()
  for (const o of orgs.values()) {
    if (o.type === 'branch') branches.set(o.name, o._id)
    if (o.type === 'group' && o.parentId) groups.set(`${o.parentId}/${o.name}`, o._id)
  }
  const isOrgAdmin = ctx.caller.member.role === 'org_admin'
  const parsed = parseRoster(sheet, {
    branches,
    groups,
    onlyBranchId: isOrgAdmin ? undefined : ctx.caller.member.branchId,
  })
  const errors: RowError[] = parsed.ok ? [] : parsed.errors
  const rows = parsed.ok ? parsed.rows : []
  if (!isOrgAdmin) {
    for (const r of rows)
      if (r.role && r.role !== 'member')
        errors.push({ row: r.row, field: '角色', message: `只有机关党委管理员可以设置“${ROLE_LABELS[r.role!]}”角色` })
  }
  if (errors.length)
    fail(
      'IMPORT_INVALID',
      undefined,
      errors.sort((a, b) => a.row - b.row).map((e) => ({ row: e.row, path: e.field, message: e.message })),
    )

  const existing = await existingByPhone(
    ctx,
    rows.map((r) => r.phone),
  )
  const now = ctx.clock.now()
  let created = 0
  let updated = 0
  // Chunks of parallel writes: fast enough for a committee's roster, gentle on the database's rate limit.
  for (let i = 0; i < rows.length; i += 20) {
    await Promise.all(
      rows.slice(i, i + 20).map(async (r) => {
        const before = existing.get(r.phone)
        if (before) {
          updated++
          await ctx.db
            .collection(COL.members)
            .doc(before._id)
            .update({ data: patchFor(r, now) })
          if (r.role && before.role !== r.role) {
            await writeAudit(ctx, {
              action: 'member.setRole',
              targetType: 'member',
              targetId: before._id,
              before: { role: before.role },
              after: { role: r.role },
              reason: '花名册导入',
            })
          }
        } else {
          created++
          await ctx.db
            .collection(COL.members)
            .doc(memberIdFor(r.phone))
            .set({ data: newMember(r, now) })
        }
      }),
    )
  }
  return { created, updated, total: rows.length }
}

async function existingByPhone(ctx: Ctx, phones: string[]): Promise<Map<string, MemberDoc>> {
  const _ = ctx.db.command
  const out = new Map<string, MemberDoc>()
  for (let i = 0; i < phones.length; i += 100) {
    const res = await ctx.db
      .collection(COL.members)
      .where({ phone: _.in(phones.slice(i, i + 100)) })
      .limit(100)
      .get()
    for (const m of res.data as MemberDoc[]) out.set(m.phone, m)
  }
  return out
}

function patchFor(r: RosterRow, now: Date) {
  const base = {
    name: r.name,
    phoneTail: phoneTail(r.phone),
    branchId: r.branchId,
    groupId: r.groupId,
    title: r.title,
    gender: r.gender,
    status: 'active' as const,
    updatedAt: now,
  }
  return r.role ? { ...base, role: r.role } : base
}

function newMember(r: RosterRow, now: Date): Omit<MemberDoc, '_id'> {
  return {
    ...patchFor(r, now),
    role: r.role ?? 'member',
    phone: r.phone,
    openid: null,
    bindStatus: 'unbound',
    pendingOpenid: null,
    unbindRequested: false,
    createdAt: now,
  }
}
