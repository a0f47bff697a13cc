import { createHash } from 'crypto'
import { ballotProblem, emptyCounts, maxExcellent, proposalProblems } from '../../src/domain/review.rules'
import { castOnce, openElectorate, voterId } from '../_shared/ballot-box'
import { COL } from '../_shared/collections'
import type { Ctx, Db, MemberCaller } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { assertCovers, orgsOf, type OrgDoc } from '../_shared/orgs'
import {
  branchDocId,
  toReviewView,
  type ReviewBallotDoc,
  type ReviewBranchDoc,
  type ReviewDoc,
  type SelfDoc,
} from './docs'
import type { ReviewHandler } from '../_shared/handlers'
import {
  activeMembersByName,
  addBranches,
  branchIn,
  branchProgress,
  gradeTallies,
  reviewBranchesOf,
  reviewsOf,
  reviewVotersOf,
  selfIn,
  selvesInBranch,
  selvesOf,
  voterIn,
} from './review.repo'
import { managesBranches } from '../../src/domain/roles'

async function loadReview(db: Db, reviewId: string): Promise<ReviewDoc> {
  const review = await reviewsOf(db).get(reviewId)
  if (!review || review.status !== 'open') throw new AppError('NOT_FOUND', '没有找到该民主评议')
  return review
}

function requireOpen(review: ReviewDoc, now: Date) {
  const state = toReviewView(review, now).state
  if (state === 'not_open') fail('REVIEW_NOT_OPEN')
  if (state === 'closed') fail('REVIEW_CLOSED')
}

/**
 * The committee opens a review for a period: every active member of every branch takes part in her branch. The
 * branches' participant lists and every voter flag are written before it opens; a retry finishes what a cut-off
 * opening left.
 */
export const open: ReviewHandler<'open'> = async (input, ctx) => {
  const openAt = new Date(input.openAt)
  const closeAt = new Date(input.closeAt)
  const now = ctx.clock.now()
  if (!(openAt < closeAt)) fail('INVALID_INPUT', '截止时间应晚于开始时间')
  if (closeAt <= now) fail('INVALID_INPUT', '截止时间应晚于现在')
  const id = 'rv' + createHash('sha256').update(`${input.title}|${input.period}`).digest('hex').slice(0, 14)
  const existing = await reviewsOf(ctx.db).get(id)
  if (existing?.status === 'open')
    return { review: toReviewView(existing, now), participants: existing.participants, already: true }
  const [orgs, res] = await Promise.all([orgsOf(ctx), activeMembersByName(ctx.db)])
  const members = res.filter((m) => orgs.get(m.branchId)?.type === 'branch')
  const doc: Omit<ReviewDoc, '_id'> = {
    title: input.title,
    period: input.period,
    openAt,
    closeAt,
    excellentMaxPercent: input.excellentMaxPercent,
    status: 'preparing',
    participants: members.length,
    createdById: ctx.caller.member._id,
    createdAt: now,
  }
  await reviewsOf(ctx.db).put({ _id: id, ...doc })
  const byBranch = new Map<string, typeof members>()
  for (const m of members) byBranch.set(m.branchId, [...(byBranch.get(m.branchId) ?? []), m])
  const branches = [...byBranch.entries()].map(([branchId, ms]) => ({
    _id: branchDocId(id, branchId),
    reviewId: id,
    branchId,
    branchName: orgs.get(branchId)!.name,
    members: ms.map((m) => ({ id: m._id, name: m.name })),
    proposal: null,
    proposedAt: null,
    proposedById: null,
  }))
  if (existing) {
    // A cut-off opening: start its writes again from nothing (nobody could vote while it was preparing).
    await reviewBranchesOf(ctx.db).removeWhere({ reviewId: id })
    await reviewVotersOf(ctx.db).removeWhere({ reviewId: id })
  }
  await addBranches(ctx.db, branches)
  await openElectorate(
    ctx.db,
    COL.reviewVoters,
    { reviewId: id },
    id,
    members.map((m) => ({ memberId: m._id, branchId: m.branchId })),
  )
  await reviewsOf(ctx.db).update(id, { status: 'open' })
  return {
    review: toReviewView({ _id: id, ...doc, status: 'open' }, now),
    participants: members.length,
    already: false,
  }
}

/** Reviews I take part in; admins also see every review (to manage their branch's part). */
export const list: ReviewHandler<'list'> = async (_input, ctx) => {
  const me = ctx.caller.member
  const [reviews, mine] = await Promise.all([
    reviewsOf(ctx.db).find({ status: 'open' }, { orderBy: [['closeAt', 'desc']], limit: 20 }),
    reviewVotersOf(ctx.db).find({ memberId: me._id }, { limit: 100 }),
  ])
  const participating = new Set(mine.map((v) => v.reviewId))
  const admin = managesBranches(me.role)
  const now = ctx.clock.now()
  return {
    items: reviews
      .filter((r) => admin || participating.has(r._id))
      .map((r) => ({ ...toReviewView(r, now), participant: participating.has(r._id) })),
  }
}

/** What a participant does: her 自我评价, the others of her branch to rate, and whether her ballot is counted. */
export const mine: ReviewHandler<'mine'> = async (input, ctx) => {
  const me = ctx.caller.member
  const [review, voter, self] = await Promise.all([
    loadReview(ctx.db, input.reviewId),
    voterIn(ctx.db, input.reviewId, me._id),
    selfIn(ctx.db, input.reviewId, me._id),
  ])
  if (!voter) fail('REVIEW_NOT_PARTICIPANT')
  const branch = await branchIn(ctx.db, review._id, voter.branchId)
  return {
    review: toReviewView(review, ctx.clock.now()),
    branchName: branch?.branchName ?? '',
    ratees: (branch?.members ?? []).map((m) => ({ memberId: m.id, name: m.name, me: m.id === me._id })),
    self: self ? { text: self.text } : null,
    voted: voter.voted,
  }
}

export const selfAssess: ReviewHandler<'selfAssess'> = async (input, ctx) => {
  const me = ctx.caller.member
  const [review, voter] = await Promise.all([
    loadReview(ctx.db, input.reviewId),
    voterIn(ctx.db, input.reviewId, me._id),
  ])
  if (!voter) fail('REVIEW_NOT_PARTICIPANT')
  requireOpen(review, ctx.clock.now())
  const doc: Omit<SelfDoc, '_id'> = {
    reviewId: review._id,
    branchId: voter.branchId,
    memberId: me._id,
    text: input.text,
    updatedAt: ctx.clock.now(),
  }
  await selvesOf(ctx.db).put({ _id: voterId(review._id, me._id), ...doc })
  return { self: { text: input.text } }
}

/** Rates every participant of the caller's branch, herself included, once, secretly (see _shared/ballot-box). */
export const rate: ReviewHandler<'rate'> = async (input, ctx) => {
  const me = ctx.caller.member
  const [review, voter] = await Promise.all([
    loadReview(ctx.db, input.reviewId),
    voterIn(ctx.db, input.reviewId, me._id),
  ])
  if (!voter) fail('REVIEW_NOT_PARTICIPANT')
  requireOpen(review, ctx.clock.now())
  if (voter.voted) return { counted: true, already: true }
  const branch = (await branchIn(ctx.db, review._id, voter.branchId))!
  const problem = ballotProblem(
    input.ratings,
    branch.members.map((m) => m.id),
  )
  if (problem) fail('REVIEW_BALLOT_INVALID', problem)
  const ballot: Omit<ReviewBallotDoc, '_id'> = {
    reviewId: review._id,
    branchId: voter.branchId,
    // Ratees in roster order, not the order the voter tapped them: nothing of the voter's way of filling it in.
    ratings: branch.members.map((m) => {
      const r = input.ratings.find((x) => x.memberId === m.id)!
      return { memberId: m.id, grade: r.grade, comment: r.comment?.trim() || null }
    }),
  }
  const result = await castOnce(
    ctx.db,
    { voters: COL.reviewVoters, ballots: COL.reviewBallots },
    review._id,
    me._id,
    ballot,
  )
  if (result === 'not_eligible') fail('REVIEW_NOT_PARTICIPANT')
  return { counted: true, already: result === 'already' }
}

async function branchInScope(
  ctx: Ctx<MemberCaller>,
  reviewId: string,
  branchId: string,
): Promise<{ review: ReviewDoc; branch: ReviewBranchDoc; orgs: Map<string, OrgDoc> }> {
  const orgs = await orgsOf(ctx)
  assertCovers(ctx.caller, orgs, branchId)
  const [review, branch] = await Promise.all([loadReview(ctx.db, reviewId), branchIn(ctx.db, reviewId, branchId)])
  if (!branch) throw new AppError('NOT_FOUND', '该支部没有参评党员')
  return { review, branch, orgs }
}

/**
 * A branch's results: each member's 自评, the ratings counted from the ballots (one aggregation whatever their
 * number), the comments, and the proposal. Only after the window closes: results during it would sway the rest.
 */
export const results: ReviewHandler<'results'> = async (input, ctx) => {
  const { review, branch } = await branchInScope(ctx, input.reviewId, input.branchId)
  const view = toReviewView(review, ctx.clock.now())
  if (view.state !== 'closed') fail('REVIEW_RESULTS_HIDDEN')
  const [tallies, selfs, voted] = await Promise.all([
    gradeTallies(ctx.db, review._id, branch.branchId),
    selvesInBranch(ctx.db, review._id, branch.branchId),
    reviewVotersOf(ctx.db).count({ reviewId: review._id, branchId: branch.branchId, voted: true }),
  ])
  const selfOf = new Map(selfs.map((s) => [s.memberId, s]))
  const proposalOf = new Map((branch.proposal ?? []).map((p) => [p.memberId, p]))
  const rows = branch.members.map((m) => {
    const counts = emptyCounts()
    const comments: string[] = []
    for (const t of tallies) {
      if (t._id.m !== m.id) continue
      counts[t._id.g] += t.n
      comments.push(...t.comments.filter((c): c is string => !!c))
    }
    const s = selfOf.get(m.id)
    const p = proposalOf.get(m.id)
    return {
      memberId: m.id,
      name: m.name,
      self: s ? { text: s.text } : null,
      counts,
      // Sorted, so their order says nothing about the order ballots came in.
      comments: comments.sort(),
      proposed: p ? { grade: p.grade, note: p.note } : null,
    }
  })
  return {
    review: view,
    branchName: branch.branchName,
    participants: branch.members.length,
    voted,
    maxExcellent: maxExcellent(branch.members.length, review),
    rows,
    proposedAt: branch.proposedAt ? new Date(branch.proposedAt).toISOString() : null,
  }
}

/** The branch committee's proposed result per member, checked against the committee's limits before it is stored. */
export const propose: ReviewHandler<'propose'> = async (input, ctx) => {
  const { review, branch } = await branchInScope(ctx, input.reviewId, input.branchId)
  if (toReviewView(review, ctx.clock.now()).state !== 'closed')
    fail('REVIEW_RESULTS_HIDDEN', '评议结束后才能提出建议结果')
  const problems = proposalProblems(
    input.items,
    branch.members.map((m) => m.id),
    review,
  )
  if (problems.length)
    fail(
      'REVIEW_PROPOSAL_INVALID',
      problems[0],
      problems.map((message) => ({ path: 'items', message })),
    )
  const now = ctx.clock.now()
  const proposal = input.items.map((i) => ({ memberId: i.memberId, grade: i.grade, note: i.note?.trim() || null }))
  await reviewBranchesOf(ctx.db).update(branch._id, { proposal, proposedAt: now, proposedById: ctx.caller.member._id })
  return { proposedAt: now.toISOString() }
}

/** The committee's view of every branch: participants, ballots counted, 自评 done, proposal. Three reads. */
export const overview: ReviewHandler<'overview'> = async (input, ctx) => {
  const review = await loadReview(ctx.db, input.reviewId)
  const [branches, { voted: votedBy, selfDone: selfBy }] = await Promise.all([
    reviewBranchesOf(ctx.db).find({ reviewId: review._id }, { limit: 1000 }),
    branchProgress(ctx.db, review._id),
  ])
  const rows = branches
    .sort((a, b) => a.branchName.localeCompare(b.branchName, 'zh'))
    .map((b) => {
      let proposed = null
      if (b.proposal) {
        proposed = emptyCounts()
        for (const p of b.proposal) proposed[p.grade]++
      }
      return {
        branchId: b.branchId,
        branchName: b.branchName,
        participants: b.members.length,
        voted: votedBy.get(b.branchId) ?? 0,
        selfDone: selfBy.get(b.branchId) ?? 0,
        proposed,
      }
    })
  return { review: toReviewView(review, ctx.clock.now()), rows }
}
