import { voteActions, type VoteOutputs } from '../../src/contract/vote.contract'
import { createRouter } from '../_shared/router'
import { cast, close, create, detail, list, manage, update } from './votes'

/** The `vote` cloud function: 票决 and 评选, once per member, secret or named. */
export const main = createRouter<typeof voteActions, VoteOutputs>('vote', voteActions, {
  create,
  update,
  close,
  manage,
  list,
  detail,
  cast,
})
