// Typed reads and writes of the 票决 area (votes, their voter flags and ballots): handlers call these, never
// ctx.db.collection with casts (issue 11). Casting stays behind _shared/ballot-box, which keeps a ballot apart from who
// cast it. Each function says what it costs, because every database call is a round trip.
import { aggregateAll } from '../_shared/aggregate-all'
import type { VoterDoc } from '../_shared/ballot-box'
import { voterId } from '../_shared/ballot-box'
import { COL } from '../_shared/collections'
import type { Db, MemberDoc } from '../_shared/context'
import { fetchPage } from '../_shared/paging'
import { typedCollection, type Where } from '../_shared/repo'
import type { BallotDoc, VoteDoc } from './docs'

/** A voter flag of a vote: who may vote and whether she has (never how); the deadline orders her list. */
export type VoteVoterDoc = VoterDoc & { voteId: string; closeAt: Date }

export const votesOf = (db: Db) => typedCollection<VoteDoc>(db, COL.votes)
export const voteVotersOf = (db: Db) => typedCollection<VoteVoterDoc>(db, COL.voteVoters)
export const ballotsOf = (db: Db) => typedCollection<BallotDoc>(db, COL.voteBallots)

/** The member's voter flag in a vote, or null when she is not in its electorate. One read. */
export function voterIn(db: Db, voteId: string, memberId: string): Promise<VoteVoterDoc | null> {
  return voteVotersOf(db).get(voterId(voteId, memberId))
}

/**
 * The members an electorate is drawn from (those matching `where`), with what eligibility looks at: one request per
 * thousand, in id order.
 */
export function electorateCandidates(
  db: Db,
  where: Where<MemberDoc>,
): Promise<Array<Pick<MemberDoc, '_id' | 'branchId' | 'role' | 'post'>>> {
  return aggregateAll(() =>
    db.collection(COL.members).aggregate().match(where).project({ branchId: 1, role: 1, post: 1 }).sort({ _id: 1 }),
  )
}

/** The ids of the voter flags a vote already has (a retried opening keeps them): one request per thousand. */
export async function writtenVoterIds(db: Db, voteId: string): Promise<Set<string>> {
  const rows = await aggregateAll<{ _id: string }>(() =>
    voteVotersOf(db).aggregate().match({ voteId }).project({ _id: 1 }).sort({ _id: 1 }),
  )
  return new Set(rows.map((r) => r._id))
}

/** Votes and points per option, from all of a vote's ballots in one aggregation (at most 100 options). */
export async function ballotTally(db: Db, voteId: string): Promise<Map<string, { votes: number; points: number }>> {
  const $ = db.command.aggregate
  const res = await ballotsOf(db)
    .aggregate()
    .match({ voteId })
    .unwind('$choices')
    .group({ _id: '$choices.optionId', votes: $.sum(1), points: $.sum('$choices.points') })
    .limit(100)
    .end()
  return new Map(res.list.map((r) => [r._id as string, { votes: r.votes as number, points: r.points as number }]))
}

/** How many have voted in each of these votes (up to 20: one page), in one aggregation. */
export async function turnoutOf(db: Db, voteIds: readonly string[]): Promise<Map<string, number>> {
  if (!voteIds.length) return new Map()
  const _ = db.command
  const res = await voteVotersOf(db)
    .aggregate()
    .match({ voteId: _.in(voteIds), voted: true })
    .group({ _id: '$voteId', n: _.aggregate.sum(1) })
    .limit(20)
    .end()
  return new Map(res.list.map((r) => [r._id as string, r.n as number]))
}

/** A page of the member's voter flags, latest deadline first: two requests (the page and its count). */
export function votersPage(db: Db, memberId: string, page?: number) {
  return fetchPage<VoteVoterDoc>(voteVotersOf(db).query({ memberId }), [['closeAt', 'desc']], page)
}

/** A page of votes, newest first: two requests (the page and its count). */
export function votesPage(db: Db, where: Where<VoteDoc>, page?: number) {
  return fetchPage<VoteDoc>(votesOf(db).query(where), [['createdAt', 'desc']], page)
}

/** A named vote's ballots by voter name, 100 at a time (the name, then the id, keeps each on one page). */
export function namedBallotsPage(db: Db, voteId: string, skip: number): Promise<BallotDoc[]> {
  return ballotsOf(db).find({ voteId }, { orderBy: [['name', 'asc']], skip, limit: 100 })
}
