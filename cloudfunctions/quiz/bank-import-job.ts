import { createHash } from 'crypto'
import type { QuizOutputs } from '../../src/contract/quiz.contract'
import type { ParsedQuestion } from '../../src/domain/question.import'
import type { BankChange } from '../../src/domain/question.reimport'
import { writeAudit } from '../_shared/audit'
import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller } from '../_shared/context'
import { isDuplicateKey } from '../_shared/duplicate-key'
import { importStage, queuedState, runJob, type JobKind, type JobState } from '../_shared/job-runner'
import { bankJobsOf, questionsOf, updateQuestion } from './quiz.repo'

/**
 * A question-bank import as a job of the shared runner (_shared/job-runner.ts), so that a large file ends whole even
 * when the function is cut off midway. The planned rows are stored once under a key of the file and the admin; the
 * runner writes them in parallel chunks from the saved cursor and stops itself well before the timeout, answering
 * `writing` with the progress. The next call for the same file — the page makes it at once, and again after a cut-off
 * — continues from the cursor instead of planning again; one after the end answers `done` with the same summary.
 * Every write is safe to redo: a new question is set under the id its key names (the same values again), an update
 * sets the same values again, and each audit entry has a natural id.
 */
const CHUNK = 20

export type Planned =
  | { kind: 'create'; q: ParsedQuestion }
  | { kind: 'update'; q: ParsedQuestion; id: string; changes: BankChange[]; patch: Record<string, unknown> }

type Summary = Omit<QuizOutputs['importBank'], 'stage' | 'progress'>

export interface BankImportJobDoc {
  _id: string
  actorId: string
  fileID: string
  rows: Planned[]
  /** The runner's state; the cursor counts rows written. */
  job: JobState<number>
  summary: Summary
  createdAt: Date
}

export function questionIdFor(key: string): string {
  return `q_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`
}

/** The job of this file for this admin (another admin's upload has another file id, so another job). */
export function bankJobId(fileID: string, actorId: string): string {
  return `bank_${createHash('sha256').update(`${fileID}|${actorId}`).digest('hex').slice(0, 40)}`
}

export function findBankJob(ctx: Ctx<MemberCaller>, fileID: string): Promise<BankImportJobDoc | null> {
  return bankJobsOf(ctx.db).get(bankJobId(fileID, ctx.caller.member._id))
}

const bankKind: JobKind<BankImportJobDoc, number, Planned> = {
  collection: COL.bankImportJobs,
  field: 'job',
  batch: CHUNK,
  parallel: true,
  whole: true,
  async page(_ctx, job, cursor) {
    return job.rows.slice(cursor).map((r, i) => ({ item: r, cursor: cursor + i + 1 }))
  },
  async step(ctx, job, p) {
    await writeRow(ctx as Ctx<MemberCaller>, job, p)
    return p.kind === 'create' ? 'created' : 'updated'
  },
}

/** Stores the planned rows once (a concurrent call for the same file finds the first one's job). */
export async function startBankJob(
  ctx: Ctx<MemberCaller>,
  fileID: string,
  rows: Planned[],
  summary: Summary,
): Promise<BankImportJobDoc> {
  const job: BankImportJobDoc = {
    _id: bankJobId(fileID, ctx.caller.member._id),
    actorId: ctx.caller.member._id,
    fileID,
    rows,
    job: queuedState(0),
    summary,
    createdAt: ctx.clock.now(),
  }
  const made = await bankJobsOf(ctx.db).create(job)
  return made.created ? job : made.existing
}

/** Writes from the job's cursor until the end or the time budget; answers where it stands. */
export async function continueBankJob(
  ctx: Ctx<MemberCaller>,
  job: BankImportJobDoc,
): Promise<QuizOutputs['importBank']> {
  return { ...job.summary, ...importStage(await runJob(ctx, bankKind, job), job.rows.length) }
}

async function writeRow(ctx: Ctx<MemberCaller>, job: BankImportJobDoc, p: Planned): Promise<void> {
  // One time for the whole import, whichever run writes the row: a redone write sets the very same values, and the
  // bank lists the file's questions together (newest first, as one import) as it did when one call wrote them all.
  const now = new Date(job.createdAt)
  if (p.kind === 'update') {
    // The import changes what the question editor edits: it moves the revision on, so an editor opened before it
    // cannot save over the imported text unseen (_shared/revision.ts). A redone batch moves it again: harmless.
    await updateQuestion(ctx.db, p.id, { ...p.patch, updatedAt: now, revision: ctx.db.command.inc(1) })
    const auditId = `bimp_${job._id.slice(5, 29)}_${p.q.row}`
    try {
      await writeAudit(
        ctx,
        {
          action: 'question.import.update',
          targetType: 'question',
          targetId: p.id,
          before: Object.fromEntries(p.changes.map((c) => [c.field, c.before])),
          after: Object.fromEntries(p.changes.map((c) => [c.field, c.after])),
          reason: '题库导入',
        },
        auditId,
      )
    } catch (err) {
      // Written by the run this one continues.
      if (!(await isDuplicateKey(ctx.db, COL.auditLogs, auditId, err))) throw err
    }
    return
  }
  const q = p.q
  await questionsOf(ctx.db).put({
    _id: questionIdFor(q.key),
    type: q.type,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    explanation: q.explanation,
    category: q.category,
    key: q.key,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  })
}
