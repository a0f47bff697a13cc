// Typed reads and writes of the activity area (activities, sign-ups): handlers call these, never ctx.db.collection.
// Each function says what it costs, because every database call is a round trip (issue 11).
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import { isDuplicateKey } from '../_shared/duplicate-key'
import type { Db, MemberDoc } from '../_shared/context'
import type { Aggregate, Doc } from '../_shared/db-types'
import { joinedPage } from '../_shared/joined-page'
import { PAGE_SIZE } from '../_shared/paging'
import { typedCollection, type Where } from '../_shared/repo'
import type { SubscriptionDoc } from '../_shared/subscriptions'
import type { ActivityDoc, PlaceClaim, ReleasingMark, SignupDoc } from './docs'

export const activitiesOf = (db: Db) => typedCollection<ActivityDoc>(db, COL.activities)
export const signupsOf = (db: Db) => typedCollection<SignupDoc>(db, COL.signups)

/**
 * Creates the activity under its id, once: false when it is already there (a retried save). A clash is recognised by
 * code (duplicate-key.ts), never by message text.
 */
export async function createActivity(db: Db, a: ActivityDoc): Promise<boolean> {
  try {
    await db.collection(COL.activities).add({ data: a })
    return true
  } catch (err) {
    if (!(await isDuplicateKey(db, COL.activities, a._id, err))) throw err
    return false
  }
}

/**
 * Creates the sign-up under its natural key (activity + member), once: false when one is already there (a second
 * tap, an earlier sign-up). A clash is recognised by code (duplicate-key.ts), never by message text.
 */
export async function createSignup(db: Db, s: SignupDoc): Promise<boolean> {
  try {
    await db.collection(COL.signups).add({ data: s })
    return true
  } catch (err) {
    if (!(await isDuplicateKey(db, COL.signups, s._id, err))) throw err
    return false
  }
}

/**
 * A page of activities, those not yet over first (soonest first), then the finished ones (most recent first), each
 * with this member's sign-up: ONE request. The two ranges are one order — a computed key: over or not, then the start
 * time forwards or backwards (`subtract` of two dates gives milliseconds, a documented AggregateCommand) — so a page
 * that straddles them needs no second read; the count is `activitiesOf(db).count(where)` beside it.
 */
export async function activitiesWithMine(
  db: Db,
  where: Doc,
  memberId: string,
  now: Date,
  page: number,
): Promise<Array<{ activity: ActivityDoc; mine: SignupDoc | null }>> {
  const $ = db.command.aggregate
  const epoch = new Date(0)
  const ahead = $.gt(['$endAt', now])
  const rows = await joinedPage<ActivityDoc, { mine: SignupDoc }>(db, COL.activities, where, {
    prepare: (a) =>
      a.addFields({
        _x_over: $.cond({ if: ahead, then: 0, else: 1 }),
        _x_when: $.cond({ if: ahead, then: $.subtract(['$startAt', epoch]), else: $.subtract([epoch, '$startAt']) }),
      }),
    orderBy: [
      ['_x_over', 'asc'],
      ['_x_when', 'asc'],
    ],
    page,
    own: { memberId, from: { mine: COL.signups } },
  })
  return rows.map((r) => ({ activity: r.row, mine: r.own.mine }))
}

/** Stages naming each sign-up's branch from the org tree (`_x_branchName`), in the same request. */
function withBranchName(db: Db): (a: Aggregate) => Aggregate {
  const $ = db.command.aggregate
  return (a) =>
    a
      .lookup({ from: COL.orgs, localField: 'branchId', foreignField: '_id', as: '_org' })
      .addFields({ _x_branchName: $.ifNull([$.arrayElemAt(['$_org.name', 0]), '']) })
      .project({ _org: 0 })
}

export interface RosterRow {
  signup: SignupDoc
  branchName: string
}

/**
 * A page of an activity's sign-ups in the order they came (time, then id), each with its branch's name: ONE request
 * (the org tree is not read for the page's few names).
 */
export async function rosterPage(db: Db, where: Doc, page: number): Promise<RosterRow[]> {
  const rows = await joinedPage<SignupDoc>(db, COL.signups, where, {
    orderBy: [
      ['createdAt', 'asc'],
      ['_id', 'asc'],
    ],
    page,
    extend: withBranchName(db),
  })
  return rows.map((r) => ({ signup: r.row, branchName: String(r.extra.branchName ?? '') }))
}

/** Sign-ups by id (at most a page, PAGE_SIZE), each with its branch's name, keyed by id: ONE request. */
export async function rosterByIds(db: Db, ids: readonly string[]): Promise<Map<string, RosterRow>> {
  if (!ids.length) return new Map()
  const rows = await joinedPage<SignupDoc>(
    db,
    COL.signups,
    { _id: db.command.in([...ids]) },
    {
      orderBy: [['_id', 'asc']],
      pageSize: Math.min(ids.length, PAGE_SIZE),
      extend: withBranchName(db),
    },
  )
  return new Map(rows.map((r) => [r.row._id, { signup: r.row, branchName: String(r.extra.branchName ?? '') }]))
}

/**
 * The activity with this member's sign-up and, when a template is given, the notice consent of whoever heads its
 * waitlist (the one a cancellation would promote): ONE request. The head's sign-up id is activity + member
 * (docs.ts signupIdOf), so its sign-up is joined for the member id and her consent (`${memberId}_${templateId}`,
 * subscriptions.ts) joined on that. Null when there is no such activity.
 */
export async function activityForMember(
  db: Db,
  activityId: string,
  memberId: string,
  templateId?: string | null,
): Promise<{ activity: ActivityDoc; mine: SignupDoc | null; headConsent: SubscriptionDoc | null } | null> {
  const $ = db.command.aggregate
  const [found] = await joinedPage<ActivityDoc, { mine: SignupDoc }>(
    db,
    COL.activities,
    { _id: activityId },
    {
      orderBy: [['_id', 'asc']],
      pageSize: 1,
      own: { memberId, from: { mine: COL.signups } },
      extend: templateId
        ? (a) =>
            a
              .addFields({ _head: $.arrayElemAt([$.ifNull(['$queue', []]), 0]) })
              .lookup({ from: COL.signups, localField: '_head', foreignField: '_id', as: '_headSignup' })
              .addFields({
                _headKey: $.concat([$.ifNull([$.arrayElemAt(['$_headSignup.memberId', 0]), '']), `_${templateId}`]),
              })
              .lookup({ from: COL.subscriptions, localField: '_headKey', foreignField: '_id', as: '_x_headConsent' })
              .project({ _head: 0, _headSignup: 0, _headKey: 0 })
        : undefined,
    },
  )
  if (!found) return null
  const consents = (found.extra.headConsent ?? []) as SubscriptionDoc[]
  return { activity: found.row, mine: found.own.mine, headConsent: consents[0] ?? null }
}

// The place and waitlist protocol's single writes (places.ts holds the protocol; the comments there say why each write
// is conditional). Every function is ONE request, in exactly the form the protocol was proven with: a conditional
// `where(...).update` where a condition decides who wins, `doc(id).update` for the activity's atomic array commands.

/** Takes one place if there is one (`taken` below the capacity): true when this call took it. */
export async function takePlace(db: Db, activity: Pick<ActivityDoc, '_id' | 'capacity'>): Promise<boolean> {
  const _ = db.command
  const where =
    activity.capacity === null ? { _id: activity._id } : { _id: activity._id, taken: _.lt(activity.capacity) }
  return (await activitiesOf(db).updateWhere(where, { taken: _.inc(1) })) === 1
}

/**
 * Takes one place if there is one and names the claim in the same atomic update (`claims.<token>`), so a call dying
 * before the place reaches a sign-up leaves a name a repair can find (places.ts claimPlace). True when it took one.
 */
export async function takePlaceNamed(
  db: Db,
  activity: Pick<ActivityDoc, '_id' | 'capacity'>,
  token: string,
  claim: PlaceClaim,
): Promise<boolean> {
  const _ = db.command
  const where =
    activity.capacity === null ? { _id: activity._id } : { _id: activity._id, taken: _.lt(activity.capacity) }
  return (await activitiesOf(db).updateWhere(where, { taken: _.inc(1), [`claims.${token}`]: claim })) === 1
}

/** Takes a claim's name off once its place is held (its token is on the sign-up): only while it is still there. */
export async function unnameClaim(db: Db, activityId: string, token: string): Promise<void> {
  const _ = db.command
  const field = `claims.${token}`
  await activitiesOf(db).updateWhere({ _id: activityId, [field]: _.exists(true) }, { [field]: _.remove() })
}

/**
 * Gives back the place of a claim that reached nobody, and takes its name off, in one write conditional on the name:
 * two calls returning the same claim free one place.
 */
export async function returnClaim(db: Db, activityId: string, token: string): Promise<boolean> {
  const _ = db.command
  const field = `claims.${token}`
  const n = await activitiesOf(db).updateWhere(
    { _id: activityId, [field]: _.exists(true), taken: _.gt(0) },
    { taken: _.inc(-1), [field]: _.remove() },
  )
  return n === 1
}

/**
 * The sign-ups of this activity that carry any of these claim tokens (places.ts repairClaims): one read. `_.in` on an
 * array field matches when an element is in the list, as an array field matches one of its values (the 云开发 database
 * query guide, cited at confirmIfWaiting); the local cloud evaluates it with MongoDB semantics (mingo).
 */
export function signupsWithClaims(db: Db, activityId: string, tokens: readonly string[]): Promise<SignupDoc[]> {
  const _ = db.command
  return signupsOf(db).find({ activityId, claimTokens: _.in(tokens.slice(0, 100)) }, { limit: 100 })
}

/** Gives back the place of the release `key`, once: the key is remembered in the same atomic update. */
export async function givePlaceBackOnce(db: Db, activityId: string, key: string): Promise<void> {
  const _ = db.command
  await activitiesOf(db).updateWhere(
    { _id: activityId, taken: _.gt(0), released: _.neq(key) },
    { taken: _.inc(-1), released: _.push([key]) },
  )
}

/** The waiting sign-ups' ids in the order they were served before the queue existed (time of joining, then id). */
export async function legacyQueue(db: Db, activityId: string): Promise<string[]> {
  const $ = db.command.aggregate
  const res = await signupsOf(db)
    .aggregate()
    .match({ activityId, status: 'waitlisted' })
    .sort({ waitAt: 1, _id: 1 })
    .group({ _id: null, ids: $.push('$_id') })
    .end()
  return (res.list[0]?.ids as string[] | undefined) ?? []
}

/** Stores the activity's first queue, only if it has none yet: true when this call stored it. */
export async function setQueueOnce(db: Db, activityId: string, ids: string[]): Promise<boolean> {
  const _ = db.command
  return (await activitiesOf(db).updateWhere({ _id: activityId, queue: _.exists(false) }, { queue: ids })) === 1
}

/** Appends to the queue only where the activity still matches `where` (the queue as read): true when appended. */
export async function pushToQueueIf(db: Db, where: Where<ActivityDoc>, signupId: string): Promise<boolean> {
  return (await activitiesOf(db).updateWhere(where, { queue: db.command.push([signupId]) })) === 1
}

/** Appends to the queue unless it is in it already (atomic addToSet). */
export async function addToQueue(db: Db, activityId: string, signupId: string): Promise<void> {
  await db
    .collection(COL.activities)
    .doc(activityId)
    .update({ data: { queue: db.command.addToSet(signupId) } })
}

/** Takes an entry out of the queue (atomic pull). */
export async function pullFromQueue(db: Db, activityId: string, signupId: string): Promise<void> {
  await db
    .collection(COL.activities)
    .doc(activityId)
    .update({ data: { queue: db.command.pull(signupId) } })
}

/**
 * Names a sign-up on the activity's `releasing` list (atomic addToSet) and, in the same write, stamps the name with the
 * release's round and the time by which the naming call is surely dead (`releasingMarks`, places.ts repairReleases).
 * A name already there (a call that died before cancelling her) is stamped afresh.
 */
export async function addReleasing(db: Db, activityId: string, signupId: string, mark: ReleasingMark): Promise<void> {
  await db
    .collection(COL.activities)
    .doc(activityId)
    .update({ data: { releasing: db.command.addToSet(signupId), [`releasingMarks.${signupId}`]: mark } })
}

/**
 * Takes a finished release's name off the `releasing` list (and its mark) and, in the same write, its heir (if any) out
 * of the queue — only while the name is still this release's: `round` is the round its mark was read with (a later
 * round of the same sign-up, named meanwhile, is left alone), null when the name was read without a mark (named
 * before marks existed: then only while no mark appeared since). True when this call took it off.
 */
export async function pullReleasing(
  db: Db,
  activityId: string,
  signupId: string,
  round: number | null,
  heir?: string,
): Promise<boolean> {
  const _ = db.command
  const mark = `releasingMarks.${signupId}`
  const where =
    round === null
      ? { _id: activityId, releasing: signupId, [mark]: _.exists(false) }
      : { _id: activityId, releasing: signupId, [`${mark}.round`]: round }
  const patch: Record<string, unknown> = { releasing: _.pull(signupId), [mark]: _.remove() }
  if (heir) patch.queue = _.pull(heir)
  return (await activitiesOf(db).updateWhere(where, patch)) === 1
}

/**
 * Takes the name of a cancellation that never happened off the `releasing` list: only while its mark is still past
 * `now` (the call that wrote it is surely dead, and nobody named her afresh since). True when this call took it off.
 */
export async function pullDeadReleasing(db: Db, activityId: string, signupId: string, now: Date): Promise<boolean> {
  const _ = db.command
  const mark = `releasingMarks.${signupId}`
  const n = await activitiesOf(db).updateWhere(
    { _id: activityId, releasing: signupId, [`${mark}.until`]: _.lt(now) },
    { releasing: _.pull(signupId), [mark]: _.remove() },
  )
  return n === 1
}

/** Stamps a name written before marks existed, once (only while it has none): from now on it can age out. */
export async function stampReleasing(db: Db, activityId: string, signupId: string, mark: ReleasingMark): Promise<void> {
  const _ = db.command
  const field = `releasingMarks.${signupId}`
  await activitiesOf(db).updateWhere(
    { _id: activityId, releasing: signupId, [field]: _.exists(false) },
    { [field]: mark },
  )
}

/**
 * Confirms a sign-up only while it is waiting: true when this call confirmed it. With `from` (the key of the release
 * whose place she gets), also only while that release was never decided for her — neither received (`receivedFrom`,
 * or `promotedFrom` as written before that list existed) nor passed over (`passedOver`) — and the release is added to
 * what she received, in the same write: one release's place is given to one waiting episode of one member, once.
 * Platform: on an array field, a value matches when an element equals it ("如果想找出数组字段中数组值包含某个值的记录,那可以在
 * 匹配数组字段时传入想要匹配的值", the 云开发 database query guide), and `neq` is "和 eq 相反" (developers.weixin.qq.com/
 * minigame/dev/wxcloud/reference-sdk-api/database/command/Command.neq.md): `receivedFrom: _.neq(key)` holds while
 * the key is not in the list, or the list is absent (as `released: _.neq(key)` in givePlaceBackOnce).
 */
export async function confirmIfWaiting(
  db: Db,
  signupId: string,
  from: string | null,
  now: Date,
  /** The claim whose place she gets (places.ts claimPlace), recorded in the same write. */
  claim?: string,
): Promise<boolean> {
  const _ = db.command
  const patch: Record<string, unknown> = { status: 'confirmed', promotedAt: now, updatedAt: now, promotedFrom: from }
  if (claim) patch.claimTokens = _.push([claim])
  const where: Record<string, unknown> = { _id: signupId, status: 'waitlisted' }
  if (from !== null) {
    Object.assign(where, { receivedFrom: _.neq(from), passedOver: _.neq(from), promotedFrom: _.neq(from) })
    patch.receivedFrom = _.push([from])
  }
  return (await signupsOf(db).updateWhere(where, patch)) === 1
}

/**
 * Records that a release's named heir was passed over (she had stopped waiting), only while she has not received it:
 * after this she can never receive it (confirmIfWaiting), so its heir may be renamed. True when this call recorded it.
 */
export async function passOver(db: Db, signupId: string, key: string): Promise<boolean> {
  const _ = db.command
  const n = await signupsOf(db).updateWhere(
    { _id: signupId, receivedFrom: _.neq(key), passedOver: _.neq(key), promotedFrom: _.neq(key) },
    { passedOver: _.push([key]) },
  )
  return n === 1
}

/** Renames a release's heir only while it still names `heir`: true when this call renamed it. */
export async function renameHeir(db: Db, signupId: string, heir: string, next: string | null): Promise<boolean> {
  return (await signupsOf(db).updateWhere({ _id: signupId, heir }, { heir: next })) === 1
}

/** Cancels a sign-up released the older way, only while it is still `releasing`. */
export async function cancelReleasing(db: Db, signupId: string, now: Date): Promise<void> {
  await signupsOf(db).updateWhere({ _id: signupId, status: 'releasing' }, { status: 'cancelled', updatedAt: now })
}

/** The id of the sign-up promoted into the place of release `key`, if any. */
export async function promotedFromKey(db: Db, activityId: string, key: string): Promise<string | null> {
  const found = await signupsOf(db).findOne({ activityId, promotedFrom: key }, { fields: { _id: true } })
  return found?._id ?? null
}

/**
 * The sign-ups a repair must look at (at most 100): those still `releasing` (the older way), and those of `named` (the
 * activity's `releasing` list) whatever their status — places.ts repairReleases tells from each one's round whether its
 * cancellation landed.
 */
export function namedOrReleasing(db: Db, activityId: string, named: readonly string[]): Promise<SignupDoc[]> {
  const _ = db.command
  return signupsOf(db).find(
    _.or([{ activityId, status: 'releasing' }, ...(named.length ? [{ _id: _.in(named.slice(0, 100)) }] : [])]),
    { limit: 100 },
  )
}

/** Records an on-site check-in on a confirmed sign-up without one: true when this call recorded it. */
export async function recordCheckIn(db: Db, signupId: string, now: Date): Promise<boolean> {
  const n = await signupsOf(db).updateWhere(
    { _id: signupId, status: 'confirmed', checkInAt: null },
    { checkInAt: now, updatedAt: now },
  )
  return n === 1
}

/** Records a check-out (with volunteer hours) on a sign-up without one: true when this call recorded it. */
export async function recordCheckOut(db: Db, signupId: string, hours: number | null, now: Date): Promise<boolean> {
  const n = await signupsOf(db).updateWhere(
    { _id: signupId, checkOutAt: null },
    { checkOutAt: now, hours, updatedAt: now },
  )
  return n === 1
}

/** How many confirmed sign-ups of an activity have checked in (`checkInAt`) or out (`checkOutAt`). */
export function countOnSite(db: Db, activityId: string, field: 'checkInAt' | 'checkOutAt'): Promise<number> {
  return signupsOf(db).count({ activityId, status: 'confirmed', [field]: db.command.neq(null) })
}

/** A member's volunteer hours of a period, newest first (at most 500): one aggregation. */
export async function volunteerLines(
  db: Db,
  memberId: string,
  from: Date,
  to: Date,
): Promise<Array<Pick<SignupDoc, '_id' | 'activityId' | 'activityTitle' | 'activityStartAt' | 'hours'>>> {
  const _ = db.command
  const res = await signupsOf(db)
    .aggregate()
    .match({
      memberId,
      kind: 'volunteer',
      status: 'confirmed',
      hours: _.gt(0),
      activityStartAt: _.gte(from).and(_.lt(to)),
    })
    .sort({ activityStartAt: -1 })
    .project({ activityId: 1, activityTitle: 1, activityStartAt: 1, hours: 1 })
    .limit(500)
    .end()
  return res.list as Array<Pick<SignupDoc, '_id' | 'activityId' | 'activityTitle' | 'activityStartAt' | 'hours'>>
}

/** Waiting sign-ups per activity, for activities saved before the queue existed: one aggregation. */
export async function legacyWaitingCounts(db: Db, activityIds: string[]): Promise<Map<string, number>> {
  const _ = db.command
  const res = await signupsOf(db)
    .aggregate()
    .match({ activityId: _.in(activityIds), status: 'waitlisted' })
    .group({ _id: '$activityId', n: _.aggregate.sum(1) })
    .limit(1000)
    .end()
  return new Map(res.list.map((r) => [r._id as string, r.n as number]))
}

/** Every sign-up of an activity in the order they came (time, then id), 1000 per aggregate page: an export's rows. */
export function signupsInOrder(db: Db, activityId: string): Promise<SignupDoc[]> {
  return aggregateAll<SignupDoc>(() => signupsOf(db).aggregate().match({ activityId }).sort({ createdAt: 1, _id: 1 }))
}

/** Members' phone numbers by id (the confirmed of one activity: bounded by its capacity). */
export function phonesOf(db: Db, memberIds: readonly string[]): Promise<Map<string, Pick<MemberDoc, '_id' | 'phone'>>> {
  return typedCollection<MemberDoc>(db, COL.members).getMany(memberIds)
}
