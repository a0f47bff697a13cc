// Typed reads and writes of the 民主评议 area (reviews, each branch's list and proposal, voter flags, 自我评价):
// handlers call these rather than ctx.db.collection with casts (issue 11). Ballots stay behind _shared/ballot-box,
// which keeps them apart from who cast them. Each function is one database request unless it says otherwise.
import type { Grade } from '../../src/domain/review.rules'
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import type { Db, MemberDoc } from '../_shared/context'
import { voterId, type VoterDoc } from '../_shared/ballot-box'
import { typedCollection } from '../_shared/repo'
import { branchDocId, type ReviewBallotDoc, type ReviewBranchDoc, type ReviewDoc, type SelfDoc } from './docs'

/** A voter flag of a review: who takes part and whether she has voted (never how). */
export type ReviewVoterDoc = VoterDoc & { reviewId: string }

export const reviewsOf = (db: Db) => typedCollection<ReviewDoc>(db, COL.reviews)
export const reviewBranchesOf = (db: Db) => typedCollection<ReviewBranchDoc>(db, COL.reviewBranches)
export const reviewVotersOf = (db: Db) => typedCollection<ReviewVoterDoc>(db, COL.reviewVoters)
export const selvesOf = (db: Db) => typedCollection<SelfDoc>(db, COL.reviewSelf)
const ballotsOf = (db: Db) => typedCollection<ReviewBallotDoc>(db, COL.reviewBallots)

/** The member's voter flag in a review, or null when she does not take part. */
export function voterIn(db: Db, reviewId: string, memberId: string): Promise<ReviewVoterDoc | null> {
  return reviewVotersOf(db).get(voterId(reviewId, memberId))
}

/** The member's own 自我评价 in a review, or null while she has written none. */
export function selfIn(db: Db, reviewId: string, memberId: string): Promise<SelfDoc | null> {
  return selvesOf(db).get(voterId(reviewId, memberId))
}

/** A branch's participants and proposal in a review. */
export function branchIn(db: Db, reviewId: string, branchId: string): Promise<ReviewBranchDoc | null> {
  return reviewBranchesOf(db).get(branchDocId(reviewId, branchId))
}

/** Every active member with her name and branch, by name (then id): who a review's branches are made of. One request
 * per thousand. */
export function activeMembersByName(db: Db): Promise<Array<Pick<MemberDoc, '_id' | 'name' | 'branchId'>>> {
  return aggregateAll(() =>
    db
      .collection(COL.members)
      .aggregate()
      .match({ status: 'active' })
      .project({ name: 1, branchId: 1 })
      .sort({ name: 1, _id: 1 }),
  )
}

/** Adds all of a review's branch documents in one request (the server SDK's add takes an array). */
export async function addBranches(db: Db, branches: ReviewBranchDoc[]): Promise<void> {
  if (branches.length) await db.collection(COL.reviewBranches).add({ data: branches })
}

/** One branch's grade counts and comments per member, from its ballots in one aggregation (per thousand groups). */
export function gradeTallies(
  db: Db,
  reviewId: string,
  branchId: string,
): Promise<Array<{ _id: { m: string; g: Grade }; n: number; comments: Array<string | null> }>> {
  const $ = db.command.aggregate
  return aggregateAll(() =>
    ballotsOf(db)
      .aggregate()
      .match({ reviewId, branchId })
      .unwind('$ratings')
      .group({
        _id: { m: '$ratings.memberId', g: '$ratings.grade' },
        n: $.sum(1),
        comments: $.push('$ratings.comment'),
      })
      .sort({ '_id.m': 1, '_id.g': 1 }),
  )
}

/** The 自我评价 written in one branch of a review (a branch's members: under a thousand). */
export async function selvesInBranch(db: Db, reviewId: string, branchId: string): Promise<SelfDoc[]> {
  const res = await selvesOf(db).aggregate().match({ reviewId, branchId }).limit(1000).end()
  return res.list as SelfDoc[]
}

/** Per branch of a review: how many voted, and how many wrote a 自我评价. Two aggregations, made together. */
export async function branchProgress(
  db: Db,
  reviewId: string,
): Promise<{ voted: Map<string, number>; selfDone: Map<string, number> }> {
  const $ = db.command.aggregate
  const [voted, selfs] = await Promise.all([
    reviewVotersOf(db)
      .aggregate()
      .match({ reviewId, voted: true })
      .group({ _id: '$branchId', n: $.sum(1) })
      .limit(1000)
      .end(),
    selvesOf(db)
      .aggregate()
      .match({ reviewId })
      .group({ _id: '$branchId', n: $.sum(1) })
      .limit(1000)
      .end(),
  ])
  const byBranch = (list: Array<Record<string, unknown>>) => new Map(list.map((r) => [r._id as string, r.n as number]))
  return { voted: byBranch(voted.list), selfDone: byBranch(selfs.list) }
}
