import type { Ctx } from '../_shared/context'
import { sendToMember, sendWithCredit, type SubscriptionDoc } from '../_shared/subscriptions'
import { ACTIVITY_PROMOTED, readTemplate, templateData } from '../_shared/templates'
import {
  activitiesOf,
  addReleasing,
  addToQueue,
  cancelReleasing,
  confirmIfWaiting,
  givePlaceBack,
  givePlaceBackOnce,
  legacyQueue,
  promotedFromKey,
  pullFromQueue,
  pullReleasing,
  pushToQueueIf,
  releasesUnderway,
  renameHeir,
  setQueueOnce,
  signupsOf,
  takePlace,
} from './activity.repo'
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
  return takePlace(ctx.db, activity)
}

/** Gives a place back. */
export async function releasePlace(ctx: AnyCtx, activityId: string): Promise<void> {
  await givePlaceBack(ctx.db, activityId)
}

/**
 * The waitlist, in order: the activity's `queue` of sign-up ids (issue 11). Joining appends with one atomic push,
 * leaving pulls, so a member's place is her index + 1 — read with the activity, whatever the waitlist's length, and
 * distinct and gap-free as shown: when someone ahead leaves, everyone behind moves up by one in the same write.
 * The queue is the order the waitlist is served in; the sign-up's `status: 'waitlisted'` stays the member's state.
 * A sign-up becomes waiting before its entry is pushed (signup.ts), and its entry is pulled after it stopped waiting
 * (promoted, cancelled). A call that dies between the status and the push leaves a waiting member out of the queue:
 * her next look (list, detail) puts her back, at its end — her place by time of joining is not rebuilt, which would
 * mean reading the sign-ups of everyone waiting. A call that dies before the pull leaves an entry of someone no longer
 * waiting; promotion passes such entries over and removes them.
 *
 * Activities saved before the queue existed get it once, built from their waiting sign-ups in the order they were
 * served then (time of joining, then id).
 *
 * Platform: push/pull/addToSet are atomic array update commands, addToSet "原子操作。给定一个或多个元素，除非数组中已存在
 * 该元素，否则添加进数组" (developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/
 * Command.md); `_.size(n)` matches an array of exactly n elements (…/database/command/Command.size). The local cloud
 * evaluates both with MongoDB semantics (mingo).
 */
export async function queueOf(ctx: AnyCtx, a: Pick<ActivityDoc, '_id' | 'queue'>): Promise<string[]> {
  if (Array.isArray(a.queue)) return a.queue
  const ids = await legacyQueue(ctx.db, a._id)
  if (await setQueueOnce(ctx.db, a._id, ids)) return (a.queue = ids)
  return (a.queue = (await activitiesOf(ctx.db).get(a._id))?.queue ?? ids)
}

/** A waiting sign-up's place (1 = next), from the queue as read with the activity; null when not in it. */
export function positionIn(queue: readonly string[] | undefined, signupId: string): number | null {
  const at = queue ? queue.indexOf(signupId) : -1
  return at >= 0 ? at + 1 : null
}

/**
 * Puts a sign-up at the end of the waitlist and returns its place. First as one conditional push over the queue as
 * read (still that long, and the activity still full, so no place was freed meanwhile): its place is known without
 * reading again. When others changed the queue in between (a rush), the push is made unconditionally and idempotently
 * (addToSet), free places are filled from the queue in order, and the queue is read once to find the place.
 */
export async function joinQueue(
  ctx: AnyCtx,
  a: ActivityDoc,
  signupId: string,
): Promise<{ position: number | null; queue: string[] }> {
  const _ = ctx.db.command
  const q = await queueOf(ctx, a)
  if (!q.includes(signupId)) {
    const where: Record<string, unknown> = { _id: a._id, queue: _.size(q.length) }
    if (a.capacity !== null) where.taken = _.gte(a.capacity)
    if (await pushToQueueIf(ctx.db, where, signupId))
      return { position: q.length + 1, queue: (a.queue = [...q, signupId]) }
    await addToQueue(ctx.db, a._id, signupId)
  }
  return { position: null, queue: q }
}

/**
 * Moves the first person on the waitlist up into a place the caller already holds for them (a cancellation's
 * place, or a freshly claimed one). Each candidate is taken by a conditional update on their status, so two
 * concurrent promotions never pick the same person; then pulled from the queue. Returns who was promoted, or null
 * if nobody was waiting. `queue`: the queue as the caller just read it (else it is read here).
 */
export async function promoteHead(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'title' | 'queue'>,
  from: string | null = null,
  queue?: readonly string[],
  /** Leave the promoted one in the queue: the caller pulls it later, with its own bookkeeping (finishRelease). */
  keepInQueue = false,
  /** The notice consent of the queue's head as read with the activity (activity.repo.ts activityForMember). */
  known?: HeadConsent,
): Promise<Pick<SignupDoc, '_id' | 'memberId' | 'status' | 'promotedAt' | 'promotedFrom'> | null> {
  const now = ctx.clock.now()
  let heads = queue ?? (await freshQueue(ctx, activity))
  for (let round = 0; round < 100; round++) {
    if (!heads.length) return null
    for (const h of heads.slice(0, 5)) {
      const won = await promoteIfWaiting(ctx, activity, h, from, known?.signupId === h ? known : undefined)
      // Promoted now, or an entry of someone who no longer waits (promoted or cancelled by a call that died before
      // pulling it): either way it leaves the queue.
      if (!won || !keepInQueue) await pullFromQueue(ctx.db, activity._id, h)
      if (won)
        return { _id: h, memberId: memberOf(activity, h), status: 'confirmed', promotedAt: now, promotedFrom: from }
    }
    heads = await freshQueue(ctx, activity)
  }
  return null
}

/** The member of a sign-up: its id is activity + member (docs.ts signupIdOf), so this needs no read. */
const memberOf = (activity: Pick<ActivityDoc, '_id'>, signupId: string) => signupId.slice(activity._id.length + 1)

/**
 * Confirms one waiting sign-up (a conditional update on her status, so two calls never both promote her) and tells
 * her. `from` names the release whose place this is (releaseKeyOf; null for a place freed otherwise), so a call
 * finishing that release later sees it already passed on (passOn, finishRelease).
 */
async function promoteIfWaiting(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'title'>,
  h: string,
  from: string | null,
  known?: HeadConsent,
): Promise<boolean> {
  if (!(await confirmIfWaiting(ctx.db, h, from, ctx.clock.now()))) return false
  await notifyPromoted(ctx, activity, memberOf(activity, h), known)
  return true
}

async function freshQueue(ctx: AnyCtx, activity: Pick<ActivityDoc, '_id' | 'queue'>): Promise<string[]> {
  const a = await activitiesOf(ctx.db).get(activity._id)
  return a ? queueOf(ctx, a) : []
}

/** "候补成功" to a promoted member who holds a credit for it (subscriptions.ts). */
async function notifyPromoted(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'title'>,
  memberId: string,
  known?: HeadConsent,
): Promise<void> {
  const template = promotionTemplate()
  if (!template) return
  const message = {
    page: `packages/activity/pages/detail/index?id=${activity._id}`,
    data: templateData(template, { activity: activity.title, result: '候补成功', note: '您已由候补转为报名成功' }),
  }
  // Her consent was read with the activity (or found absent there): no read of it now.
  if (known?.templateId === template.id) {
    if (known.consent) await sendWithCredit(ctx, known.consent, message)
    return
  }
  await sendToMember(ctx, memberId, template, message)
}

/**
 * The head of the waitlist as a cancellation read it with the activity: her sign-up id and her notice consent for the
 * template (null: she holds none). Promotion uses it when she is the one promoted, instead of reading the consent.
 */
export interface HeadConsent {
  signupId: string
  templateId: string
  consent: SubscriptionDoc | null
}

/**
 * Fills free places from the waitlist, in order, for as long as both exist. Run after anything that can leave a place
 * free while someone waits (a cancellation with an empty waitlist racing a new sign-up that just missed a place).
 */
export async function rebalance(ctx: AnyCtx, activityId: string): Promise<number> {
  let promoted = 0
  for (let round = 0; round < 1000; round++) {
    const a = await activitiesOf(ctx.db).get(activityId)
    if (!a || !a.waitlist || a.capacity === null || a.taken >= a.capacity) return promoted
    const queue = await queueOf(ctx, a)
    if (queue.length === 0) return promoted
    if (!(await claimPlace(ctx, a))) continue
    if (!(await promoteHead(ctx, a, null, queue))) {
      await releasePlace(ctx, activityId)
      return promoted
    }
    promoted++
  }
  return promoted
}

/**
 * Gives back the place of a release, once: the activity remembers which releases' places it took back (`released`,
 * by release key), in the same atomic update as the counter, so a retried or repaired release never frees two places.
 */
async function releaseOnce(ctx: AnyCtx, activityId: string, key: string): Promise<void> {
  await givePlaceBackOnce(ctx.db, activityId, key)
}

/**
 * Names one release of a sign-up's place. A sign-up keeps its id through cancel → sign up again → cancel, so the id
 * alone would make the second release look finished by the first one's traces (its heir's `promotedFrom`, its entry
 * in `released`), and the place would stay held by nobody. Each cancellation counts a round on the sign-up
 * (`releaseRound`); releases begun before rounds existed keep the bare id.
 */
export function releaseKeyOf(s: Pick<SignupDoc, '_id' | 'releaseRound'>): string {
  return s.releaseRound ? `${s._id}#${s.releaseRound}` : s._id
}

/**
 * Passes a release's place to its named heir (the sign-up's `heir`), so every call finishing the same release —
 * the cancellation itself and any call repairing it meanwhile — promotes the same member and no one else: a
 * promotion is conditional on her still waiting, and when she no longer waits (left the waitlist, promoted from
 * another place) the next in the queue is named instead by a write conditional on the heir as read, so two calls
 * never name two. With no heir (nobody waited) the place goes back to the activity, once. Returns who got the place.
 */
async function passOn(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'title' | 'queue'>,
  releasing: Pick<SignupDoc, '_id' | 'heir'>,
  key: string,
  known?: HeadConsent,
): Promise<string | null> {
  let named = releasing.heir ?? null
  for (let round = 0; round < 100; round++) {
    if (named === null) {
      await releaseOnce(ctx, activity._id, key)
      return null
    }
    if (await promoteIfWaiting(ctx, activity, named, key, known?.signupId === named ? known : undefined)) return named
    // Not waiting: promoted from this very release by another call finishing it (done), or gone another way.
    const her = await signupsOf(ctx.db).get(named)
    if (her?.promotedFrom === key) return named
    if (her?.status === 'waitlisted') continue // back on the waitlist in between: try her again
    await pullFromQueue(ctx.db, activity._id, named)
    const next = (await freshQueue(ctx, activity)).find((h) => h !== named) ?? null
    named = (await renameHeir(ctx.db, releasing._id, named, next))
      ? next
      : ((await signupsOf(ctx.db).get(releasing._id))?.heir ?? null)
  }
  return null
}

/**
 * Takes a finished release off the activity's `releasing` list (see markReleasing), the last write of a release, and
 * in the same write its heir out of the queue (the heir stays in it until the releasing sign-up is cancelled, so a
 * call dying in between leaves both names for the repair).
 */
async function unmarkReleasing(ctx: AnyCtx, activityId: string, signupId: string, heir?: string): Promise<void> {
  await pullReleasing(ctx.db, activityId, signupId, heir)
}

/**
 * Names a sign-up about to release its place on the activity, before anything else of the cancellation is written.
 * Sign-ups read the activity anyway: while this list is empty, no cancellation can have died half way, and a full
 * activity needs no search for one (repairReleases).
 */
export async function markReleasing(ctx: AnyCtx, activityId: string, signupId: string): Promise<void> {
  await addReleasing(ctx.db, activityId, signupId)
}

/**
 * Passes on the place of a sign-up the member gave up (status `releasing`): to the head of the waitlist, or back to
 * the activity when nobody waits; then the sign-up becomes `cancelled`. Each step is a conditional write that can be
 * repeated, and which steps already happened is read from the data (a sign-up promoted from it, the activity's
 * `released` list), so when the function dies between two writes the next call finishes the job: a place is never
 * held by nobody, and never by two.
 * `fresh`: the caller itself just moved the sign-up to `releasing` (with the activity's queue as it read it), so none
 * of the steps can have happened yet. Returns whether the place went to someone waiting.
 */
export async function finishRelease(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'title' | 'queue'>,
  releasing: Pick<SignupDoc, '_id' | 'status' | 'releaseRound' | 'heir'>,
  fresh: boolean,
  known?: HeadConsent,
): Promise<boolean> {
  const key = releaseKeyOf(releasing)
  let heir: string | null = null
  if (releasing.heir !== undefined) heir = await passOn(ctx, activity, releasing, key, known)
  else {
    // A release begun before heirs were named (a cancellation in flight across the update, or the older
    // `releasing` status): whether its place went on is read from the data.
    let done = false
    if (!fresh) {
      heir = await heirOf(ctx, activity._id, key)
      const a = await activitiesOf(ctx.db).get(activity._id)
      done = !!heir || !!a?.released?.includes(key)
    }
    if (!done) {
      heir = (await promoteHead(ctx, activity, key, fresh ? activity.queue : undefined, true, known))?._id ?? null
      if (!heir) await releaseOnce(ctx, activity._id, key)
    }
  }
  // A sign-up released the older way (status `releasing`, kept until now) is cancelled here; one cancelled at once
  // (cancel, named on the activity instead) is already.
  if (releasing.status !== 'cancelled') await cancelReleasing(ctx.db, releasing._id, ctx.clock.now())
  await unmarkReleasing(ctx, activity._id, releasing._id, heir ?? undefined)
  return fresh && !!heir
}

/** The sign-up promoted into a release's place (by its key), if that step happened. */
async function heirOf(ctx: AnyCtx, activityId: string, key: string): Promise<string | null> {
  return promotedFromKey(ctx.db, activityId, key)
}

/**
 * Finishes every release of this activity that a failed call left half done. Run where a missing place would show:
 * before a claim is refused as full, before a manual promotion, and by the roster when it counts one. Costs nothing
 * when the activity as read names no release under way (`releasing`, written first by every cancellation).
 */
export async function repairReleases(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'title' | 'releasing'>,
): Promise<number> {
  if (Array.isArray(activity.releasing) && activity.releasing.length === 0) return 0
  // Releases under way: a sign-up named on the activity and already cancelled (cancel's way), or one still
  // `releasing` (the older way, named or not).
  const named = activity.releasing ?? []
  const stuck = await releasesUnderway(ctx.db, activity._id, named)
  for (const r of stuck) await finishRelease(ctx, activity, r, false)
  // Names on the list whose sign-up is neither: the call died before cancelling it (nothing happened: she still holds
  // her place), or the release was finished but not yet unnamed (its heir, if any, may still be in the queue).
  for (const id of named)
    if (!stuck.some((r) => r._id === id))
      await unmarkReleasing(ctx, activity._id, id, (await heirOf(ctx, activity._id, id)) ?? undefined)
  return stuck.length
}
