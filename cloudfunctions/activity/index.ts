import { activityActions, type ActivityOutputs } from '../../src/contract/activity.contract'
import { createRouter } from '../_shared/router'
import { ACTIVITY_PROMOTED, checkTemplatesAtStart } from '../_shared/templates'
import { closeSignup, exportRoster, get, manage, promote, publish, review, roster, save, setHours } from './manage'
import { checkIn, myHours, qrToken, subscribe } from './onsite'
import { cancel, detail, list, signup } from './signup'

// Checked once per instance, at cold start: wrong template keys are in the function log before the first send.
checkTemplatesAtStart([ACTIVITY_PROMOTED])

/** The `activity` cloud function: volunteer and union activities, places, waitlist, on-site check-in, hours. */
export const main = createRouter<typeof activityActions, ActivityOutputs>('activity', activityActions, {
  save,
  get,
  publish,
  closeSignup,
  manage,
  roster,
  review,
  promote,
  setHours,
  qrToken,
  exportRoster,
  list,
  detail,
  signup,
  cancel,
  checkIn,
  myHours,
  subscribe,
})
