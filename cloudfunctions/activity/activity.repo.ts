// Typed reads and writes of the activity area (activities, sign-ups): handlers call these, never ctx.db.collection.
// Each function says what it costs, because every database call is a round trip (issue 11).
import { COL } from '../_shared/collections'
import { isDuplicateKey } from '../_shared/duplicate-key'
import type { Db } from '../_shared/context'
import type { Aggregate, Doc } from '../_shared/db-types'
import { joinedPage } from '../_shared/joined-page'
import { PAGE_SIZE } from '../_shared/paging'
import { typedCollection } from '../_shared/repo'
import type { SubscriptionDoc } from '../_shared/subscriptions'
import type { ActivityDoc, SignupDoc } from './docs'

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
