// Places and the waitlist: how a place is taken, and how a cancelled place is passed on (a RELEASE) so that nothing is
// lost and nothing doubled when calls race or die half way. Every step below is ONE write (conditional wherever two
// calls could disagree); which steps already happened is read from the data, never remembered by a call, so any call
// may finish any release.
//
// Records. The activity: `taken` (places held), `queue` (the waitlist in order), `released` (keys of releases whose
// place went back to it), `releasing` (sign-ups whose cancellation is under way) with a mark per name,
// `releasingMarks[id] = { round, until }`. The released sign-up S: cancelled, with its `releaseRound` r (the release's
// key is S#r, releaseKeyOf) and its `heir` (who gets the place; null: nobody waited). Each waiting sign-up X: the keys
// of the releases decided for her — `receivedFrom` (she got that place) and `passedOver` (she had stopped waiting when
// a call came to give it to her) — kept through cancel and signing up again.
//
// A cancellation (signup.ts cancel), and why each step is safe against a concurrent call and against dying after it:
//  1. NAME: S is added to `releasing`, marked with r and `until`, the time by which this call is surely over (its
//     invocation's end plus clock skew: job-runner.ts leaseEnd). Dying here: S is still confirmed, nothing happened.
//     A repair that finds a name whose cancellation has not landed (her round still older than the mark's) cannot
//     tell a dead call from one about to do step 2, so it takes the name off only once `until` is past, by a write
//     conditional on the mark still being past (a cancellation naming S afresh meanwhile keeps its name). The
//     platform stops a function at its timeout (cloudbaserc.json `timeout`, 20 s for activity; "函数最长执行时间，单位为秒，
//     可选值范 1-300 秒，默认为 3 秒", developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/cloudbase/common/
//     getFuncConfig.html), and the local cloud freezes a call past it (emulator/db/README.md "Function timeout"), so
//     no step 2 can follow then. Taking the name off earlier would be wrong: step 2 would then leave S's place named by
//     nothing, held by nobody.
//  2. CANCEL: S becomes cancelled with r and heir H (the queue's head as read), on condition S is still confirmed, not
//     checked in, and still in round r - 1 (a second tap, a check-in or an older round cannot land twice). From here
//     the place is held in trust by the name: named, and S's round has reached the mark's, means "hers to pass on"
//     (repairReleases finds it) — also once S signed up again (a sign-up that read the activity before the name was
//     there does not finish the release first), which is why landing is told by the round and not by her status. A
//     cancellation of S finds her own earlier name still there and finishes that release before writing its own.
//  3. PASS ON (passOn): H is confirmed on condition she waits and S#r is not yet decided for her, adding S#r to her
//     `receivedFrom` in the same write. A call that finds her not waiting adds S#r to her `passedOver`, on condition
//     she did not receive it; only then is the heir renamed (conditional on the heir as read) to the next in the
//     queue. Both decisions are conditional writes of H's one document, so exactly one of them happens, once, however
//     late a call comes with H's name: she received the place (done, whatever she did since: left, came back), or she
//     was passed over and can never receive it. Hence one receiver at most: an heir is renamed only after she was
//     passed over, and never once she received it. With no heir left (nobody waiting), the place goes back to the
//     activity once (`released`, conditional on the key being absent). Dying anywhere in here: the next finisher runs
//     the same steps and meets what was decided.
//  4. UNNAME: S off `releasing` and the heir's entry out of the queue, in one write, on condition the name still
//     carries round r: a late call finishing a release another already unnamed changes nothing (it must not pull the
//     heir's entry once she waits again, nor the name of S's next round).
//
// Taking a place (claimPlace: a sign-up, a re-sign-up or an approval through signup.ts settle, a promotion by hand,
// rebalance). The place counter and the sign-up are two documents, and CloudBase has no multi-document atomicity
// outside transactions, which a hot activity (every sign-up writes the activity) would turn into conflicts. So:
//  1. TAKE: `taken` + 1 on condition of a free place, and in the same write a claim named on the activity,
//     `claims[token] = { signup, until }` (a fresh token; `until` the time by which this call is surely over, as for
//     NAME above). Dying here: the place is held by the name alone.
//  2. HAND OVER: the sign-up getting the place is written confirmed WITH the token (`claimTokens`): created so (a first
//     sign-up), or confirmed by a conditional update (settle, a promotion). From here the place is hers, whatever she
//     does next (a cancellation passes it on as above). A hand-over refused (a second tap: the sign-up exists; nobody
//     waiting) gives the place back with the name in one write conditional on the name (returnPlace).
//  3. UNNAME: the name goes (settleClaim), on condition it is there.
// A repair (repairClaims, run where repairReleases runs and by a sign-up that reads a claim past its `until`) reads
// the sign-ups carrying the past claims' tokens (one read): a token on a sign-up means the place was handed over, and
// only the name goes; none means the call died before step 2 and, being past its timeout, can no longer write it, so
// the place goes back (conditional on the name: once) and on to the waitlist. Taking the name off before `until`
// would be wrong for the same reason as for NAME: step 2 could still come, and the place would be held twice.
// A first sign-up costs one write more than before (the unname) to be safe at every point: 5 requests.
//
// Costs: the cancellation's writes are these four (conditions folded into them, no extra request); finishing a release
// someone else left costs a few requests per heir passed over, never a read that grows with the waitlist (the queue
// comes with the activity, heirs are read by id).
import type { Ctx } from '../_shared/context'
import { sendToMember, sendWithCredit, type SubscriptionDoc } from '../_shared/subscriptions'
import { ACTIVITY_PROMOTED, readTemplate, templateData } from '../_shared/templates'
import {
  activitiesOf,
  addReleasing,
  returnClaim,
  signupsWithClaims,
  takePlaceNamed,
  unnameClaim,
  addToQueue,
  cancelReleasing,
  confirmIfWaiting,
  givePlaceBackOnce,
  legacyQueue,
  promotedFromKey,
  pullFromQueue,
  passOver,
  pullDeadReleasing,
  pullReleasing,
  pushToQueueIf,
  namedOrReleasing,
  renameHeir,
  setQueueOnce,
  signupsOf,
  stampReleasing,
} from './activity.repo'
import type { ActivityDoc, ReleasingMark, SignupDoc } from './docs'
import { FUNCTION_TIMEOUT_MS, LEASE_SKEW_MS, leaseEnd } from '../_shared/job-runner'
import { randomBytes } from 'node:crypto'

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

/**
 * Takes one place if there is one, for `signup` (null: whoever heads the waitlist, rebalance): a single conditional
 * atomic update, so places can never be oversold, which also names the claim on the activity (`claims`, by a fresh
 * token) with the time by which this call is surely over (job-runner.ts leaseEnd). Returns the token, or null when
 * the activity is full. The caller then hands the place over by a write that puts the token on the sign-up getting it
 * (`claimTokens`), and then takes the name off (settleClaim) — or gives the place back with the name (returnPlace).
 */
export async function claimPlace(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'capacity'>,
  signup: string | null,
): Promise<string | null> {
  const token = randomBytes(8).toString('hex')
  return (await takePlaceNamed(ctx.db, activity, token, { signup, until: leaseEnd(ctx) })) ? token : null
}

/** The place of this claim reached its sign-up (her token is written): the name goes. */
export async function settleClaim(ctx: AnyCtx, activityId: string, token: string): Promise<void> {
  await unnameClaim(ctx.db, activityId, token)
}

/** Gives back the place of a claim that went to nobody, with its name, once. */
export async function returnPlace(ctx: AnyCtx, activityId: string, token: string): Promise<void> {
  await returnClaim(ctx.db, activityId, token)
}

/** Whether the activity as read names a claim whose call is surely over (repairClaims has work). */
export function hasDeadClaims(a: Pick<ActivityDoc, 'claims'>, now: Date): boolean {
  return Object.values(a.claims ?? {}).some((c) => new Date(c.until) < now)
}

/**
 * Settles every claim whose call is surely over (see the protocol above, TAKE): a sign-up carrying its token holds its
 * place, so only the name goes; no sign-up carrying it means the call died before handing the place over, so the place
 * goes back, once (conditional on the name), and on to the waitlist if people wait. One read of the claimants,
 * whatever their number; nothing when no claim is past.
 */
export async function repairClaims(ctx: AnyCtx, a: Pick<ActivityDoc, '_id' | 'claims'>): Promise<number> {
  const now = ctx.clock.now()
  const dead = Object.entries(a.claims ?? {})
    .filter(([, c]) => new Date(c.until) < now)
    .map(([token]) => token)
  if (!dead.length) return 0
  const held = new Set((await signupsWithClaims(ctx.db, a._id, dead)).flatMap((s) => s.claimTokens ?? []))
  let returned = 0
  for (const token of dead) {
    if (held.has(token)) await settleClaim(ctx, a._id, token)
    else if (await returnClaim(ctx.db, a._id, token)) returned++
  }
  if (returned > 0) await rebalance(ctx, a._id)
  return returned
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
  /** The claim (claimPlace) whose place this is: its token goes on the one promoted, in the same write. */
  claim?: string,
): Promise<Pick<SignupDoc, '_id' | 'memberId' | 'status' | 'promotedAt' | 'promotedFrom'> | null> {
  const now = ctx.clock.now()
  let heads = queue ?? (await freshQueue(ctx, activity))
  for (let round = 0; round < 100; round++) {
    if (!heads.length) return null
    for (const h of heads.slice(0, 5)) {
      const won = await promoteIfWaiting(ctx, activity, h, from, known?.signupId === h ? known : undefined, claim)
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
  claim?: string,
): Promise<boolean> {
  if (!(await confirmIfWaiting(ctx.db, h, from, ctx.clock.now(), claim))) return false
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
    const token = await claimPlace(ctx, a, null)
    if (!token) continue
    if (!(await promoteHead(ctx, a, null, queue, false, undefined, token))) {
      await returnPlace(ctx, activityId, token)
      return promoted
    }
    await settleClaim(ctx, activityId, token)
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
 * the cancellation itself and any call repairing it meanwhile — promotes the same member and no one else. Whether the
 * release went to her is decided on HER document, once (activity.repo.ts): a promotion is conditional on her waiting
 * and on the release not yet decided for her (not in her `receivedFrom`, not in her `passedOver`) and records it in
 * `receivedFrom`; a call that finds her not waiting records her as passed over, on condition she did not receive it.
 * The two exclude each other, so a call holding her name however late (she got the place and is back on the waitlist,
 * or left and came back after the heir was renamed) can neither give her the place a second time nor after it went on.
 * Only once she is passed over is the next in the queue named, by a write conditional on the heir as read, so two
 * calls never name two. With no heir (nobody waited) the place goes back to the activity, once. Returns who got the
 * place.
 */
async function passOn(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'title' | 'queue'>,
  releasing: Pick<SignupDoc, '_id' | 'heir'>,
  key: string,
  known?: HeadConsent,
): Promise<string | null> {
  let named = releasing.heir ?? null
  // Heirs this call found passed over: never named again by it (the queue may still hold them, waiting again).
  const passed = new Set<string>()
  for (let round = 0; round < 100; round++) {
    if (named === null) {
      await releaseOnce(ctx, activity._id, key)
      return null
    }
    if (await promoteIfWaiting(ctx, activity, named, key, known?.signupId === named ? known : undefined)) return named
    const her = await signupsOf(ctx.db).get(named)
    // She received this release (from another call finishing it, maybe long ago): done.
    if (her && receivedRelease(her, key)) return named
    if (her && !her.passedOver?.includes(key)) {
      // Waiting, and the release not decided for her: she changed between the promotion and the read. Try her again.
      if (her.status === 'waitlisted') continue
      // Not waiting: passed over, unless she received it since the read (then the next round sees that).
      if (!(await passOver(ctx.db, named, key))) continue
    }
    // Passed over (by this call or another): her stale queue entry goes, unless she waits again (a new entry), and
    // the next in the queue is named in her place — or the name another call put there is taken up.
    if (her?.status !== 'waitlisted') await pullFromQueue(ctx.db, activity._id, named)
    passed.add(named)
    const next = (await freshQueue(ctx, activity)).find((h) => !passed.has(h)) ?? null
    named = (await renameHeir(ctx.db, releasing._id, named, next))
      ? next
      : ((await signupsOf(ctx.db).get(releasing._id))?.heir ?? null)
  }
  return null
}

/** Whether this sign-up received the place of release `key` (`promotedFrom`: promoted before `receivedFrom` existed). */
function receivedRelease(s: Pick<SignupDoc, 'receivedFrom' | 'promotedFrom'>, key: string): boolean {
  return !!s.receivedFrom?.includes(key) || s.promotedFrom === key
}

/**
 * Takes a finished release off the activity's `releasing` list (see markReleasing), the last write of a release, and
 * in the same write its heir out of the queue (the heir stays in it until the releasing sign-up is cancelled, so a
 * call dying in between leaves both names for the repair). Only while the name is still this release's, as its mark
 * was read with the activity: a late call finishing a release that another already unnamed must not pull its heir,
 * who may be waiting again (a new entry), nor the name of a later round of the same sign-up.
 */
async function unmarkReleasing(
  ctx: AnyCtx,
  activity: Pick<ActivityDoc, '_id' | 'releasingMarks'>,
  releasing: Pick<SignupDoc, '_id' | 'releaseRound'>,
  heir?: string,
): Promise<void> {
  const mark = activity.releasingMarks?.[releasing._id]
  // A mark of a later round than this release: that round's own call unnames it.
  if (mark && mark.round > (releasing.releaseRound ?? 0)) return
  await pullReleasing(ctx.db, activity._id, releasing._id, mark ? mark.round : null, heir)
}

/**
 * Names a sign-up about to release its place on the activity, before anything else of the cancellation is written.
 * Sign-ups read the activity anyway: while this list is empty, no cancellation can have died half way, and a full
 * activity needs no search for one (repairReleases). The name is stamped with the release's round and with the time
 * by which this call is surely over (its invocation's end plus clock skew, job-runner.ts leaseEnd), so a repair can
 * tell a cancellation still under way from one that died before cancelling her. Returns the stamp, for the activity
 * as this call knows it.
 */
export async function markReleasing(
  ctx: AnyCtx,
  activityId: string,
  signupId: string,
  round: number,
): Promise<ReleasingMark> {
  const mark = { round, until: leaseEnd(ctx) }
  await addReleasing(ctx.db, activityId, signupId, mark)
  return mark
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
  activity: Pick<ActivityDoc, '_id' | 'title' | 'queue' | 'releasingMarks'>,
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
  await unmarkReleasing(ctx, activity, releasing, heir ?? undefined)
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
  activity: Pick<ActivityDoc, '_id' | 'title' | 'releasing' | 'releasingMarks' | 'claims'>,
): Promise<number> {
  // Claims first: a place taken by a call that died before handing it over comes back (or goes to the waitlist).
  const returned = await repairClaims(ctx, activity)
  if (Array.isArray(activity.releasing) && activity.releasing.length === 0) return returned
  const named = activity.releasing ?? []
  const found = await namedOrReleasing(ctx.db, activity._id, named)
  const now = ctx.clock.now()
  let finished = 0
  for (const s of found) {
    // Still `releasing` (the older way), or named and its cancellation landed: her place is held in trust by the
    // name, whatever she did since (signed up again by a call that read the activity before the name was there).
    if (s.status === 'releasing' || (named.includes(s._id) && cancellationLanded(activity, s))) {
      await finishRelease(ctx, activity, s, false)
      finished++
      continue
    }
    if (!named.includes(s._id)) continue
    // Named, but her cancellation has not landed: it may still be under way (its next write cancels her, and from
    // then her place is held in trust by the name alone), so the name is taken off only once the call that wrote it
    // is surely over — its mark past (markReleasing), by a write conditional on that, so a cancellation naming her
    // afresh meanwhile keeps its name. Then it died before cancelling her: nothing happened, she holds her place.
    // A name without a mark (written before marks existed) is marked now with the round its cancellation would
    // write, and ages out from here.
    const mark = activity.releasingMarks?.[s._id]
    if (!mark) await stampReleasing(ctx.db, activity._id, s._id, { round: roundAfter(s), until: surelyOverBy(ctx) })
    else if (new Date(mark.until) < now) await pullDeadReleasing(ctx.db, activity._id, s._id, now)
  }
  return finished + returned
}

/**
 * Whether the cancellation that named this sign-up has cancelled her (step 2): she carries its round from then on,
 * through signing up again. Without a mark (named before marks existed), only while she is still cancelled.
 */
function cancellationLanded(
  activity: Pick<ActivityDoc, 'releasingMarks'>,
  s: Pick<SignupDoc, '_id' | 'status' | 'releaseRound'>,
): boolean {
  const mark = activity.releasingMarks?.[s._id]
  return mark ? (s.releaseRound ?? 0) >= mark.round : s.status === 'cancelled'
}

/** The round the next cancellation of this sign-up writes (signup.ts cancel). */
export const roundAfter = (s: Pick<SignupDoc, 'releaseRound'>) => (s.releaseRound ?? 0) + 1

/** When any call of this function started before now is surely over: the function's timeout from now, plus skew. */
function surelyOverBy(ctx: AnyCtx): Date {
  return new Date(ctx.clock.now().getTime() + FUNCTION_TIMEOUT_MS + LEASE_SKEW_MS)
}
