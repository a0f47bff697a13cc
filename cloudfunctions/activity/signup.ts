import type { ActivityOutputs, SignupView } from '../../src/contract/activity.contract'
import { rotationSince, signupState } from '../../src/domain/activity.rules'
import { PAGE_SIZE } from '../_shared/paging'
import type { Ctx, MemberCaller } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { signupIdOf, toSignupView, type ActivityDoc, type SignupDoc } from './docs'
import {
  claimPlace,
  finishRelease,
  hasDeadClaims,
  joinQueue,
  markReleasing,
  positionIn,
  promotionTemplate,
  queueOf,
  rebalance,
  repairReleases,
  returnPlace,
  roundAfter,
  settleClaim,
} from './places'
import { activitiesOf, activitiesWithMine, activityForMember, createSignup, signupsOf } from './activity.repo'
import { activityViews } from './views'
import type { ActivityHandler } from '../_shared/handlers'
import { reachesBranch } from '../../src/domain/audience'
import { checkExtraAnswers } from '../../src/domain/extra-fields'

type AnyCtx = Ctx

const ACTIVE = ['processing', 'pending', 'confirmed', 'waitlisted'] as const

/**
 * A sign-up as its member or an organiser sees it. A waiting member's place comes from the activity's queue (pass the
 * activity as just read). `orgs` names the branch; member-facing answers leave it out (the member's own branch, not
 * shown on her screens), which spares them a read of the org tree.
 */
export function signupView(
  s: SignupDoc,
  a: Pick<ActivityDoc, 'queue'>,
  orgs?: ReadonlyMap<string, { name: string }>,
): SignupView {
  return toSignupView(
    s,
    orgs?.get(s.branchId)?.name ?? '',
    s.status === 'waitlisted' ? positionIn(a.queue, s._id) : null,
  )
}

/** A published activity this member may see (audience), or "not found". */
async function visibleActivity(ctx: Ctx<MemberCaller>, activityId: string): Promise<ActivityDoc> {
  return visibleTo(ctx, await activitiesOf(ctx.db).get(activityId))
}

/** The activity if it is published and this member is in its audience; otherwise "not found". */
function visibleTo(ctx: Ctx<MemberCaller>, a: ActivityDoc | null): ActivityDoc {
  const branch = ctx.caller.member.branchId
  if (!a || a.status === 'draft' || !reachesBranch(a.audienceBranchIds, branch))
    throw new AppError('NOT_FOUND', '没有找到该活动')
  return a
}

/**
 * Gives a sign-up already stored (`processing`) its place: confirmed if a place could be claimed atomically, else
 * waitlisted (at the end of the queue) when the activity keeps a waitlist. Else the request is refused and the sign-up
 * is put back as it was before it (`before`: gone for a new one, its old status for a re-sign-up or an approval), so
 * a refusal leaves nothing behind. Used by approvals and re-sign-ups; a first sign-up takes the shorter way in
 * `signup`. Mutates `a` (taken, queue) to what this call knows of it now.
 */
export async function settle(ctx: AnyCtx, a: ActivityDoc, s: SignupDoc, before: SignupDoc | null): Promise<SignupDoc> {
  const now = ctx.clock.now()
  const token =
    (await claimPlace(ctx, a, s._id)) ?? ((await repairReleases(ctx, a)) > 0 ? await claimPlace(ctx, a, s._id) : null)
  if (token) {
    // Her token in the same write that confirms her, then the claim's name off (places.ts, TAKE).
    await signupsOf(ctx.db).update(s._id, {
      status: 'confirmed',
      updatedAt: now,
      claimTokens: ctx.db.command.push([token]),
    })
    await settleClaim(ctx, a._id, token)
    a.taken += 1
    return { ...s, status: 'confirmed' }
  }
  if (!a.waitlist) {
    if (before) {
      await signupsOf(ctx.db).put(before)
    } else await signupsOf(ctx.db).remove(s._id)
    fail('ACTIVITY_FULL', '名额已满，本活动不设候补')
  }
  // Waiting first, then in the queue: a call that dies between the two leaves a waiting member out of the queue,
  // whom her next look puts back (detail), never a queue entry that promotion would skip.
  await signupsOf(ctx.db).update(s._id, { status: 'waitlisted', waitAt: now, updatedAt: now })
  const waiting = { ...s, status: 'waitlisted' as const, waitAt: now, updatedAt: now }
  return joinWaitlist(ctx, a, waiting)
}

/**
 * Puts a sign-up already stored as `waitlisted` into the queue. The conditional push (places.ts joinQueue) is the
 * usual case: the activity was full when it joined, so no place can be free. Otherwise a place may have been freed
 * between a failed claim and joining: fill free places from the queue, in order, and read where this one stands.
 */
async function joinWaitlist(ctx: AnyCtx, a: ActivityDoc, waiting: SignupDoc): Promise<SignupDoc> {
  const joined = await joinQueue(ctx, a, waiting._id)
  if (joined.position !== null) return waiting
  // Others moved the queue meanwhile (a rush): one read says where things stand; only a place freed while people wait
  // needs filling, and only then can this sign-up have moved on.
  const now = await activitiesOf(ctx.db).get(a._id)
  if (now) Object.assign(a, { taken: now.taken, queue: now.queue })
  if (!now || now.capacity === null || now.taken >= now.capacity) return waiting
  await rebalance(ctx, a._id)
  const [again, after] = await Promise.all([signupsOf(ctx.db).get(waiting._id), activitiesOf(ctx.db).get(a._id)])
  if (after) Object.assign(a, { taken: after.taken, queue: after.queue })
  return again ?? waiting
}

/**
 * Signs the member up: one sign-up per member (its id is activity + member), places claimed atomically. Answers with
 * the sign-up and the activity as it now stands, so the page shows both without reading again.
 *
 * Four requests on the usual way (issue 11): the caller, the activity, then either a place claimed and the sign-up
 * written as confirmed, or the sign-up written as waiting and put at the end of the queue by one conditional push
 * (its place known from the queue as read). Anything unusual — a sign-up already there (a second tap, a re-sign-up
 * after cancelling), a cancellation that died half way, a rush that moved the queue in between — takes the longer way.
 */
export const signup: ActivityHandler<'signup'> = async (input, ctx) => {
  const a = await visibleActivity(ctx, input.activityId)
  const me = ctx.caller.member
  const id = signupIdOf(a._id, me._id)
  const now = ctx.clock.now()
  const state = a.status === 'closed' ? 'closed' : signupState(new Date(a.signupOpenAt), new Date(a.signupCloseAt), now)
  const answer = async (s: SignupDoc, already: boolean) => ({
    signup: signupView(s, a),
    already,
    activity: (await activityViews(ctx, [a]))[0],
  })
  if (state === 'not_open') fail('ACTIVITY_SIGNUP_NOT_OPEN')
  if (state === 'closed') {
    // Already signed up: say so rather than "closed" (one read, only after the window).
    const mine = await signupsOf(ctx.db).get(id)
    if (mine && (ACTIVE as readonly string[]).includes(mine.status)) return answer(mine, true)
    fail('ACTIVITY_SIGNUP_CLOSED')
  }
  const checked = checkExtraAnswers(a.extraFields, Object.fromEntries((input.extra ?? []).map((e) => [e.key, e.value])))
  if (!checked.ok) fail('ACTIVITY_EXTRA_INVALID', checked.message)
  const extra = checked.values
  if (a.rotationMonths) {
    const _ = ctx.db.command
    const recent = await signupsOf(ctx.db).count({
      memberId: me._id,
      subType: a.subType,
      status: 'confirmed',
      activityId: _.neq(a._id),
      activityStartAt: _.gte(rotationSince(now, a.rotationMonths)),
    })
    if (recent > 0)
      fail('ACTIVITY_ROTATION', `您在近 ${a.rotationMonths} 个月内已参加过“${a.subType}”，本次请把机会留给其他同志`)
  }
  const doc: Omit<SignupDoc, '_id'> = {
    activityId: a._id,
    activityTitle: a.title,
    kind: a.kind,
    subType: a.subType,
    activityStartAt: new Date(a.startAt),
    memberId: me._id,
    memberName: me.name,
    branchId: me.branchId,
    status: a.approval ? 'pending' : 'processing',
    waitAt: null,
    extra,
    createdAt: now,
    updatedAt: now,
    promotedAt: null,
    checkInAt: null,
    checkOutAt: null,
    hours: null,
    rejectReason: null,
  }
  /** Creates the sign-up once; false when one is already there (a second tap, an earlier sign-up). */
  const create = (s: SignupDoc) => createSignup(ctx.db, s)

  if (a.approval) {
    const pending = { _id: id, ...doc }
    if (await create(pending)) return answer(pending, false)
    return again(ctx, a, doc, answer)
  }
  // A cancellation or a sign-up that died half way holds a place nobody uses: finish it before deciding the activity
  // is full.
  if ((a.releasing?.length ?? 0) > 0 || a.releasing === undefined || hasDeadClaims(a, now))
    await repairAndReread(ctx, a)
  const full = a.capacity !== null && a.taken >= a.capacity
  const token = full ? null : await claimPlace(ctx, a, id)
  if (token) {
    // The place is named on the activity by the claim until the sign-up carrying its token exists; then the name goes.
    // Dying before the sign-up: the claim's place goes back once the call is surely over (places.ts repairClaims).
    const confirmed = { _id: id, ...doc, status: 'confirmed' as const, claimTokens: [token] }
    if (await create(confirmed)) {
      await settleClaim(ctx, a._id, token)
      a.taken += 1
      return answer(confirmed, false)
    }
    // Already signed up (a second tap): the place just claimed goes back, and to the head of the queue if someone
    // joined it while this call held the place.
    await returnPlace(ctx, a._id, token)
    if (a.waitlist) await rebalance(ctx, a._id)
    return again(ctx, a, doc, answer)
  }
  if (!a.waitlist) {
    // Full without a waitlist: refused, and nothing was written. A sign-up already there still answers as before.
    const mine = await signupsOf(ctx.db).get(id)
    if (mine && (ACTIVE as readonly string[]).includes(mine.status)) return answer(mine, true)
    fail('ACTIVITY_FULL', '名额已满，本活动不设候补')
  }
  const waiting = { _id: id, ...doc, status: 'waitlisted' as const, waitAt: now }
  if (!(await create(waiting))) return again(ctx, a, doc, answer)
  return answer(await joinWaitlist(ctx, a, waiting), false)
}

/** Finishes releases a failed cancellation left, and reads the activity again if any place moved. */
async function repairAndReread(ctx: AnyCtx, a: ActivityDoc): Promise<void> {
  const repaired = await repairReleases(ctx, a)
  if (a.releasing === undefined) {
    // Saved before the list existed: start it empty, unless a cancellation named itself there meanwhile.
    const _ = ctx.db.command
    await activitiesOf(ctx.db).updateWhere({ _id: a._id, releasing: _.exists(false) }, { releasing: [] })
  } else if (repaired === 0) return
  const now = await activitiesOf(ctx.db).get(a._id)
  if (now) Object.assign(a, { taken: now.taken, queue: now.queue, releasing: now.releasing ?? [], claims: now.claims })
}

/**
 * The longer way, when a sign-up of this member is already stored: the same answer for a second tap, a refusal for a
 * rejected one, and a re-sign-up after cancelling on the same document (claimed back only if still cancelled).
 */
async function again(
  ctx: Ctx<MemberCaller>,
  a: ActivityDoc,
  doc: Omit<SignupDoc, '_id'>,
  answer: (s: SignupDoc, already: boolean) => Promise<ActivityOutputs['signup']>,
): Promise<ActivityOutputs['signup']> {
  const id = signupIdOf(a._id, doc.memberId)
  const existing = await signupsOf(ctx.db).get(id)
  if (!existing) fail('CONFLICT', '报名状态刚刚发生变化，请重试')
  if (existing.status === 'releasing' || (existing.status === 'cancelled' && a.releasing?.includes(id))) {
    // Their own earlier cancellation died half way (still `releasing`, or cancelled and still named on the activity):
    // finish it before signing up again.
    await finishRelease(ctx, a, existing, false)
    existing.status = 'cancelled'
  }
  if ((ACTIVE as readonly string[]).includes(existing.status)) return answer(existing, true)
  if (existing.status === 'rejected') fail('ACTIVITY_ALREADY_SIGNED_UP', '您的报名未通过审核，如有疑问请联系活动组织者')
  const back = await signupsOf(ctx.db).updateWhere({ _id: id, status: 'cancelled' }, doc)
  if (back === 0) return answer((await signupsOf(ctx.db).get(id))!, true)
  const fresh = await activitiesOf(ctx.db).get(a._id)
  if (fresh) Object.assign(a, fresh)
  const settled = a.approval ? { _id: id, ...doc } : await settle(ctx, a, { _id: id, ...doc }, existing)
  return answer(settled, false)
}

/**
 * Cancels before the deadline. A confirmed member's place goes straight to the first on the waitlist (promoted once,
 * and notified); with nobody waiting it is given back. Answers with the activity as it now stands.
 *
 * Six requests with a promotion (issue 11): the caller; the activity with her sign-up and the waitlist head's notice
 * consent (one aggregation, activity.repo.ts); then four writes, so that a cancellation dying between any two leaves
 * the place held by exactly one person and the next call that needs the place finishes the hand-over
 * (cancel-crash.test.ts):
 *   1. the activity names the release (`releasing`): from here a reader knows a hand-over may be under way;
 *   2. she is cancelled, on condition she is still confirmed and not checked in. Her place is now held in trust by
 *      the name on the activity (taken still counts it): cancelled and named means "hers to pass on", which is what
 *      the older way kept as a separate `releasing` status and cost a write of its own;
 *   3. the head of the waitlist is confirmed with `promotedFrom` naming her (or, with nobody waiting, the place goes
 *      back to the activity, recorded in `released`): from here the place is the heir's;
 *   4. the release unnamed and the heir out of the queue, in one write of the activity.
 * Spending the heir's notice consent, when she holds one, is one more write.
 */
export const cancel: ActivityHandler<'cancel'> = async (input, ctx) => {
  const template = promotionTemplate()
  const found = await activityForMember(ctx.db, input.activityId, ctx.caller.member._id, template?.id)
  const a = visibleTo(ctx, found?.activity ?? null)
  const id = signupIdOf(a._id, ctx.caller.member._id)
  const now = ctx.clock.now()
  const answer = async (s: SignupDoc, promoted: boolean) => ({
    signup: signupView(s, a),
    promoted,
    activity: (await activityViews(ctx, [a]))[0],
  })
  const s = found!.mine
  if (!s || s.status === 'rejected') throw new AppError('NOT_FOUND', '您没有报名该活动')
  if (s.status === 'cancelled' || s.status === 'releasing') return answer(s, false)
  if (now > new Date(a.cancelUntil ?? a.startAt)) fail('ACTIVITY_CANCEL_TOO_LATE')
  if (s.checkInAt) fail('ACTIVITY_CANCEL_TOO_LATE', '您已签到，不能取消报名')
  const _ = ctx.db.command
  if (s.status === 'confirmed') {
    // Her own earlier release still named (she signed up again while it was under way): finished first, so the name
    // this round writes does not stand in for it (places.ts repairReleases). Only then, so no cost on the usual way.
    if (a.releasing?.includes(id)) await repairReleases(ctx, a)
    const queue = await queueOf(ctx, a)
    // This release's round (places.ts releaseKeyOf) and its heir, the head of the waitlist as read, in the same write
    // as the cancellation, on condition of the round as read: a cancellation of an earlier round cannot land on this
    // one, and whoever finishes this release (this call, or one repairing it meanwhile) promotes the same member.
    // The name on the activity carries the round (only this round's finish takes it off) and this call's deadline.
    const releaseRound = roundAfter(s)
    const mark = await markReleasing(ctx, a._id, id, releaseRound)
    a.releasingMarks = { ...a.releasingMarks, [id]: mark }
    const heir = queue[0] ?? null
    const updated = await signupsOf(ctx.db).updateWhere(
      { _id: id, status: 'confirmed', checkInAt: null, releaseRound: s.releaseRound ?? _.exists(false) },
      { status: 'cancelled', updatedAt: now, releaseRound, heir },
    )
    if (updated === 0) {
      // Changed since read (a second tap, a check-in): the next repair takes the name off the list.
      return answer((await signupsOf(ctx.db).get(id))!, false)
    }
    const head = template && heir ? { signupId: heir, templateId: template.id, consent: found!.headConsent } : undefined
    const cancelled = { ...s, status: 'cancelled' as const, releaseRound, heir }
    const promoted = await finishRelease(ctx, { ...a, queue }, cancelled, true, head)
    if (promoted) a.queue = queue.slice(1)
    else {
      await rebalance(ctx, a._id)
      a.taken = Math.max(0, a.taken - 1)
    }
    return answer(cancelled, promoted)
  }
  const updated = await signupsOf(ctx.db).updateWhere(
    { _id: id, status: s.status },
    { status: 'cancelled', updatedAt: now },
  )
  if (updated === 0) return answer((await signupsOf(ctx.db).get(id))!, false)
  // Out of the queue after the status: a call dying in between leaves an entry promotion passes over, not a waiting
  // member missing from it.
  if (s.status === 'waitlisted') {
    await activitiesOf(ctx.db).update(a._id, { queue: _.pull(id) })
    if (a.queue) a.queue = a.queue.filter((q) => q !== id)
  }
  return answer({ ...s, status: 'cancelled' }, false)
}

/**
 * A page of activities, those not yet over first (soonest first), then the finished ones (most recent first): a
 * member looks for what she can still join, and a finished activity at the top of the list hid them (issue 13,
 * defect 12). Caller, (her sign-ups for 我的), the count, and the page in that order with her sign-up to each in one
 * aggregation (activity.repo.ts): 4 requests at most, whatever the page.
 */
export const list: ActivityHandler<'list'> = async (input, ctx) => {
  const _ = ctx.db.command
  const me = ctx.caller.member
  const now = ctx.clock.now()
  const page = input.page ?? 1
  const filters: Record<string, unknown>[] = [
    { status: _.in(['published', 'closed']) },
    _.or([{ audienceBranchIds: _.size(0) }, { audienceBranchIds: me.branchId }]),
  ]
  if (input.kind) filters.push({ kind: input.kind })
  if (input.filter === 'open')
    filters.push({ status: 'published', signupOpenAt: _.lte(now), signupCloseAt: _.gte(now) })
  if (input.filter === 'mine') {
    const mine = await signupsOf(ctx.db).find(
      { memberId: me._id, status: _.in([...ACTIVE]) },
      { fields: { activityId: true }, limit: 100 },
    )
    filters.push({ _id: _.in(mine.map((m) => m.activityId)) })
  }
  const where = _.and(filters)
  const [total, rows] = await Promise.all([
    activitiesOf(ctx.db).count(where),
    activitiesWithMine(ctx.db, where, me._id, now, page),
  ])
  const acts = rows.map((r) => r.activity)
  const views = await activityViews(ctx, acts)
  const items = await Promise.all(
    views.map(async (v, i) => {
      const s = rows[i].mine
      await ensureQueued(ctx, acts[i], s)
      return { ...v, mine: s ? signupView(s, acts[i]) : null }
    }),
  )
  return { items, total, page, pageSize: PAGE_SIZE }
}

export const detail: ActivityHandler<'detail'> = async (input, ctx) => {
  const a = await visibleActivity(ctx, input.activityId)
  const s = await signupsOf(ctx.db).get(signupIdOf(a._id, ctx.caller.member._id))
  await ensureQueued(ctx, a, s)
  return {
    activity: (await activityViews(ctx, [a]))[0],
    mine: s ? signupView(s, a) : null,
    subscribeTemplateId: promotionTemplate()?.id ?? null,
  }
}

/**
 * A waiting member is in the queue: an activity saved before the queue existed gets it now (places.ts queueOf), and
 * a waiting sign-up a failed call left out of it (it died between the status and the push) goes to its end.
 */
async function ensureQueued(ctx: Ctx, a: ActivityDoc, s: SignupDoc | null): Promise<void> {
  if (s?.status !== 'waitlisted') return
  const queue = await queueOf(ctx, a)
  if (queue.includes(s._id)) return
  await activitiesOf(ctx.db).update(a._id, { queue: ctx.db.command.addToSet(s._id) })
  a.queue = [...queue, s._id]
}
