import { reviewActions, type ReviewOutputs } from '../../src/contract/review.contract'
import { createRouter } from '../_shared/router'
import { list, mine, open, overview, propose, rate, results, selfAssess } from './reviews'

/** The `review` cloud function: 民主评议党员 (self-assessment, secret once-only ratings, proposals, results). */
export const main = createRouter<typeof reviewActions, ReviewOutputs>('review', reviewActions, {
  open,
  list,
  mine,
  selfAssess,
  rate,
  results,
  propose,
  overview,
})
