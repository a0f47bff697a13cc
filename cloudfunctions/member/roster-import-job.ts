import type { RosterImportResult } from '../../src/contract/member.contract'
import { phoneTail } from '../../src/domain/phone'
import type { PlannedRow } from '../../src/domain/roster.plan'
import { writeAudit } from '../_shared/audit'
import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller, MemberDoc } from '../_shared/context'
import { isDuplicateKey } from '../_shared/duplicate-key'
import { fail } from '../_shared/errors'
import { importStage, queuedState, runJob, type JobKind, type JobState } from '../_shared/job-runner'
import { memberIdFor } from './member-id'
import { createMemberOnce, membersOf } from './member.repo'
import { createImportJob, importJobsOf } from './roster-import.repo'

/**
 * A confirmed roster import as a job of the shared runner (_shared/job-runner.ts), so that it ends whole even when the
 * function is cut off midway (its 20 s timeout on a slow database, a crash). The confirmed plan is stored once under
 * the confirm token; the runner writes its rows in parallel chunks from the saved cursor, each write idempotent (a
 * member is created under its natural id and a second create is a duplicate; an update sets the same values again;
 * each audit entry has a natural id), and stops by itself well before the timeout, answering `writing`. The next
 * confirm with the same token — the app sends it at once, and again after a cut-off — continues from the cursor (once
 * a cut-off run's lease has lapsed: until then it answers `writing` with the saved progress); one more after the end
 * answers `done` again.
 */
/** Parallel writes per chunk: fast enough for a committee's roster, gentle on the database's rate limit. */
const CHUNK = 20

type Summary = Omit<RosterImportResult, 'stage' | 'progress'>

/** A row to write: the plan's row and, for an update, the stored values it replaces (for the audit). */
export type JobRow = Exclude<PlannedRow, { kind: 'unchanged' }> & { before?: Record<string, unknown> }

export interface ImportJobDoc {
  _id: string
  actorId: string
  rows: JobRow[]
  /** The runner's state; the cursor counts rows written. */
  job: JobState<number>
  summary: Summary
  createdAt: Date
}

const importKind: JobKind<ImportJobDoc, number, JobRow> = {
  collection: COL.importJobs,
  field: 'job',
  batch: CHUNK,
  parallel: true,
  whole: true,
  async page(_ctx, job, cursor) {
    return job.rows.slice(cursor).map((r, i) => ({ item: r, cursor: cursor + i + 1 }))
  },
  async step(ctx, job, r) {
    await writeRow(ctx as Ctx<MemberCaller>, job._id, r)
    return r.kind === 'create' ? 'created' : 'updated'
  },
}

/** The job of a confirm token, if that confirm has started; only its own admin may continue it. */
export async function findJob(ctx: Ctx<MemberCaller>, token: string): Promise<ImportJobDoc | null> {
  const job = await importJobsOf(ctx.db).get(token)
  if (job && job.actorId !== ctx.caller.member._id) fail('CONFLICT', '这份花名册由其他管理员确认导入，请重新上传并预览')
  return job
}

/** Stores the confirmed plan once (a concurrent confirm of the same token finds the first one's job). */
export async function startJob(
  ctx: Ctx<MemberCaller>,
  token: string,
  rows: readonly PlannedRow[],
  stored: ReadonlyMap<string, MemberDoc>,
  summary: Summary,
): Promise<ImportJobDoc> {
  const byId = new Map([...stored.values()].map((m) => [m._id, m]))
  const jobRows: JobRow[] = rows
    .filter((r): r is Exclude<PlannedRow, { kind: 'unchanged' }> => r.kind !== 'unchanged')
    .map((r) => {
      if (r.kind === 'create') return r
      const before = byId.get(r.memberId)
      return {
        ...r,
        before: Object.fromEntries(
          Object.keys(r.patch).map((k) => [k, (before?.[k as keyof MemberDoc] as unknown) ?? null]),
        ),
      }
    })
  const job: ImportJobDoc = {
    _id: token,
    actorId: ctx.caller.member._id,
    rows: jobRows,
    job: queuedState(0),
    summary,
    createdAt: ctx.clock.now(),
  }
  if (await createImportJob(ctx.db, job)) return job
  return (await findJob(ctx, token))!
}

/** Writes from the job's cursor until the end or the time budget; answers where it stands. */
export async function continueJob(ctx: Ctx<MemberCaller>, job: ImportJobDoc): Promise<RosterImportResult> {
  return { ...job.summary, ...importStage(await runJob(ctx, importKind, job), job.rows.length) }
}

/** One row, safe to write again: the second create and the second audit entry are duplicates, the update the same. */
async function writeRow(ctx: Ctx<MemberCaller>, token: string, r: JobRow): Promise<void> {
  const now = ctx.clock.now()
  const auditId = `imp_${token.slice(0, 24)}_${r.row}`
  if (r.kind === 'create') {
    const id = memberIdFor(r.phone)
    const doc: MemberDoc = {
      _id: id,
      ...r.doc,
      phone: r.phone,
      phoneTail: phoneTail(r.phone),
      status: 'active',
      openid: null,
      bindStatus: 'unbound',
      pendingOpenid: null,
      unbindRequested: false,
      createdAt: now,
      updatedAt: now,
    }
    // `add`, not `set`: a member created by an earlier run may have bound since; her binding must not be erased.
    await createMemberOnce(ctx.db, doc)
    await once(ctx, COL.auditLogs, auditId, () =>
      writeAudit(
        ctx,
        { action: 'member.import.create', targetType: 'member', targetId: id, after: r.doc, reason: '花名册导入' },
        auditId,
      ),
    )
    return
  }
  await membersOf(ctx.db).update(r.memberId, { ...r.patch, updatedAt: now })
  await once(ctx, COL.auditLogs, auditId, () =>
    writeAudit(
      ctx,
      {
        action: 'member.import.update',
        targetType: 'member',
        targetId: r.memberId,
        before: r.before ?? null,
        after: r.patch,
        reason: '花名册导入',
      },
      auditId,
    ),
  )
}

/** Runs a create; a duplicate of its natural key means an earlier run made it already. */
async function once(ctx: Ctx, collection: string, id: string, create: () => Promise<unknown>): Promise<void> {
  try {
    await create()
  } catch (err) {
    if (!(await isDuplicateKey(ctx.db, collection, id, err))) throw err
  }
}
