import { maskPhone } from '../../src/domain/phone'
import { ROLE_LABELS } from '../../src/domain/roles'
import { ROSTER_FIELD_LABELS } from '../../src/domain/roster.rules'
import { writeAudit } from '../_shared/audit'
import { saveWorkbook } from '../_shared/exports'
import { fail } from '../_shared/errors'
import { assertCovers, orgsOf } from '../_shared/orgs'
import { newWorkbook } from '../_shared/workbook'
import type { MemberHandler } from '../_shared/handlers'
import { membersOf, rosterInOrder } from './member.repo'

/** A committee's roster is hundreds; this keeps one export inside the function's time. */
const MAX_ROWS = 5000

const BIND_LABELS = { unbound: '未绑定', pending: '待审核', bound: '已绑定' } as const

/**
 * The roster as .xlsx, in the order the roster screen lists it, with the importer's own column names so a corrected
 * file can be imported back. Phone numbers are masked unless an org admin asks for them in full — that export is
 * audited, since a full roster with phones is the most sensitive file the app produces.
 */
export const exportRoster: MemberHandler<'exportRoster'> = async (input, ctx) => {
  const _ = ctx.db.command
  const orgs = await orgsOf(ctx)
  const scope = ctx.caller.scope
  const full = !!input.fullPhones
  if (full && ctx.caller.member.role !== 'org_admin') fail('FORBIDDEN', '只有机关党委管理员可以导出完整手机号')
  const orgId = input.orgId ?? (scope.kind === 'branch' ? scope.branchId : undefined)
  const where: Record<string, unknown> = { status: 'active' }
  if (orgId) {
    assertCovers(ctx.caller, orgs, orgId)
    const org = orgs.get(orgId)!
    if (org.type === 'group') where.groupId = orgId
    else if (org.type === 'branch') where.branchId = orgId
    else if (org.type === 'general_branch')
      where.branchId = _.in([...orgs.values()].filter((o) => o.parentId === orgId).map((o) => o._id))
  } else if (scope.kind !== 'all') {
    fail('OUT_OF_SCOPE')
  }
  const total = await membersOf(ctx.db).count(where)
  if (total > MAX_ROWS) fail('EXPORT_TOO_LARGE', `共 ${total} 人，超过单次导出上限 ${MAX_ROWS} 人，请按支部分别导出`)
  const members = await rosterInOrder(ctx.db, where, total)

  const wb = await newWorkbook()
  const ws = wb.addWorksheet('花名册')
  ws.columns = [
    { header: ROSTER_FIELD_LABELS.name, key: 'name', width: 12 },
    { header: ROSTER_FIELD_LABELS.phone, key: 'phone', width: 15 },
    { header: ROSTER_FIELD_LABELS.branch, key: 'branch', width: 20 },
    { header: ROSTER_FIELD_LABELS.group, key: 'group', width: 14 },
    { header: ROSTER_FIELD_LABELS.role, key: 'role', width: 16 },
    { header: ROSTER_FIELD_LABELS.gender, key: 'gender', width: 6 },
    { header: ROSTER_FIELD_LABELS.title, key: 'title', width: 18 },
    { header: '支委职务', key: 'post', width: 10 },
    { header: '绑定状态', key: 'bind', width: 10 },
  ]
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  // Phones as text: a number cell would show 1.39E+10 and drop nothing, but Excel users then "fix" it and break it.
  ws.getColumn('phone').numFmt = '@'
  for (const m of members) {
    ws.addRow({
      name: m.name,
      phone: full ? m.phone : maskPhone(m.phone),
      branch: orgs.get(m.branchId)?.name ?? '',
      group: m.groupId ? (orgs.get(m.groupId)?.name ?? '') : '',
      role: ROLE_LABELS[m.role],
      gender: m.gender ?? '',
      title: m.title ?? '',
      post: m.post ?? '',
      bind: BIND_LABELS[m.bindStatus],
    })
  }
  const scopeName = orgId ? (orgs.get(orgId)?.name ?? '') : '全部'
  const saved = await saveWorkbook(ctx, wb, `花名册-${scopeName}${full ? '-完整手机号' : ''}.xlsx`)
  if (full) {
    await writeAudit(ctx, {
      action: 'member.exportRoster',
      targetType: 'org',
      targetId: orgId ?? 'all',
      after: { fullPhones: true, rows: members.length, fileID: saved.fileID },
    })
  }
  return { ...saved, rows: members.length }
}
