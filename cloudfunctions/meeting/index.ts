import { meetingActions, type MeetingOutputs } from '../../src/contract/meeting.contract'
import { createRouter } from '../_shared/router'
import { board, detail, mine } from './board'
import { checkIn, mark, qrToken, staticCode } from './checkin'
import { organiserPresent } from './organiser'
import { exportXlsx } from './export'
import { leaves, requestLeave, reviewLeave, withdrawLeave } from './leave'
import { makeups, makeupTasks } from './makeup'
import { objections, raiseObjection, resolveObjection } from './objection'
import { submitMakeup } from './makeup-submit'
import { cancel, close, create, list, update } from './meetings'
import { record, recordCompleteness, saveRecord } from './record'
import { compliance, stats } from './stats'
import { setComplianceStart } from './compliance-start'
import { saveTalk, setTalkRule, talks } from './talks'
import { sweepTallies } from './stored-tally'
import { RUN_BUDGET_MS } from '../_shared/job-runner'

/** The `meeting` cloud function: 三会一课 sign-in, leave, statistics and exports. */
export const main = createRouter<typeof meetingActions, MeetingOutputs>(
  'meeting',
  meetingActions,
  {
    create,
    update,
    cancel,
    close,
    list,
    board,
    qrToken,
    organiserPresent,
    staticCode,
    mark,
    leaves,
    reviewLeave,
    stats,
    compliance,
    setComplianceStart,
    export: exportXlsx,
    mine,
    detail,
    checkIn,
    requestLeave,
    withdrawLeave,
    saveRecord,
    record,
    recordCompleteness,
    saveTalk,
    talks,
    setTalkRule,
    makeupTasks,
    submitMakeup,
    makeups,
    raiseObjection,
    objections,
    resolveObjection,
  },
  {
    // Every minute: count the meetings whose sign-in window ended, recount the corrected ones (stored-tally.ts).
    tally: (ctx) => sweepTallies(ctx, RUN_BUDGET_MS),
  },
)
