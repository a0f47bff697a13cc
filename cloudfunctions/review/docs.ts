import type { ReviewView } from '../../src/contract/review.contract'
import { windowOf, type Grade } from '../../src/domain/review.rules'

export interface ReviewDoc {
  _id: string
  title: string
  period: string
  openAt: Date
  closeAt: Date
  excellentMaxPercent: number
  /** `preparing` while branches and voters are written; nobody can take part until it is `open`. */
  status: 'preparing' | 'open'
  participants: number
  createdById: string
  createdAt: Date
}

/** `_id` = `${reviewId}_${branchId}`: who takes part in the branch (fixed at opening) and the branch's proposal. */
export interface ReviewBranchDoc {
  _id: string
  reviewId: string
  branchId: string
  branchName: string
  members: Array<{ id: string; name: string }>
  proposal: Array<{ memberId: string; grade: Grade; note: string | null }> | null
  proposedAt: Date | null
  proposedById: string | null
}

/** `_id` = `${reviewId}_${memberId}`: the member's own, named 自我评价. */
export interface SelfDoc {
  _id: string
  reviewId: string
  branchId: string
  memberId: string
  text: string
  updatedAt: Date
}

/** A secret ballot: the branch it counts for and the grades, nothing about who cast it or when. */
export interface ReviewBallotDoc {
  _id: string
  reviewId: string
  branchId: string
  ratings: Array<{ memberId: string; grade: Grade; comment: string | null }>
}

export const branchDocId = (reviewId: string, branchId: string) => `${reviewId}_${branchId}`

export function toReviewView(r: ReviewDoc, now: Date): ReviewView {
  return {
    id: r._id,
    title: r.title,
    period: r.period,
    openAt: new Date(r.openAt).toISOString(),
    closeAt: new Date(r.closeAt).toISOString(),
    state: r.status === 'preparing' ? 'not_open' : windowOf(r, now),
    excellentMaxPercent: r.excellentMaxPercent,
  }
}
