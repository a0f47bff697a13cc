import type { ActivityView, ExtraField, SignupView } from '../../src/contract/activity.contract'
import {
  ACTIVITY_KIND_LABELS,
  signupLabel,
  signupState,
  type ActivityKind,
  type SignupStatus,
} from '../../src/domain/activity.rules'

export interface ActivityDoc {
  _id: string
  /** Bumped by each editor save (_shared/revision.ts); missing on records saved before it existed (= 0). */
  revision?: number
  title: string
  kind: ActivityKind
  subType: string
  description: string
  cover: string | null
  place: string
  startAt: Date
  endAt: Date
  signupOpenAt: Date
  signupCloseAt: Date
  /** Null: unlimited places. */
  capacity: number | null
  /** Places taken: changed only by conditional atomic updates (`taken < capacity`), never read-compute-write. */
  taken: number
  /** Sign-ups whose place was given back to the activity (each at most once): see places.ts finishRelease. */
  released?: string[]
  /**
   * The waitlist in order: sign-up ids, appended on joining and pulled on leaving, so a place is index + 1 (places.ts
   * queueOf). Absent on activities saved before it existed until first needed.
   */
  queue?: string[]
  /**
   * Confirmed sign-ups whose cancellation is passing their place on (places.ts markReleasing): empty when no
   * cancellation is under way or died half way. Absent on activities saved before it existed (then searched for).
   */
  releasing?: string[]
  /**
   * Per name on `releasing` (by sign-up id): the round of the release it names and when the call that named it is
   * surely dead (places.ts markReleasing), so a repair never takes off the name of a cancellation still under way, and
   * a late call finishing one round never takes off the next round's name. Absent on names written before it existed.
   */
  releasingMarks?: Record<string, ReleasingMark>
  /**
   * Places taken and not yet known to be held (places.ts claimPlace), by claim token: each names the sign-up it is for
   * (null: the head of the waitlist, rebalance) and when the call that took it is surely over. The sign-up that gets the
   * place carries the token (`claimTokens`), written before the name is taken off, so a repair past that time tells a
   * place held from one taken by a call that died before giving it to anyone. Empty or absent: no claim under way.
   */
  claims?: Record<string, PlaceClaim>
  waitlist: boolean
  audienceBranchIds: string[]
  rotationMonths: number | null
  extraFields: ExtraField[]
  cancelUntil: Date | null
  approval: boolean
  status: 'draft' | 'published' | 'closed'
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** A place taken for a sign-up (null: whoever heads the waitlist) by a call surely over by `until`. */
export interface PlaceClaim {
  signup: string | null
  until: Date
}

/** A name on the activity's `releasing` list: its release's round and when the call that wrote it is surely dead. */
export interface ReleasingMark {
  round: number
  until: Date
}

/** `_id` = `${activityId}_${memberId}`: one sign-up per member and activity. */
export interface SignupDoc {
  _id: string
  activityId: string
  activityTitle: string
  kind: ActivityKind
  subType: string
  activityStartAt: Date
  memberId: string
  memberName: string
  branchId: string
  /**
   * 'processing' only between creating the sign-up and settling its place (a few milliseconds); 'releasing' from the
   * member cancelling a confirmed place until that place is passed on (shown as cancelled).
   */
  status: SignupStatus | 'processing' | 'releasing'
  /** The release whose place this one received by promotion (places.ts releaseKeyOf: the sign-up and its round). */
  promotedFrom?: string | null
  /**
   * How many times this sign-up gave up a confirmed place: the sign-up keeps its id through cancel → sign up again →
   * cancel, so each release is told apart by its round (places.ts releaseKeyOf). Absent before the first.
   */
  releaseRound?: number
  /**
   * Who receives the place this cancelled sign-up is releasing: the head of the waitlist as the cancellation read it,
   * renamed only by a conditional write (places.ts passOn), so every call finishing the release promotes the same
   * member; null when nobody waited (the place goes back). Absent on releases begun before it existed.
   */
  heir?: string | null
  /**
   * Releases (keys) whose place this sign-up received by promotion, and releases whose named heir she was but was passed
   * over for (she had stopped waiting when a call came to promote her): each release is decided for her at most once,
   * by one conditional write of this document (activity.repo.ts confirmIfWaiting, passOver), and kept through cancel
   * and signing up again, so a late call holding her name never gives her a release's place a second time or after it
   * went to someone else (places.ts passOn). Absent until the first.
   */
  receivedFrom?: string[]
  passedOver?: string[]
  /**
   * Tokens of the place claims that gave this sign-up its place (places.ts claimPlace), written in the same write that
   * confirms her: a claim whose token no sign-up carries once its call is surely over was never handed to anyone, and
   * its place goes back. Absent until the first.
   */
  claimTokens?: string[]
  /** When the member joined the waitlist: the waitlist is served in this order (then by id). */
  waitAt: Date | null
  extra: Array<{ key: string; value: string }>
  createdAt: Date
  updatedAt: Date
  promotedAt: Date | null
  checkInAt: Date | null
  checkOutAt: Date | null
  hours: number | null
  rejectReason: string | null
  /** Set when an organiser corrected the hours by hand (setHours). */
  hoursEdited?: { byName: string; reason: string; at: Date } | null
}

export const signupIdOf = (activityId: string, memberId: string) => `${activityId}_${memberId}`
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

export function toActivityView(
  a: ActivityDoc,
  coverUrl: string | null,
  waitlistCount: number,
  now: Date,
): ActivityView {
  return {
    id: a._id,
    title: a.title,
    kind: a.kind,
    kindLabel: ACTIVITY_KIND_LABELS[a.kind],
    subType: a.subType,
    description: a.description,
    coverUrl,
    place: a.place,
    startAt: iso(a.startAt)!,
    endAt: iso(a.endAt)!,
    signupOpenAt: iso(a.signupOpenAt)!,
    signupCloseAt: iso(a.signupCloseAt)!,
    capacity: a.capacity,
    taken: a.taken,
    placesLeft: a.capacity === null ? null : Math.max(0, a.capacity - a.taken),
    waitlist: a.waitlist,
    waitlistCount,
    audienceBranchIds: a.audienceBranchIds,
    rotationMonths: a.rotationMonths,
    extraFields: a.extraFields,
    cancelUntil: iso(a.cancelUntil),
    approval: a.approval,
    status: a.status,
    signupState:
      a.status === 'closed' ? 'closed' : signupState(new Date(a.signupOpenAt), new Date(a.signupCloseAt), now),
    revision: a.revision ?? 0,
  }
}

export function toSignupView(s: SignupDoc, branchName: string, position: number | null): SignupView {
  const status: SignupStatus = s.status === 'processing' ? 'pending' : s.status === 'releasing' ? 'cancelled' : s.status
  return {
    id: s._id,
    activityId: s.activityId,
    memberId: s.memberId,
    memberName: s.memberName,
    branchName,
    status,
    statusLabel: signupLabel({ ...s, status }),
    position: status === 'waitlisted' ? position : null,
    extra: s.extra,
    createdAt: iso(s.createdAt)!,
    checkInAt: iso(s.checkInAt),
    checkOutAt: iso(s.checkOutAt),
    hours: s.hours,
    hoursEdited: s.hoursEdited ? { ...s.hoursEdited, at: iso(s.hoursEdited.at)! } : null,
    rejectReason: s.status === 'rejected' ? (s.rejectReason ?? null) : null,
  }
}
