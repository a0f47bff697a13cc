import { createHash } from 'crypto'
import type { RosterPreviewRow } from '../../src/contract/member.contract'
import { PLAN_FIELD_LABELS, planRosterImport, type PlannedRow } from '../../src/domain/roster.plan'
import { parseRoster } from '../../src/domain/roster.rules'
import type { Ctx, MemberCaller, MemberDoc } from '../_shared/context'
import { fail } from '../_shared/errors'
import { orgsOf } from '../_shared/orgs'
import { actorOf } from '../_shared/rank'
import { readSheet } from '../_shared/sheets'
import { keepingAnOrgAdmin } from './org-admin-guard'
import { activeOrgAdminIds, membersByPhone, txMembers } from './member.repo'
import { continueJob, findJob, startJob, type JobRow } from './roster-import-job'
import type { MemberHandler } from '../_shared/handlers'
import { confinedBranch } from '../../src/domain/roles'

/** The preview lists at most this many rows; the counts always cover the whole file. */
const PREVIEW_ROWS = 500

/**
 * Imports a roster file in two steps. Without `confirm`: every row is checked against the rules of
 * src/domain/roster.plan.ts and the preview comes back (created, updated field by field, moved, re-roled) with a
 * token; nothing is written. With `confirm`: the same plan is made again from the same file and the database as it is
 * now, and applied only if it is still exactly what the admin saw (else CONFLICT: look again). Members are keyed by
 * phone number, so importing the same file again changes nothing.
 */
export const importRoster: MemberHandler<'import'> = async (input, ctx) => {
  // A confirm that has started already (a large file, or a run cut off midway) goes on from where it stopped.
  const started = input.confirm ? await findJob(ctx, input.confirm) : null
  if (started) return write(ctx, started)
  const file = await ctx.cloud
    .downloadFile({ fileID: input.fileID })
    .catch(() => fail('IMPORT_FILE_UNREADABLE', '没有找到上传的文件，请重新上传'))
  const sheet = await readSheet(input.fileID, file.fileContent as Buffer)

  const orgs = await orgsOf(ctx)
  const branches = new Map<string, string>()
  const groups = new Map<string, string>()
  for (const o of orgs.values()) {
    if (o.type === 'branch') branches.set(o.name, o._id)
    if (o.type === 'group' && o.parentId) groups.set(`${o.parentId}/${o.name}`, o._id)
  }
  const me = ctx.caller.member
  const parsed = parseRoster(sheet, {
    branches,
    groups,
    onlyBranchId: confinedBranch(me),
  })
  if (!parsed.ok) fail('IMPORT_INVALID', undefined, rowDetails(parsed.errors))

  const [existing, orgAdminIds] = await Promise.all([
    membersByPhone(
      ctx.db,
      parsed.rows.map((r) => r.phone),
    ),
    activeOrgAdminIds(ctx.db),
  ])
  const plan = planRosterImport(parsed.rows, { actor: actorOf(ctx.caller), orgs, existing, orgAdminIds })
  if (!plan.ok) fail('IMPORT_INVALID', undefined, rowDetails(plan.errors))

  const token = tokenFor(input.fileID, me._id, plan.rows)
  const summary = { ...summarise(plan.rows, token, existing), unknownColumns: parsed.unknownColumns }
  if (!input.confirm) return { ...summary, stage: 'preview' }
  if (input.confirm !== token) fail('CONFLICT', '花名册在预览之后有了变化，请重新预览后再确认导入')

  return write(ctx, await startJob(ctx, token, plan.rows, existing, summary))
}

/**
 * Org admins the file takes away are re-roled first, through the guard (a setRole at the same moment cannot leave the
 * committee without one), before any row is written; then the rows, from the job's cursor.
 */
async function write(ctx: Ctx<MemberCaller>, job: Awaited<ReturnType<typeof startJob>>) {
  if (job.job.status !== 'done' && job.job.cursor === 0) {
    const demoted = job.rows.filter(
      (r) =>
        r.kind === 'update' &&
        r.patch.role !== undefined &&
        r.patch.role !== 'org_admin' &&
        r.before?.role === 'org_admin',
    ) as Array<JobRow & { kind: 'update' }>
    if (demoted.length)
      await keepingAnOrgAdmin(
        ctx,
        demoted.map((r) => r.memberId),
        async (t) => {
          for (const r of demoted) await txMembers(t).update(r.memberId, { role: r.patch.role })
        },
      )
  }
  return continueJob(ctx, job)
}

function rowDetails(errors: Array<{ row: number; field: string; message: string }>) {
  return errors.map((e) => ({ row: e.row, path: e.field, message: e.message }))
}

/**
 * What the admin saw, as a digest: the file, who imports it and every planned write. A plan made again on confirm
 * has the same digest only if neither the file nor the members it touches changed in between.
 */
function tokenFor(fileID: string, actorId: string, rows: readonly PlannedRow[]): string {
  return createHash('sha256')
    .update(JSON.stringify([fileID, actorId, rows]))
    .digest('hex')
}

function summarise(rows: readonly PlannedRow[], confirmToken: string, existing: ReadonlyMap<string, MemberDoc>) {
  const nameOf = new Map([...existing.values()].map((m) => [m._id, m.name]))
  const listed: RosterPreviewRow[] = []
  let created = 0
  let updated = 0
  let moved = 0
  let reroled = 0
  for (const r of rows) {
    if (r.kind === 'unchanged') continue
    const row: RosterPreviewRow =
      r.kind === 'create'
        ? { row: r.row, kind: 'create', name: r.doc.name, changes: [], moved: false, reroled: false }
        : {
            row: r.row,
            kind: 'update',
            name: nameOf.get(r.memberId) ?? r.name,
            changes: r.changes.map((c) => ({ field: PLAN_FIELD_LABELS[c.field], before: c.before, after: c.after })),
            moved: r.patch.branchId !== undefined,
            reroled: r.patch.role !== undefined,
          }
    if (r.kind === 'create') created++
    else updated++
    if (row.moved) moved++
    if (row.reroled) reroled++
    if (listed.length < PREVIEW_ROWS) listed.push(row)
  }
  return {
    confirmToken,
    created,
    updated,
    moved,
    reroled,
    unchanged: rows.length - created - updated,
    total: rows.length,
    rows: listed,
  }
}
