import { mayActOn, type Actor } from './rank'
import { ROLE_LABELS, type Role } from './roles'
import type { RosterRow, RowError } from './roster.rules'
import { LEAVE_REASON_LABELS, type LeaveReason } from './staff.rules'

/**
 * What a roster import will do, decided before anything is written: the admin sees this as the preview and confirms
 * it. Pure, so the rules (branch, rank, roles, blank cells) are tested without a database.
 */

export interface StoredMember {
  _id: string
  name: string
  phone: string
  branchId: string
  groupId: string | null
  role: Role
  title: string | null
  gender: '男' | '女' | null
  status: 'active' | 'left'
  leftReason?: LeaveReason | null
}

export interface PlanOrg {
  _id: string
  name: string
  ancestors: readonly string[]
}

export interface PlanInput {
  actor: Actor
  orgs: ReadonlyMap<string, PlanOrg>
  /** Stored members by phone number, for the phones the file names. */
  existing: ReadonlyMap<string, StoredMember>
  /** Every active org admin now: the import may not leave none. */
  orgAdminIds: readonly string[]
}

export type PlanField = 'name' | 'branchId' | 'groupId' | 'role' | 'title' | 'gender' | 'status'

export const PLAN_FIELD_LABELS: Record<PlanField, string> = {
  name: '姓名',
  branchId: '所在支部',
  groupId: '党小组',
  role: '角色',
  title: '职务',
  gender: '性别',
  status: '状态',
}

export interface FieldChange {
  field: PlanField
  /** As a person reads it: org names, role labels, "（空）". */
  before: string
  after: string
}

export type PlannedRow =
  | { kind: 'create'; row: number; phone: string; doc: Omit<StoredMember, '_id' | 'phone' | 'status'> }
  | {
      kind: 'update'
      row: number
      memberId: string
      name: string
      patch: Partial<StoredMember>
      changes: FieldChange[]
    }
  | { kind: 'unchanged'; row: number; memberId: string }

export type Plan = { ok: true; rows: PlannedRow[] } | { ok: false; errors: RowError[] }

const EMPTY = '（空）'

/**
 * The plan for `rows` (already parsed by parseRoster). Row errors, never silent changes:
 * - a branch admin creates and updates members of her own branch only; a phone that belongs to another branch's
 *   member is a row error, not a move;
 * - the rank rule decides whom a row may change (a branch admin's file cannot touch the org admin in her branch);
 * - roles change only by an org admin's file, and never so that no org admin remains;
 * - a blank 职务, 党小组 or 性别 keeps the stored value; `清空` in the cell clears it;
 * - a member marked 转出/去世/停止党籍 is never made active again by a file: that row is an error naming her status.
 *   An old roster file re-imported would otherwise silently put people who left back into every 应到/应考/应读;
 *   restoring someone is a deliberate, audited act of its own (党员管理 → 恢复).
 */
export function planRosterImport(rows: readonly RosterRow[], input: PlanInput): Plan {
  const { actor, orgs, existing } = input
  const errors: RowError[] = []
  const planned: PlannedRow[] = []
  const isOrgAdmin = actor.role === 'org_admin'
  const orgName = (id: string | null) => (id ? (orgs.get(id)?.name ?? id) : EMPTY)

  for (const r of rows) {
    const before = errors.length
    const err = (field: string, message: string) => errors.push({ row: r.row, field, message })
    const stored = existing.get(r.phone)
    const roleRefused = !!r.role && r.role !== 'member' && !isOrgAdmin
    if (roleRefused) err('角色', `只有机关党委管理员可以设置“${ROLE_LABELS[r.role!]}”角色`)

    if (!stored) {
      if (errors.length === before) {
        const groupId = r.clear.includes('group') ? null : r.groupId
        const title = r.clear.includes('title') ? null : r.title
        planned.push({
          kind: 'create',
          row: r.row,
          phone: r.phone,
          doc: { name: r.name, branchId: r.branchId, groupId, role: r.role ?? 'member', title, gender: r.gender },
        })
      }
      continue
    }

    const storedOrg = stored.groupId && orgs.has(stored.groupId) ? stored.groupId : stored.branchId
    const subject = {
      id: stored._id,
      role: stored.role,
      orgId: storedOrg,
      ancestors: orgs.get(storedOrg)?.ancestors ?? [],
    }
    const verdict = mayActOn(actor, subject, 'import')
    if (!verdict.ok && verdict.code === 'OUT_OF_SCOPE') {
      err('手机号', '该手机号已登记为其他支部的党员，不能通过导入调入本支部；如需调动请联系机关党委')
      continue
    }

    if (stored.status === 'left') {
      const why = stored.leftReason ? LEAVE_REASON_LABELS[stored.leftReason] : '离开'
      err(
        '手机号',
        `${stored.name}已标记为“${why}”，导入不会恢复其党籍状态：请从文件中删去此行；如确需恢复，请在党员管理中操作`,
      )
      continue
    }

    const patch: Partial<StoredMember> = {}
    const changes: FieldChange[] = []
    const change = <K extends PlanField>(field: K, after: StoredMember[K], show: (v: StoredMember[K]) => string) => {
      if (stored[field] === after) return
      patch[field] = after
      changes.push({ field, before: show(stored[field]), after: show(after) })
    }
    const text = (v: string | null) => v ?? EMPTY

    change('name', r.name, (v) => v)
    const moved = r.branchId !== stored.branchId
    change('branchId', r.branchId, (v) => orgName(v))
    // A group belongs to its branch: a move without a group named leaves the member in no group.
    const groupId = r.clear.includes('group') ? null : (r.groupId ?? (moved ? null : stored.groupId))
    change('groupId', groupId, (v) => orgName(v))
    if (r.role) {
      if (r.role !== stored.role && !isOrgAdmin) {
        if (!roleRefused) err('角色', '只有机关党委管理员可以通过导入修改角色')
      } else change('role', r.role, (v) => ROLE_LABELS[v])
    }
    change('title', r.clear.includes('title') ? null : (r.title ?? stored.title), text)
    change('gender', r.gender ?? stored.gender, text)

    if (changes.length && !verdict.ok) err('姓名', `${verdict.message}（${stored.name}）`)
    if (errors.length !== before) continue
    planned.push(
      changes.length
        ? { kind: 'update', row: r.row, memberId: stored._id, name: r.name, patch, changes }
        : { kind: 'unchanged', row: r.row, memberId: stored._id },
    )
  }

  // Roles: the committee must keep at least one org admin after the file is applied.
  const admins = new Set(input.orgAdminIds)
  for (const p of planned) {
    if (p.kind === 'create' && p.doc.role === 'org_admin') admins.add(`new:${p.phone}`)
    if (p.kind === 'update' && p.patch.role) {
      if (p.patch.role === 'org_admin') admins.add(p.memberId)
      else admins.delete(p.memberId)
    }
  }
  if (admins.size === 0) {
    for (const p of planned) {
      if (p.kind === 'update' && p.patch.role && input.orgAdminIds.includes(p.memberId)) {
        errors.push({ row: p.row, field: '角色', message: '不能撤销最后一名机关党委管理员' })
      }
    }
  }
  return errors.length ? { ok: false, errors: errors.sort((a, b) => a.row - b.row) } : { ok: true, rows: planned }
}
