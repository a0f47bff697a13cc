import { isDuplicateKey } from '../_shared/duplicate-key'
import type { ActivityOutputs, SignupView } from '../../src/contract/activity.contract'
import { rotationSince, signupState, type ActivityKind } from '../../src/domain/activity.rules'
import { COL } from '../_shared/collections'
import { PAGE_SIZE } from '../_shared/paging'
import type { Ctx, MemberCaller } from '../_shared/context'
import { getDoc, getDocs } from '../_shared/docs'
import { AppError, fail } from '../_shared/errors'
import { loadOrgs } from '../_shared/orgs'
import { signupIdOf, toSignupView, type ActivityDoc, type SignupDoc } from './docs'
import { claimPlace, finishRelease, promotionTemplate, rebalance, repairReleases, waitlistPosition } from './places'
import { activityViews } from './views'

type AnyCtx = Ctx

const ACTIVE = ['processing', 'pending', 'confirmed', 'waitlisted'] as const

export async function signupView(
  ctx: AnyCtx,
  s: SignupDoc,
  orgs?: ReadonlyMap<string, { name: string }>,
): Promise<SignupView> {
  const [tree, pos] = await Promise.all([
    orgs ?? loadOrgs(ctx.db),
    s.status === 'waitlisted' && s.waitAt ? waitlistPosition(ctx, s) : null,
  ])
  return toSignupView(s, tree.get(s.branchId)?.name ?? '', pos)
}

/** A published activity this member may see (audience), or "not found". */
async function visibleActivity(ctx: Ctx<MemberCaller>, activityId: string): Promise<ActivityDoc> {
  const a = await getDoc<ActivityDoc>(ctx.db, COL.activities, activityId)
  const branch = ctx.caller.member.branchId
  if (!a || a.status === 'draft' || (a.audienceBranchIds.length > 0 && !a.audienceBranchIds.includes(branch)))
    throw new AppError('NOT_FOUND', '没有找到该活动')
  return a
}

function checkExtra(
  a: ActivityDoc,
  extra: Array<{ key: string; value: string }>,
): Array<{ key: string; value: string }> {
  const given = new Map(extra.map((e) => [e.key, e.value.trim()]))
  const out: Array<{ key: string; value: string }> = []
  for (const f of a.extraFields) {
    const v = given.get(f.key) ?? ''
    if (!v) {
      if (f.required) fail('ACTIVITY_EXTRA_INVALID', `请填写“${f.label}”`)
      continue
    }
    if (f.type === 'select' && !(f.options ?? []).includes(v))
      fail('ACTIVITY_EXTRA_INVALID', `“${f.label}”请从选项中选择`)
    if (f.type === 'bool' && v !== '是' && v !== '否') fail('ACTIVITY_EXTRA_INVALID', `“${f.label}”请选择是或否`)
    out.push({ key: f.key, value: v })
  }
  return out
}

/**
 * Gives a sign-up its place: confirmed if a place could be claimed atomically, else waitlisted (in order of joining)
 * when the activity keeps a waitlist. Else the request is refused and the sign-up is put back as it was before it
 * (`before`: gone for a new one, its old status for a re-sign-up or an approval), so a refusal leaves nothing behind.
 */
export async function settle(ctx: AnyCtx, a: ActivityDoc, s: SignupDoc, before: SignupDoc | null): Promise<SignupDoc> {
  const now = ctx.clock.now()
  if ((await claimPlace(ctx, a)) || ((await repairReleases(ctx, a)) > 0 && (await claimPlace(ctx, a)))) {
    await ctx.db
      .collection(COL.signups)
      .doc(s._id)
      .update({ data: { status: 'confirmed', updatedAt: now } })
    return { ...s, status: 'confirmed' }
  }
  if (!a.waitlist) {
    if (before) {
      const { _id, ...old } = before
      await ctx.db.collection(COL.signups).doc(_id).set({ data: old })
    } else await ctx.db.collection(COL.signups).doc(s._id).remove()
    fail('ACTIVITY_FULL', '名额已满，本活动不设候补')
  }
  await ctx.db
    .collection(COL.signups)
    .doc(s._id)
    .update({ data: { status: 'waitlisted', waitAt: now, updatedAt: now } })
  // A place may have been freed between our failed claim and joining the waitlist: fill it now, in order. Only then
  // can this sign-up have moved on, so only then is it read again.
  const waiting = { ...s, status: 'waitlisted' as const, waitAt: now, updatedAt: now }
  if ((await rebalance(ctx, a._id)) === 0) return waiting
  return (await getDoc<SignupDoc>(ctx.db, COL.signups, s._id)) ?? waiting
}

/** Signs the member up. One sign-up per member (its id is activity + member), places claimed atomically. */
export async function signup(
  input: { activityId: string; extra?: Array<{ key: string; value: string }> },
  ctx: Ctx<MemberCaller>,
): Promise<ActivityOutputs['signup']> {
  const a = await visibleActivity(ctx, input.activityId)
  const me = ctx.caller.member
  const id = signupIdOf(a._id, me._id)
  const existing = await getDoc<SignupDoc>(ctx.db, COL.signups, id)
  if (existing?.status === 'releasing') {
    // Their own earlier cancellation died half way: finish it before signing up again.
    await finishRelease(ctx, a, existing, false)
    existing.status = 'cancelled'
  }
  if (existing && (ACTIVE as readonly string[]).includes(existing.status))
    return { signup: await signupView(ctx, existing), already: true }
  if (existing?.status === 'rejected')
    fail('ACTIVITY_ALREADY_SIGNED_UP', '您的报名未通过审核，如有疑问请联系活动组织者')
  const now = ctx.clock.now()
  const state = a.status === 'closed' ? 'closed' : signupState(new Date(a.signupOpenAt), new Date(a.signupCloseAt), now)
  if (state === 'not_open') fail('ACTIVITY_SIGNUP_NOT_OPEN')
  if (state === 'closed') fail('ACTIVITY_SIGNUP_CLOSED')
  const extra = checkExtra(a, input.extra ?? [])
  if (a.rotationMonths) {
    const _ = ctx.db.command
    const recent = await ctx.db
      .collection(COL.signups)
      .where({
        memberId: me._id,
        subType: a.subType,
        status: 'confirmed',
        activityId: _.neq(a._id),
        activityStartAt: _.gte(rotationSince(now, a.rotationMonths)),
      })
      .count()
    if (recent.total > 0)
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
  if (existing) {
    // Signing up again after cancelling: the same document, claimed back only if it is still cancelled.
    const back = await ctx.db.collection(COL.signups).where({ _id: id, status: 'cancelled' }).update({ data: doc })
    if (back.stats.updated === 0)
      return { signup: await signupView(ctx, (await getDoc<SignupDoc>(ctx.db, COL.signups, id))!), already: true }
  } else {
    try {
      await ctx.db.collection(COL.signups).add({ data: { _id: id, ...doc } })
    } catch (err) {
      if (!(await isDuplicateKey(ctx.db, COL.signups, id, err))) throw err
      return { signup: await signupView(ctx, (await getDoc<SignupDoc>(ctx.db, COL.signups, id))!), already: true }
    }
  }
  const settled = a.approval ? { _id: id, ...doc } : await settle(ctx, a, { _id: id, ...doc }, existing)
  return { signup: await signupView(ctx, settled), already: false }
}

/**
 * Cancels before the deadline. A confirmed member's place goes straight to the first on the waitlist (promoted once,
 * and notified); with nobody waiting it is given back.
 */
export async function cancel(
  input: { activityId: string },
  ctx: Ctx<MemberCaller>,
): Promise<ActivityOutputs['cancel']> {
  const a = await visibleActivity(ctx, input.activityId)
  const id = signupIdOf(a._id, ctx.caller.member._id)
  const s = await getDoc<SignupDoc>(ctx.db, COL.signups, id)
  if (!s || s.status === 'rejected') throw new AppError('NOT_FOUND', '您没有报名该活动')
  if (s.status === 'cancelled' || s.status === 'releasing') return { signup: await signupView(ctx, s), promoted: false }
  const now = ctx.clock.now()
  const until = a.cancelUntil ?? a.startAt
  if (now > new Date(until)) fail('ACTIVITY_CANCEL_TOO_LATE')
  if (s.checkInAt) fail('ACTIVITY_CANCEL_TOO_LATE', '您已签到，不能取消报名')
  // A confirmed place is first marked `releasing` (still held, by nobody else) and then passed on; if the function
  // dies in between, the next call that needs a place finishes the hand-over (places.ts finishRelease).
  const next = s.status === 'confirmed' ? 'releasing' : 'cancelled'
  const res = await ctx.db
    .collection(COL.signups)
    .where({ _id: id, status: s.status })
    .update({ data: { status: next, updatedAt: now } })
  if (res.stats.updated === 0)
    return { signup: await signupView(ctx, (await getDoc<SignupDoc>(ctx.db, COL.signups, id))!), promoted: false }
  let promoted = false
  if (s.status === 'confirmed') {
    promoted = !!(await finishRelease(ctx, a, s, true))
    if (!promoted) await rebalance(ctx, a._id)
  }
  return { signup: await signupView(ctx, { ...s, status: 'cancelled' }), promoted }
}

/**
 * A page of activities, those not yet over first (soonest first), then the finished ones (most recent first): a
 * member looks for what she can still join, and a finished activity at the top of the list hid them (issue 13,
 * defect 12). Two ranges, each counted and read in its own order; a page that straddles them reads both.
 */
async function upcomingFirst(
  ctx: Ctx<MemberCaller>,
  filters: Record<string, unknown>[],
  page = 1,
): Promise<{ rows: ActivityDoc[]; total: number; page: number; pageSize: number }> {
  const _ = ctx.db.command
  const now = ctx.clock.now()
  const col = ctx.db.collection(COL.activities)
  const ahead = col.where(_.and([...filters, { endAt: _.gt(now) }]))
  const over = col.where(_.and([...filters, { endAt: _.lte(now) }]))
  const [{ total: nAhead }, { total: nOver }] = await Promise.all([ahead.count(), over.count()])
  const offset = (page - 1) * PAGE_SIZE
  const fromAhead = Math.max(0, Math.min(PAGE_SIZE, nAhead - offset))
  const fromOver = Math.min(PAGE_SIZE - fromAhead, Math.max(0, nOver - Math.max(0, offset - nAhead)))
  const [a, o] = await Promise.all([
    fromAhead ? ahead.orderBy('startAt', 'asc').skip(offset).limit(fromAhead).get() : { data: [] },
    fromOver
      ? over
          .orderBy('startAt', 'desc')
          .skip(Math.max(0, offset - nAhead))
          .limit(fromOver)
          .get()
      : { data: [] },
  ])
  return {
    rows: [...(a.data as ActivityDoc[]), ...(o.data as ActivityDoc[])],
    total: nAhead + nOver,
    page,
    pageSize: PAGE_SIZE,
  }
}

export async function list(
  input: { kind?: ActivityKind; filter?: 'all' | 'open' | 'mine'; page?: number },
  ctx: Ctx<MemberCaller>,
): Promise<ActivityOutputs['list']> {
  const _ = ctx.db.command
  const me = ctx.caller.member
  const now = ctx.clock.now()
  const filters: Record<string, unknown>[] = [
    { status: _.in(['published', 'closed']) },
    _.or([{ audienceBranchIds: _.size(0) }, { audienceBranchIds: me.branchId }]),
  ]
  if (input.kind) filters.push({ kind: input.kind })
  if (input.filter === 'open')
    filters.push({ status: 'published', signupOpenAt: _.lte(now), signupCloseAt: _.gte(now) })
  if (input.filter === 'mine') {
    const mine = (
      await ctx.db
        .collection(COL.signups)
        .where({ memberId: me._id, status: _.in([...ACTIVE]) })
        .field({ activityId: true })
        .limit(100)
        .get()
    ).data
    filters.push({ _id: _.in(mine.map((m) => m.activityId as string)) })
  }
  const { rows: acts, total, page, pageSize } = await upcomingFirst(ctx, filters, input.page)
  const [views, signups] = await Promise.all([
    activityViews(ctx, acts),
    getDocs<SignupDoc>(
      ctx.db,
      COL.signups,
      acts.map((a) => signupIdOf(a._id, me._id)),
    ),
  ])
  // The org tree once for the page (the member's own sign-ups name her branch), not once per sign-up.
  const orgs = signups.size ? await loadOrgs(ctx.db) : undefined
  const items = await Promise.all(
    views.map(async (v) => {
      const s = signups.get(signupIdOf(v.id, me._id))
      return { ...v, mine: s ? await signupView(ctx, s, orgs) : null }
    }),
  )
  return { items, total, page, pageSize }
}

export async function detail(
  input: { activityId: string },
  ctx: Ctx<MemberCaller>,
): Promise<ActivityOutputs['detail']> {
  const a = await visibleActivity(ctx, input.activityId)
  const s = await getDoc<SignupDoc>(ctx.db, COL.signups, signupIdOf(a._id, ctx.caller.member._id))
  return {
    activity: (await activityViews(ctx, [a]))[0],
    mine: s ? await signupView(ctx, s) : null,
    subscribeTemplateId: promotionTemplate()?.id ?? null,
  }
}
