import { archiveActions, type ArchiveOutputs } from '../../src/contract/archive.contract'
import { createRouter } from '../_shared/router'
import { attendance } from './attendance'
import { compliance } from './compliance'
import { branchRecords, meetingRecord } from './records'
import { memberReflections, reflections } from './reflections'
import { rosterTemplate } from './roster-template'
import { volunteerHours } from './volunteer-hours'
import { reviewResults } from './review-results'
import { scorecard } from './scorecard'
import { voteResults } from './vote-results'

/** The `archive` cloud function: Word exports of meeting records, Excel results of votes and reviews (kept apart for the libraries' weight). */
export const main = createRouter<typeof archiveActions, ArchiveOutputs>('archive', archiveActions, {
  meetingRecord,
  branchRecords,
  voteResults,
  reviewResults,
  attendance,
  compliance,
  rosterTemplate,
  reflections,
  memberReflections,
  volunteerHours,
  scorecard,
})
