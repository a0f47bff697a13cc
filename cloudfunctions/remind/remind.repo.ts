// Typed reads and writes of the reminder area: its own jobs, outcomes and 一键提醒 throttle, and what it asks of the
// items it reminds about (who has done a meeting, a test, a required article, who holds a place). Handlers call these,
// never ctx.db.collection (issue 11); the items' own collections are reached through their areas' repositories. Each
// function says what it costs, because every database call is a round trip.
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import type { ReminderDoc, ReminderJobDoc } from '../_shared/reminder-job'
import { typedCollection } from '../_shared/repo'
import { signupsOf } from '../activity/activity.repo'
import { attendanceOf, leavesOf, membersOf } from '../meeting/meeting.repo'
import { attemptsOf } from '../quiz/quiz.repo'
import { readsOf } from '../study/study.repo'

/** When 一键提醒 last went out for an item; `_id` = `${kind}_${itemId}`. */
export interface ThrottleDoc {
  _id: string
  lastAt: Date
}

export const reminderJobsOf = (db: Db) => typedCollection<ReminderJobDoc>(db, COL.reminderJobs)
export const remindersOf = (db: Db) => typedCollection<ReminderDoc>(db, COL.reminders)
export const throttlesOf = (db: Db) => typedCollection<ThrottleDoc>(db, COL.reminderThrottle)

const memberIds = (rows: Array<{ memberId: string }>) => rows.map((r) => r.memberId)

/**
 * Claims the item's 24-hour 一键提醒 slot: the conditional update of an old throttle, else the first one written under
 * its key. Not claimed when the key already holds a throttle within the day (another send, or two taps at once): the
 * answer then carries it, for the time of the next allowed send. Any other failure is passed on (a network error is
 * not "already reminded"). One request, two when the slot is new or taken.
 */
export async function claimThrottle(
  db: Db,
  id: string,
  since: Date,
  now: Date,
): Promise<{ claimed: true } | { claimed: false; last: ThrottleDoc }> {
  const _ = db.command
  if ((await throttlesOf(db).updateWhere({ _id: id, lastAt: _.lte(since) }, { lastAt: now })) === 1)
    return { claimed: true }
  const first = await throttlesOf(db).create({ _id: id, lastAt: now })
  return first.created ? { claimed: true } : { claimed: false, last: first.existing }
}

/** An item's last 20 jobs, newest first. One request. */
export function jobsOfItem(db: Db, kind: string, itemId: string): Promise<ReminderJobDoc[]> {
  return reminderJobsOf(db).find({ kind, itemId }, { orderBy: [['createdAt', 'desc']], limit: 20 })
}

/** How many reminders of these jobs are in each state, in one aggregation (none when there are no jobs). */
export async function outcomeCounts(
  db: Db,
  jobIds: readonly string[],
): Promise<Array<{ _id: { j: string; s: ReminderDoc['state'] }; n: number }>> {
  if (!jobIds.length) return []
  const _ = db.command
  const res = await remindersOf(db)
    .aggregate()
    .match({ jobId: _.in(jobIds) })
    .group({ _id: { j: '$jobId', s: '$state' }, n: _.aggregate.sum(1) })
    .limit(1000)
    .end()
  return res.list as Array<{ _id: { j: string; s: ReminderDoc['state'] }; n: number }>
}

/** Whether any place of the activity was confirmed (or re-stamped) at or after `from`. One request. */
export async function confirmedSince(db: Db, activityId: string, from: Date): Promise<boolean> {
  const _ = db.command
  const late = await signupsOf(db).findOne(
    { activityId, status: 'confirmed', updatedAt: _.gte(from) },
    { fields: { _id: true } },
  )
  return !!late
}

/** Reopens a finished job for a later sweep of places confirmed since `from`: false when it was not finished. */
export async function reopenJob(db: Db, jobId: string, from: Date): Promise<boolean> {
  const reopened = await reminderJobsOf(db).updateWhere(
    { _id: jobId, 'job.status': 'done' },
    {
      since: from,
      job: { status: 'queued', cursor: '', leaseUntil: new Date(0), runner: null, startedAt: null, finishedAt: null },
    },
  )
  return reopened === 1
}

/** The next confirmed places of an activity after member `after` (member-id order), optionally only recent ones. */
export async function confirmedAfter(
  db: Db,
  activityId: string,
  after: string,
  since: Date | null,
  limit: number,
): Promise<string[]> {
  const _ = db.command
  const rows = await signupsOf(db).find(
    { activityId, status: 'confirmed', memberId: _.gt(after), ...(since ? { updatedAt: _.gte(since) } : {}) },
    { orderBy: [['memberId', 'asc']], fields: { memberId: true }, limit },
  )
  return memberIds(rows)
}

/** Of these members, those with an attendance record or a leave asked for (pending or approved): two requests. */
export async function respondedAmong(db: Db, meetingId: string, ids: string[], limit: number): Promise<Set<string>> {
  const _ = db.command
  const [records, leaves] = await Promise.all([
    attendanceOf(db).find({ meetingId, memberId: _.in(ids) }, { fields: { memberId: true }, limit }),
    leavesOf(db).find(
      { meetingId, memberId: _.in(ids), status: _.in(['pending', 'approved']), cancelled: false },
      { fields: { memberId: true }, limit },
    ),
  ])
  return new Set([...memberIds(records), ...memberIds(leaves)])
}

/** The next active members after `after` (id order), of these branches ([] = all). One request. */
export async function activeMembersAfter(db: Db, branchIds: string[], after: string, limit: number): Promise<string[]> {
  const _ = db.command
  const rows = await membersOf(db).find(
    { status: 'active', _id: _.gt(after), ...(branchIds.length ? { branchId: _.in(branchIds) } : {}) },
    { orderBy: [['_id', 'asc']], fields: { _id: true }, limit },
  )
  return rows.map((m) => m._id)
}

/** Of these members, those who handed in the test (kind 'quiz') or read the article (else). One request. */
export async function doneAmong(db: Db, kind: string, itemId: string, ids: string[]): Promise<Set<string>> {
  const _ = db.command
  const rows =
    kind === 'quiz'
      ? await attemptsOf(db).find(
          { quizId: itemId, memberId: _.in(ids), status: 'submitted' },
          { fields: { memberId: true }, limit: 1000 },
        )
      : await readsOf(db).find({ articleId: itemId, memberId: _.in(ids) }, { fields: { memberId: true }, limit: 1000 })
  return new Set(memberIds(rows))
}

/** Everyone with an attendance record or a leave asked for at the meeting: one request per thousand of each. */
export async function meetingResponders(db: Db, meetingId: string): Promise<Set<string>> {
  const _ = db.command
  const [records, leaves] = await Promise.all([
    aggregateAll<{ memberId: string }>(() =>
      attendanceOf(db).aggregate().match({ meetingId }).project({ memberId: 1 }).sort({ _id: 1 }),
    ),
    aggregateAll<{ memberId: string }>(() =>
      leavesOf(db)
        .aggregate()
        .match({ meetingId, status: _.in(['pending', 'approved']), cancelled: false })
        .project({ memberId: 1 })
        .sort({ _id: 1 }),
    ),
  ])
  return new Set(memberIds([...records, ...leaves]))
}

/** The ids of active members of these branches ([] = all): one request per thousand. */
export async function activeMemberIds(db: Db, branchIds: string[]): Promise<string[]> {
  const _ = db.command
  const rows = await aggregateAll<{ _id: string }>(() =>
    membersOf(db)
      .aggregate()
      .match(branchIds.length ? { status: 'active', branchId: _.in(branchIds) } : { status: 'active' })
      .project({ _id: 1 })
      .sort({ _id: 1 }),
  )
  return rows.map((m) => m._id)
}

/** Everyone who read the article (kind 'study') or handed in the test (else): one request per thousand. */
export async function everyoneDone(db: Db, kind: string, itemId: string): Promise<Set<string>> {
  const $ = db.command.aggregate
  const rows = await aggregateAll<{ _id: string }>(() =>
    kind === 'study'
      ? readsOf(db)
          .aggregate()
          .match({ articleId: itemId })
          .group({ _id: '$memberId', n: $.sum(1) })
          .sort({ _id: 1 })
      : attemptsOf(db)
          .aggregate()
          .match({ quizId: itemId, status: 'submitted' })
          .group({ _id: '$memberId', n: $.sum(1) })
          .sort({ _id: 1 }),
  )
  return new Set(rows.map((r) => r._id))
}
