import type { YearReview } from '../../src/contract/member.contract'
import { windowOf } from '../../src/domain/review.rules'
import type { Db } from '../_shared/context'
import { branchDocId } from '../review/docs'
import { reviewBranchesOf, reviewsOf, reviewVotersOf, selvesOf } from '../review/review.repo'

/**
 * The 民主评议 of a member's year: each review opened in the year she took part in, whether her (secret) ratings were
 * counted and she wrote her 自我评价, and — once the review is over and her branch has proposed — her 建议结果.
 * Three reads whatever the organisation's size: the year's reviews, her voter flags and self-assessments by id
 * (`${reviewId}_${memberId}`), and her branch's proposals by id. Her own grade only: the proposal is read from the
 * branch document, but nothing about anyone else leaves the cloud.
 */
export async function reviewsOfYear(db: Db, memberId: string, from: Date, to: Date, now: Date): Promise<YearReview[]> {
  const _ = db.command
  const reviews = await reviewsOf(db).find(
    { status: 'open', openAt: _.gte(from).and(_.lte(to)) },
    { orderBy: [['openAt', 'desc']], limit: 20 },
  )
  if (!reviews.length) return []
  const ids = reviews.map((r) => `${r._id}_${memberId}`)
  const [voters, selves] = await Promise.all([
    reviewVotersOf(db).find({ _id: _.in(ids) }, { limit: 20 }),
    selvesOf(db).find({ _id: _.in(ids) }, { fields: { _id: true }, limit: 20 }),
  ])
  const voterOf = new Map(voters.map((v) => [v._id, v]))
  const selfDone = new Set(selves.map((s) => s._id))
  const closed = reviews.filter((r) => voterOf.has(`${r._id}_${memberId}`) && windowOf(r, now) === 'closed')
  const branches = closed.length
    ? await reviewBranchesOf(db).find(
        { _id: _.in(closed.map((r) => branchDocId(r._id, voterOf.get(`${r._id}_${memberId}`)!.branchId))) },
        { limit: 20 },
      )
    : []
  const proposalOf = new Map(branches.map((b) => [b.reviewId, b.proposal]))
  return reviews
    .filter((r) => voterOf.has(`${r._id}_${memberId}`))
    .map((r) => {
      const id = `${r._id}_${memberId}`
      const mine = proposalOf.get(r._id)?.find((p) => p.memberId === memberId) ?? null
      return {
        reviewId: r._id,
        title: r.title,
        period: r.period,
        state: windowOf(r, now),
        voted: !!voterOf.get(id)!.voted,
        selfDone: selfDone.has(id),
        result: mine ? mine.grade : null,
      }
    })
}
