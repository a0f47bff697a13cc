import { randomBytes } from 'crypto'
import type { Db } from './db-types'
import { inTransaction, txGet } from './transaction'

/**
 * Secret, once-only ballots (民主评议 and 票决). Two collections that share nothing a reader could join on:
 *
 * - the electorate: one "voter" document per eligible member, `_id` = `${pollId}_${memberId}`, ALL written when the
 *   poll opens, in member-id order, and later only flipped to `voted: true`. Their ids, fields and storage order are
 *   therefore fixed before anyone votes and say nothing about when (or in what order) anyone voted.
 * - the ballots: random `_id`, the poll and the choices, no member, no time, no sequence number.
 *
 * The flip and the ballot are written in one transaction, so a ballot exists exactly when its voter is marked: two taps
 * at once conflict on the voter document (snapshot isolation) and the retried one finds it already voted.
 */

export interface VoterDoc {
  _id: string
  memberId: string
  branchId: string
  voted: boolean
  [poll: string]: unknown
}

export const voterId = (pollId: string, memberId: string) => `${pollId}_${memberId}`

/**
 * Largest `add([...])` batch. The server SDK's add takes an array (CloudBase inserts "one or more documents" per
 * request: https://docs.cloudbase.net/http-api/nosql/insert-documents); a few hundred keep one request small.
 */
const BATCH = 500

/**
 * Writes the electorate of a poll, sorted by member id. Idempotent: voters already there (a retried opening) are
 * kept as they are and only the missing ones are added.
 */
export async function openElectorate(
  db: Db,
  collection: string,
  poll: Record<string, unknown>,
  pollId: string,
  voters: ReadonlyArray<{ memberId: string; branchId: string }>,
  existing: ReadonlySet<string> = new Set(),
): Promise<number> {
  const docs = [...voters]
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))
    .filter((v) => !existing.has(voterId(pollId, v.memberId)))
    .map((v) => ({
      _id: voterId(pollId, v.memberId),
      ...poll,
      memberId: v.memberId,
      branchId: v.branchId,
      voted: false,
    }))
  for (let i = 0; i < docs.length; i += BATCH) {
    await db.collection(collection).add({ data: docs.slice(i, i + BATCH) })
  }
  return voters.length
}

export type CastResult = 'counted' | 'already' | 'not_eligible'

/** Casts one ballot for `memberId`: exactly once, whatever retries or simultaneous taps do. */
export async function castOnce(
  db: Db,
  cols: { voters: string; ballots: string },
  pollId: string,
  memberId: string,
  ballot: Record<string, unknown>,
): Promise<CastResult> {
  const vid = voterId(pollId, memberId)
  return inTransaction(db, async (t) => {
    const voter = await txGet<VoterDoc>(t, cols.voters, vid)
    if (!voter) return 'not_eligible'
    if (voter.voted) return 'already'
    await t
      .collection(cols.voters)
      .doc(vid)
      .update({ data: { voted: true } })
    await t.collection(cols.ballots).doc(randomBytes(16).toString('hex')).set({ data: ballot })
    return 'counted'
  })
}
