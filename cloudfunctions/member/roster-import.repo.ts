// Typed reads and writes of roster import jobs (a confirmed plan and its cursor, member/roster-import-job.ts):
// handlers call these, never ctx.db.collection (issue 11).
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import { isDuplicateKey } from '../_shared/duplicate-key'
import { typedCollection } from '../_shared/repo'
import type { ImportJobDoc } from './roster-import-job'

export const importJobsOf = (db: Db) => typedCollection<ImportJobDoc>(db, COL.importJobs)

/**
 * Stores the job under its confirm token, once: false when one is already there (a concurrent confirm of the same
 * token stored it first). One write; a clash is recognised by code, never by message (duplicate-key.ts).
 */
export async function createImportJob(db: Db, job: ImportJobDoc): Promise<boolean> {
  try {
    await db.collection(COL.importJobs).add({ data: job })
    return true
  } catch (err) {
    if (!(await isDuplicateKey(db, COL.importJobs, job._id, err))) throw err
    return false
  }
}
