// Typed reads and writes of the 民主评议 area (reviews, each branch's list and proposal, voter flags, 自我评价):
// handlers call these rather than ctx.db.collection with casts (issue 11). Ballots stay behind _shared/ballot-box,
// which keeps them apart from who cast them. Each function is one database request.
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import { voterId, type VoterDoc } from '../_shared/ballot-box'
import { typedCollection } from '../_shared/repo'
import { branchDocId, type ReviewBranchDoc, type ReviewDoc, type SelfDoc } from './docs'

/** A voter flag of a review: who takes part and whether she has voted (never how). */
export type ReviewVoterDoc = VoterDoc & { reviewId: string }

export const reviewsOf = (db: Db) => typedCollection<ReviewDoc>(db, COL.reviews)
export const reviewBranchesOf = (db: Db) => typedCollection<ReviewBranchDoc>(db, COL.reviewBranches)
export const reviewVotersOf = (db: Db) => typedCollection<ReviewVoterDoc>(db, COL.reviewVoters)
export const selvesOf = (db: Db) => typedCollection<SelfDoc>(db, COL.reviewSelf)

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
