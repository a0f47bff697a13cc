import { createHash } from 'crypto'
import type { VoteResults } from '../../src/contract/vote.contract'
import { pollVerdict } from '../../src/domain/rank'
import { coversOrg } from '../../src/domain/roles'
import {
  choiceProblem,
  isEligible,
  pointsOf,
  rankResults,
  resultsVisible,
  type Eligibility,
  type VoteMode,
} from '../../src/domain/vote.rules'
import { writeAudit } from '../_shared/audit'
import { castOnce, openElectorate } from '../_shared/ballot-box'
import { COL } from '../_shared/collections'
import type { Ctx, Db, MemberCaller, MemberDoc } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { saveAtRevision } from '../_shared/revision'
import { assertStoredFiles } from '../_shared/file-refs'
import { resolveUrls } from '../_shared/file-urls'
import { assertCovers, orgsOf, type OrgDoc } from '../_shared/orgs'
import type { Where } from '../_shared/repo'
import { stateOf, toVoteView, type VoteDoc } from './docs'
import {
  ballotTally,
  ballotsOf,
  electorateCandidates,
  turnoutOf,
  voteVotersOf,
  voterIn,
  votersPage,
  votesOf,
  votesPage,
  writtenVoterIds,
} from './vote.repo'
import type { VoteHandler } from '../_shared/handlers'

interface CreateInput {
  title: string
  description?: string
  options: Array<{ text: string; detail?: string; images?: string[] }>
  eligibility: Eligibility
  branchId?: string
  secret: boolean
  mode: VoteMode
  maxChoices?: number
  openAt: string
  closeAt: string
  liveResults: boolean
}

/** Everyone a vote is for: active members of the branch, the committee role holders, or all active members. */
async function electorateOf(
  db: Db,
  vote: Pick<VoteDoc, 'eligibility' | 'branchId'>,
): Promise<Array<{ memberId: string; branchId: string }>> {
  const where: Where<MemberDoc> = { status: 'active' }
  if (vote.eligibility === 'branch' || vote.eligibility === 'branch_committee') where.branchId = vote.branchId
  if (vote.eligibility === 'committee') where.role = 'org_admin'
  const list = await electorateCandidates(db, where)
  return list.filter((m) => isEligible(vote, m)).map((m) => ({ memberId: m._id, branchId: m.branchId }))
}

/**
 * Reads a vote the caller may manage (src/domain/rank.ts pollVerdict): a branch vote in her scope, or a wider vote
 * only for the committee. Outside her scope it answers like a missing vote.
 */
export async function voteInScope(
  ctx: Ctx<MemberCaller>,
  voteId: string,
): Promise<{ vote: VoteDoc; orgs: Map<string, OrgDoc> }> {
  const [vote, orgs] = await Promise.all([votesOf(ctx.db).get(voteId), orgsOf(ctx)])
  if (!vote) throw new AppError('NOT_FOUND', '没有找到该投票')
  const owner = orgs.get(vote.branchId ?? vote.ownerBranchId)
  const verdict = pollVerdict(
    { role: ctx.caller.member.role, scope: ctx.caller.scope },
    {
      branchId: vote.branchId,
      ownerOrgId: vote.ownerBranchId,
      ancestors: owner?.ancestors ?? [],
    },
  )
  if (!verdict.ok && verdict.code === 'OUT_OF_SCOPE') throw new AppError('NOT_FOUND', '没有找到该投票')
  if (!verdict.ok) throw new AppError('FORBIDDEN', verdict.message)
  return { vote, orgs }
}

/**
 * Creates a vote and writes its electorate before it can open. A branch admin runs votes of her branch; wider
 * ones (committee, everyone) are the committee's. The id comes from organiser, title and start, so a retry lands on
 * the same vote and finishes its electorate if the first try was cut off.
 */
export const create: VoteHandler<'create'> = async (input, ctx) => {
  const me = ctx.caller.member
  const orgs = await orgsOf(ctx)
  // Branch votes (its members, or its committee's post holders) belong to a branch; wider ones to the committee.
  const branchWide = input.eligibility === 'branch' || input.eligibility === 'branch_committee'
  const branchId = branchWide ? (input.branchId ?? me.branchId) : null
  if (branchId) {
    assertCovers(ctx.caller, orgs, branchId)
    if (orgs.get(branchId)?.type !== 'branch') fail('INVALID_INPUT', '请选择一个党支部')
  } else if (ctx.caller.scope.kind !== 'all') fail('FORBIDDEN', '面向机关党委委员或全体党员的投票由机关党委发起')
  const { fields, images } = pollRules(input, ctx.clock.now())
  await assertStoredFiles(ctx, images, '候选项图片')
  const { openAt, closeAt } = fields
  const id =
    'vt' + createHash('sha256').update(`${me._id}|${input.title}|${openAt.toISOString()}`).digest('hex').slice(0, 14)
  const now = ctx.clock.now()
  const existing = await votesOf(ctx.db).get(id)
  if (existing && existing.status !== 'preparing')
    return { vote: toVoteView(existing, orgs, await resolveUrls(ctx, images), now), already: true }
  const doc: Omit<VoteDoc, '_id' | 'electorate'> = {
    ...fields,
    eligibility: input.eligibility,
    branchId,
    ownerBranchId: me.branchId,
    status: 'preparing',
    createdById: me._id,
    createdByName: me.name,
    createdAt: now,
  }
  const voters = await electorateOf(ctx.db, { eligibility: input.eligibility, branchId })
  if (!voters.length) fail('INVALID_INPUT', '投票范围内没有在册党员')
  await votesOf(ctx.db).put({ _id: id, ...doc, electorate: voters.length })
  // A retry after a cut-off opening keeps the voters already written and adds the rest.
  const already = existing ? await writtenVoterIds(ctx.db, id) : new Set<string>()
  await openElectorate(ctx.db, COL.voteVoters, { voteId: id, closeAt }, id, voters, already)
  await votesOf(ctx.db).updateWhere({ _id: id, status: 'preparing' }, { status: 'open' })
  const full: VoteDoc = { _id: id, ...doc, status: 'open', electorate: voters.length }
  return { vote: toVoteView(full, orgs, await resolveUrls(ctx, images), now), already: false }
}

type PollInput = Omit<CreateInput, 'eligibility' | 'branchId'>

/** Checks what create and update share: the window, uploaded images, how many may be chosen. */
function pollRules(input: PollInput, now: Date) {
  const openAt = new Date(input.openAt)
  const closeAt = new Date(input.closeAt)
  if (!(openAt < closeAt)) fail('INVALID_INPUT', '截止时间应晚于开始时间')
  if (closeAt <= now) fail('INVALID_INPUT', '截止时间应晚于现在')
  const images = input.options.flatMap((o) => o.images ?? [])
  if (images.some((f) => !f.startsWith('cloud://'))) fail('INVALID_INPUT', '候选项图片须先上传')
  const maxChoices = input.mode === 'single' ? 1 : (input.maxChoices ?? input.options.length)
  if (maxChoices > input.options.length) fail('INVALID_INPUT', '最多可选项数不能超过候选项数')
  const fields = {
    title: input.title,
    description: input.description ?? null,
    options: input.options.map((o, i) => ({
      id: `o${i + 1}`,
      text: o.text,
      detail: o.detail ?? null,
      images: o.images ?? [],
    })),
    secret: input.secret,
    mode: input.mode,
    maxChoices,
    openAt,
    closeAt,
    liveResults: input.liveResults,
  }
  return { fields, images }
}

/**
 * Changes a vote before it opens: candidates, mode, secrecy, window, result display. Once it has opened — or if any
 * ballot exists at all — it is refused: option ids would point at other candidates and ballots already cast would
 * count under rules the voters never saw. The write is conditional on the vote still not having opened, so an edit
 * racing the opening time cannot land after the first ballot. Audited with the before and after.
 */
export const update: VoteHandler<'update'> = async (input, ctx) => {
  const { vote, orgs } = await voteInScope(ctx, input.voteId)
  const now = ctx.clock.now()
  if (vote.status !== 'open' || stateOf(vote, now) !== 'not_open') fail('VOTE_LOCKED')
  if ((await ballotsOf(ctx.db).count({ voteId: vote._id })) > 0) fail('VOTE_LOCKED')
  const { fields, images } = pollRules(input, now)
  await assertStoredFiles(ctx, images, '候选项图片')
  if (fields.openAt <= now) fail('INVALID_INPUT', '修改后的开始时间应晚于现在；要立即开始，请保留原开始时间')
  const _ = ctx.db.command
  // Conditional on the vote still not having opened, and on the revision the organiser's form opened, so another
  // organiser's change meanwhile is not overwritten (revision.ts). An unchanged edit (a retried save) is no refusal.
  const saved = await saveAtRevision({
    db: ctx.db,
    records: votesOf(ctx.db),
    before: vote,
    revision: input.revision,
    fields,
    where: { status: 'open', openAt: _.gt(now) },
    recheck: (latest) => {
      if (latest.status !== 'open' || new Date(latest.openAt) <= now) fail('VOTE_LOCKED')
    },
    notFound: '没有找到该投票',
  })
  if (fields.closeAt.getTime() !== new Date(vote.closeAt).getTime()) {
    // Each voter's flag carries the deadline (it orders the member's list): one multi-document update.
    await voteVotersOf(ctx.db).updateWhere({ voteId: vote._id }, { closeAt: fields.closeAt })
  }
  await writeAudit(ctx, {
    action: 'vote.update',
    targetType: 'vote',
    targetId: vote._id,
    before: editable(vote),
    after: editable(fields),
  })
  return { vote: toVoteView(saved, orgs, await resolveUrls(ctx, images), now) }
}

type PollFields = ReturnType<typeof pollRules>['fields']

/** The fields an edit may change, in one order and with times as ISO text: what the audit shows and compares. */
function editable(v: PollFields | VoteDoc) {
  return {
    title: v.title,
    description: v.description,
    options: v.options,
    secret: v.secret,
    mode: v.mode,
    maxChoices: v.maxChoices,
    openAt: new Date(v.openAt).toISOString(),
    closeAt: new Date(v.closeAt).toISOString(),
    liveResults: v.liveResults,
  }
}

export const close: VoteHandler<'close'> = async (input, ctx) => {
  const { vote, orgs } = await voteInScope(ctx, input.voteId)
  if (vote.status === 'open') await votesOf(ctx.db).updateWhere({ _id: vote._id, status: 'open' }, { status: 'closed' })
  const closed = { ...vote, status: 'closed' as const }
  return {
    vote: toVoteView(
      closed,
      orgs,
      await resolveUrls(
        ctx,
        vote.options.flatMap((o) => o.images),
      ),
      ctx.clock.now(),
    ),
  }
}

/** Tallies a vote from its ballots in one aggregation, whatever their number. */
export async function tallyOf(db: Db, vote: VoteDoc): Promise<VoteResults> {
  const [by, voted] = await Promise.all([
    ballotTally(db, vote._id),
    voteVotersOf(db).count({ voteId: vote._id, voted: true }),
  ])
  const rows = rankResults(
    vote.options.map((o) => ({ optionId: o.id, text: o.text, ...(by.get(o.id) ?? { votes: 0, points: 0 }) })),
  )
  return { voted, electorate: vote.electorate, rows }
}

/** One vote as a member sees it: hers to cast if she is in its electorate; results once they may be shown. */
export const detail: VoteHandler<'detail'> = async (input, ctx) => {
  const me = ctx.caller.member
  const [vote, voter] = await Promise.all([votesOf(ctx.db).get(input.voteId), voterIn(ctx.db, input.voteId, me._id)])
  const orgs = await orgsOf(ctx)
  const org = vote ? orgs.get(vote.branchId ?? vote.ownerBranchId) : undefined
  const admin = !!org && coversOrg(ctx.caller.scope, org._id, org.ancestors)
  if (!vote || vote.status === 'preparing' || (!voter && !admin)) throw new AppError('NOT_FOUND', '没有找到该投票')
  const now = ctx.clock.now()
  const visible = resultsVisible({ ...vote, status: vote.status === 'closed' ? 'closed' : 'open' }, now)
  const [urls, results] = await Promise.all([
    resolveUrls(
      ctx,
      vote.options.flatMap((o) => o.images),
    ),
    visible ? tallyOf(ctx.db, vote) : null,
  ])
  return { vote: toVoteView(vote, orgs, urls, now), myVoted: !!voter?.voted, eligible: !!voter, results }
}

/** Casts the caller's ballot: inside the window, valid for the mode, once. A secret ballot names nobody. */
export const cast: VoteHandler<'cast'> = async (input, ctx) => {
  const me = ctx.caller.member
  const [vote, voter] = await Promise.all([votesOf(ctx.db).get(input.voteId), voterIn(ctx.db, input.voteId, me._id)])
  if (!vote || vote.status === 'preparing') throw new AppError('NOT_FOUND', '没有找到该投票')
  // Outside the electorate: an admin who oversees the vote hears why; anyone else hears what a missing id gets, before
  // the window or the choices are looked at, so a vote's existence and state cannot be probed.
  if (!voter) {
    const orgs = await orgsOf(ctx)
    const org = orgs.get(vote.branchId ?? vote.ownerBranchId)
    if (org && coversOrg(ctx.caller.scope, org._id, org.ancestors)) fail('VOTE_NOT_ELIGIBLE')
    throw new AppError('NOT_FOUND', '没有找到该投票')
  }
  const state = stateOf(vote, ctx.clock.now())
  if (state === 'not_open') fail('VOTE_NOT_OPEN')
  if (state === 'closed') fail('VOTE_CLOSED')
  const problem = choiceProblem(
    vote.mode,
    vote.maxChoices,
    vote.options.map((o) => o.id),
    input.choices,
  )
  if (problem) fail('VOTE_CHOICE_INVALID', problem)
  const ballot = {
    voteId: vote._id,
    choices: pointsOf(vote.mode, vote.maxChoices, input.choices),
    ...(vote.secret ? {} : { memberId: me._id, name: me.name }),
  }
  const result = await castOnce(ctx.db, { voters: COL.voteVoters, ballots: COL.voteBallots }, vote._id, me._id, ballot)
  if (result === 'not_eligible') fail('VOTE_NOT_ELIGIBLE')
  return { counted: true, already: result === 'already' }
}

/** The votes a member is in the electorate of, newest deadline first. */
export const list: VoteHandler<'list'> = async (input, ctx) => {
  const { rows, total, page, pageSize } = await votersPage(ctx.db, ctx.caller.member._id, input.page)
  const ids = rows.map((r) => r.voteId)
  const _ = ctx.db.command
  const [votes, orgs] = await Promise.all([
    ids.length ? votesOf(ctx.db).find({ _id: _.in(ids) }, { limit: 20 }) : [],
    orgsOf(ctx),
  ])
  const byId = new Map(votes.map((v) => [v._id, v]))
  const now = ctx.clock.now()
  const items = rows
    .filter((r) => byId.get(r.voteId) && byId.get(r.voteId)!.status !== 'preparing')
    .map((r) => ({ ...toVoteView(byId.get(r.voteId)!, orgs, new Map(), now), myVoted: r.voted }))
  return { items, total, page, pageSize }
}

/** An admin's votes: her branch's (a branch admin) or all (the committee), with turnout from the voter flags. */
export const manage: VoteHandler<'manage'> = async (input, ctx) => {
  const scope = ctx.caller.scope
  const where = scope.kind === 'all' ? {} : { ownerBranchId: scope.kind === 'branch' ? scope.branchId : '' }
  const [{ rows, total, page, pageSize }, orgs] = await Promise.all([votesPage(ctx.db, where, input.page), orgsOf(ctx)])
  const voted = await turnoutOf(
    ctx.db,
    rows.map((r) => r._id),
  )
  const now = ctx.clock.now()
  return {
    items: rows.map((v) => ({ ...toVoteView(v, orgs, new Map(), now), voted: voted.get(v._id) ?? 0 })),
    total,
    page,
    pageSize,
  }
}
