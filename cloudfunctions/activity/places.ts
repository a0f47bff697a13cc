import { COL } from '../_shared/collections'
import type { Ctx } from '../_shared/context'
import { getDoc } from '../_shared/docs'
import { sendToMember } from '../_shared/subscriptions'
import { ACTIVITY_PROMOTED, readTemplate, templateData } from '../_shared/templates'
import type { ActivityDoc, SignupDoc } from './docs'

type AnyCtx = Ctx | Omit<Ctx, 'caller'>

/** The subscribe-message template for "you got a place", as this deployment configured it (_shared/templates.ts). */
export function promotionTemplate() {
  // Named here, not in templates.ts, so each function's bundle reads only its own variables (manifest test).
  const env = {
    ACTIVITY_TEMPLATE_ID: process.env.ACTIVITY_TEMPLATE_ID,
    ACTIVITY_TEMPLATE_KEYS: process.env.ACTIVITY_TEMPLATE_KEYS,
  }
  return readTemplate(ACTIVITY_PROMOTED, env).template
}

/** Takes one place if there is one: a single conditional atomic update, so places can never be oversold. */
export async function claimPlace(ctx: AnyCtx, activity: Pick<ActivityDoc, '_id' | 'capacity'>): Promise<boolean> {
  const _ = ctx.db.command
  const res = await ctx.db
    .collection(COL.activities)
    .where(activity.capacity === null ? { _id: activity._id } : { _id: activity._id, taken: _.lt(activity.capacity) })
    .update({ data: { taken: _.inc(1) } })
  return res.stats.updated === 1
}

/** Gives a place back. */
export async function releasePlace(ctx: AnyCtx, activityId: string): Promise<void> {
  const _ = ctx.db.command
  await ctx.db
    .collection(COL.activities)
    .where({ _id: activityId, taken: _.gt(0) })
    .update({ data: { taken: _.inc(-1) } })
}

/** The member's place in the waitlist: 1 + everyone who joined it before them (by time, then id). Gap-free by construction. */
export async function waitlistPosition(
  ctx: AnyCtx,
  s: Pick<SignupDoc, '_id' | 'activityId' | 'waitAt'>,
): Promise<number> {
  const _ = ctx.db.command
  const at = new Date(s.waitAt!)
  // One count (one request): the member and everyone waiting before them, by time then id. Both branches of the $or
  // sit under the (activityId, status, waitAt) index prefix.
  const { total } = await ctx.db
    .collection(COL.signups)
    .where(
      _.and([
        { activityId: s.activityId, status: 'waitlisted' },
        _.or([{ waitAt: _.lt(at) }, { waitAt: at, _id: _.lte(s._id) }]),
      ]),
    )
    .count()
  return total
}

/**
 * Everyone's place on the waitlist, in one request whatever its length: the waiting ids in order, pushed into one
 * group (ids only, a few dozen bytes each). For a roster page that shows waiting members among the others.
 */
export async function waitlistPositions(ctx: AnyCtx, activityId: string): Promise<Map<string, number>> {
  const $ = ctx.db.command.aggregate
  const res = await ctx.db
    .collection(COL.signups)
    .aggregate()
    .match({ activityId, status: 'waitlisted' })
    .sort({ waitAt: 1, _id: 1 })
    .group({ _id: null, ids: $.push('$_id') })
    .end()
  const ids = (res.list[0]?.ids as string[] | undefined) ?? []
  return new Map(ids.map((id, i) => [id, i + 1]))
}

/**
 * Moves the first person on the waitlist up into a place the caller already holds for them (a cancellation's
 * place, or a freshly claimed one). Each candidate is taken by a conditional update on their status, so two
 * concurrent promotions never pick the same person. Returns who was promoted, or null if nobody was waiting.
 */
export async function promoteHead(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'title'>,
  from: string | null = null,
): Promise<SignupDoc | null> {
  const now = ctx.clock.now()
  for (let round = 0; round < 100; round++) {
    const heads = (
      await ctx.db
        .collection(COL.signups)
        .where({ activityId: activity._id, status: 'waitlisted' })
        .orderBy('waitAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(5)
        .get()
    ).data as SignupDoc[]
    if (!heads.length) return null
    for (const h of heads) {
      // `promotedFrom` names the releasing sign-up whose place this is, so a release interrupted after this write
      // is finished (not repeated) by the next call: see finishRelease.
      const won = await ctx.db
        .collection(COL.signups)
        .where({ _id: h._id, status: 'waitlisted' })
        .update({ data: { status: 'confirmed', promotedAt: now, updatedAt: now, promotedFrom: from } })
      if (won.stats.updated === 1) {
        const template = promotionTemplate()
        if (template)
          await sendToMember(ctx, h.memberId, template, {
            page: `packages/activity/pages/detail/index?id=${activity._id}`,
            data: templateData(template, {
              activity: activity.title,
              result: '候补成功',
              note: '您已由候补转为报名成功',
            }),
          })
        return { ...h, status: 'confirmed', promotedAt: now, promotedFrom: from }
      }
    }
  }
  return null
}

/**
 * Fills free places from the waitlist, in order, for as long as both exist. Run after anything that can leave a place
 * free while someone waits (a cancellation with an empty waitlist racing a new sign-up that just missed a place).
 */
export async function rebalance(ctx: AnyCtx, activityId: string): Promise<number> {
  let promoted = 0
  for (let round = 0; round < 1000; round++) {
    const a = await getDoc<ActivityDoc>(ctx.db, COL.activities, activityId)
    if (!a || !a.waitlist || a.capacity === null || a.taken >= a.capacity) return promoted
    const waiting = await ctx.db.collection(COL.signups).where({ activityId, status: 'waitlisted' }).count()
    if (waiting.total === 0) return promoted
    if (!(await claimPlace(ctx, a))) continue
    if (!(await promoteHead(ctx, a))) {
      await releasePlace(ctx, activityId)
      return promoted
    }
    promoted++
  }
  return promoted
}

/**
 * Gives back the place of a releasing sign-up, once: the activity remembers which sign-ups' places it took back
 * (`released`), in the same atomic update as the counter, so a retried or repaired release never frees two places.
 */
async function releaseOnce(ctx: AnyCtx, activityId: string, signupId: string): Promise<void> {
  const _ = ctx.db.command
  await ctx.db
    .collection(COL.activities)
    .where({ _id: activityId, taken: _.gt(0), released: _.neq(signupId) })
    .update({ data: { taken: _.inc(-1), released: _.push(signupId) } })
}

/**
 * Passes on the place of a sign-up the member gave up (status `releasing`): to the head of the waitlist, or back to
 * the activity when nobody waits; then the sign-up becomes `cancelled`. Each step is a conditional write that can be
 * repeated, and which steps already happened is read from the data (a sign-up promoted from it, the activity's
 * `released` list), so when the function dies between two writes the next call finishes the job: a place is never
 * held by nobody, and never by two.
 * `fresh`: the caller itself just moved the sign-up to `releasing`, so none of the steps can have happened yet.
 */
export async function finishRelease(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'title'>,
  releasing: Pick<SignupDoc, '_id'>,
  fresh: boolean,
): Promise<SignupDoc | null> {
  let heir: SignupDoc | null = null
  let done = false
  if (!fresh) {
    heir =
      ((
        await ctx.db
          .collection(COL.signups)
          .where({ activityId: activity._id, promotedFrom: releasing._id })
          .limit(1)
          .get()
      ).data[0] as SignupDoc | undefined) ?? null
    const a = await getDoc<ActivityDoc>(ctx.db, COL.activities, activity._id)
    done = !!heir || !!a?.released?.includes(releasing._id)
  }
  if (!done) {
    heir = await promoteHead(ctx, activity, releasing._id)
    if (!heir) await releaseOnce(ctx, activity._id, releasing._id)
  }
  await ctx.db
    .collection(COL.signups)
    .where({ _id: releasing._id, status: 'releasing' })
    .update({ data: { status: 'cancelled', updatedAt: ctx.clock.now() } })
  return fresh ? heir : null
}

/**
 * Finishes every release of this activity that a failed call left half done. Run where a missing place would show:
 * before a claim is refused as full, before a manual promotion, and by the roster when it counts one.
 */
export async function repairReleases(ctx: AnyCtx, activity: Pick<ActivityDoc, '_id' | 'title'>): Promise<number> {
  const stuck = (
    await ctx.db.collection(COL.signups).where({ activityId: activity._id, status: 'releasing' }).limit(100).get()
  ).data as SignupDoc[]
  for (const r of stuck) await finishRelease(ctx, activity, r, false)
  return stuck.length
}
