// Typed reads and writes of the scorecard area: the committee's weights, one document. Handlers call these, never
// ctx.db.collection (issue 11); each is one database request.
import type { Weights } from '../../src/domain/scorecard.rules'
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import { typedCollection } from '../_shared/repo'

export interface WeightsDoc {
  _id: string
  weights: Weights
  updatedAt: Date
  updatedById: string
  updatedByName: string
}

/** The weights live in one document under a fixed id: there is one set for the whole organisation. */
export const WEIGHTS_ID = 'current'

const weightsOf = (db: Db) => typedCollection<WeightsDoc>(db, COL.scoreWeights)

/** The committee's weights, or null while it has never set any (the defaults apply). One read. */
export function loadWeights(db: Db): Promise<WeightsDoc | null> {
  return weightsOf(db).get(WEIGHTS_ID)
}

/** Stores the weights with who set them and when (the whole document, created or replaced). One write. */
export function saveWeights(db: Db, doc: Omit<WeightsDoc, '_id'>): Promise<void> {
  return weightsOf(db).put({ _id: WEIGHTS_ID, ...doc })
}
