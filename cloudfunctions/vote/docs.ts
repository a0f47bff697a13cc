import type { VoteView } from '../../src/contract/vote.contract'
import { windowOf } from '../../src/domain/review.rules'
import { ELIGIBILITY_LABELS, isClosed, type Eligibility, type VoteMode } from '../../src/domain/vote.rules'
import type { OrgDoc } from '../_shared/orgs'

export interface VoteDoc {
  _id: string
  /** Bumped by each editor save (_shared/revision.ts); missing on records saved before it existed (= 0). */
  revision?: number
  title: string
  description: string | null
  options: Array<{ id: string; text: string; detail: string | null; images: string[] }>
  eligibility: Eligibility
  /** The branch of a branch vote; the organiser's branch otherwise (for scoping who manages it). */
  branchId: string | null
  ownerBranchId: string
  secret: boolean
  mode: VoteMode
  maxChoices: number
  openAt: Date
  closeAt: Date
  liveResults: boolean
  /** `preparing` while the electorate is being written; nobody can vote until it is `open`. */
  status: 'preparing' | 'open' | 'closed'
  electorate: number
  createdById: string
  createdByName: string
  createdAt: Date
}

/** A ballot: no `_id` worth reading (random), no time; `memberId`/`name` only on a named vote. */
export interface BallotDoc {
  _id: string
  voteId: string
  choices: Array<{ optionId: string; points: number }>
  memberId?: string
  name?: string
}

export function stateOf(v: VoteDoc, now: Date): VoteView['state'] {
  if (v.status === 'preparing') return 'not_open'
  if (isClosed({ ...v, status: v.status === 'closed' ? 'closed' : 'open' }, now)) return 'closed'
  return windowOf(v, now)
}

export function toVoteView(
  v: VoteDoc,
  orgs: ReadonlyMap<string, OrgDoc>,
  urls: ReadonlyMap<string, string>,
  now: Date,
): VoteView {
  return {
    id: v._id,
    title: v.title,
    description: v.description,
    options: v.options.map((o) => ({
      id: o.id,
      text: o.text,
      detail: o.detail,
      images: o.images.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    })),
    eligibility: v.eligibility,
    eligibilityLabel: ELIGIBILITY_LABELS[v.eligibility],
    branchId: v.branchId,
    branchName: v.branchId ? (orgs.get(v.branchId)?.name ?? null) : null,
    secret: v.secret,
    mode: v.mode,
    maxChoices: v.maxChoices,
    openAt: new Date(v.openAt).toISOString(),
    closeAt: new Date(v.closeAt).toISOString(),
    liveResults: v.liveResults,
    state: stateOf(v, now),
    electorate: v.electorate,
    createdByName: v.createdByName,
    revision: v.revision ?? 0,
  }
}
