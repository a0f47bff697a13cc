import { scorecardActions, type ScorecardOutputs } from '../../src/contract/scorecard.contract'
import { createRouter } from '../_shared/router'
import { setWeights, view } from './scorecard'

/** The `scorecard` cloud function: the committee's branch scorecards (measures, weights, ranking, trend). */
export const main = createRouter<typeof scorecardActions, ScorecardOutputs>('scorecard', scorecardActions, {
  view,
  setWeights,
})
