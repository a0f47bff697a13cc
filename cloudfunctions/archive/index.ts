import { archiveActions, type ArchiveOutputs } from '../../src/contract/archive.contract'
import { createRouter } from '../_shared/router'
import { branchRecords, meetingRecord } from './records'

/** The `archive` cloud function: Word exports of meeting records (kept apart for the Word library's weight). */
export const main = createRouter<typeof archiveActions, ArchiveOutputs>('archive', archiveActions, {
  meetingRecord,
  branchRecords,
})
