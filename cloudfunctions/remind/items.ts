import type { ReminderItemKind } from '../../src/domain/reminder.rules'
import { formatDateTime } from '../../src/domain/time'
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import type { Ctx, Db } from '../_shared/context'
import { getDoc } from '../_shared/docs'
import type { RecipientWalk } from '../_shared/reminder-job'
import type { ActivityDoc } from '../activity/docs'
import type { MeetingDoc } from '../meeting/docs'
import type { QuizDoc } from '../quiz/docs'
import type { ArticleDoc } from '../study/docs'

/** What a reminder is about: its title, when, the page it opens and who has not done it yet. */
export interface Item {
  kind: ReminderItemKind
  id: string
  title: string
  page: string
  values: { item: string; time: string; note: string }
  /** Branches whose members it concerns ([] = everyone), for scope. */
  branchIds: string[]
}

export function meetingItem(m: MeetingDoc): Item {
  return {
    kind: 'meeting',
    id: m._id,
    title: m.title,
    page: `packages/meeting/pages/detail/index?id=${m._id}`,
    values: { item: m.title, time: formatDateTime(m.startAt), note: '请准时参加并扫码签到' },
    branchIds: [m.branchId],
  }
}

export function quizItem(q: QuizDoc): Item {
  return {
    kind: 'quiz',
    id: q._id,
    title: q.title,
    page: 'packages/quiz/pages/index',
    values: { item: q.title, time: formatDateTime(q.closeAt), note: '测试即将截止，请尽快参加' },
    branchIds: q.audienceBranchIds,
  }
}

export function studyItem(a: ArticleDoc): Item {
  return {
    kind: 'study',
    id: a._id,
    title: a.title,
    page: `packages/study/pages/article/index?id=${a._id}`,
    values: {
      item: a.title,
      time: a.deadline ? formatDateTime(a.deadline) : '尽快',
      note: '必读学习资料，请在期限前读完',
    },
    branchIds: a.audienceBranchIds,
  }
}

export function activityItem(a: ActivityDoc): Item {
  return {
    kind: 'activity',
    id: a._id,
    title: a.title,
    page: `packages/activity/pages/detail/index?id=${a._id}`,
    values: { item: a.title, time: formatDateTime(a.startAt), note: `请准时到${a.place}参加` },
    branchIds: a.audienceBranchIds,
  }
}

/**
 * Who a reminder job reaches, decided batch by batch as it sends (_shared/reminder-job.ts): the next members after
 * `after` in member-id order, each still due or not NOW — a meeting's expected members without an attendance record
 * or a leave asked for; a test's audience without a handed-in attempt; a required article's audience without a read
 * receipt; an activity's confirmed places. An item gone meanwhile (meeting cancelled or closed, test closed or
 * withdrawn, article withdrawn, activity cancelled or started) ends the walk. A batch costs the item's read, one
 * candidates query and at most two "done" queries over those ids: the same at any roster size.
 */
export const walkRecipients: RecipientWalk = async (ctx, job, after, limit) => {
  const db = ctx.db
  const _ = db.command
  const now = ctx.clock.now()
  const ids = (rows: unknown[], key: string) => rows.map((r) => (r as Record<string, string>)[key])
  const mark = (list: string[], done: Set<string>) => list.map((memberId) => ({ memberId, due: !done.has(memberId) }))
  if (job.kind === 'activity') {
    const a = await getDoc<ActivityDoc>(db, COL.activities, job.itemId)
    if (!a || a.status !== 'published' || new Date(a.startAt) <= now) return []
    // A later sweep (job.since) walks only places confirmed since the previous sweep began: a promotion from the
    // waitlist or an approval stamps the sign-up's updatedAt.
    const since = job.since ? { updatedAt: _.gte(new Date(job.since)) } : {}
    const confirmed = await db
      .collection(COL.signups)
      .where({ activityId: job.itemId, status: 'confirmed', memberId: _.gt(after), ...since })
      .orderBy('memberId', 'asc')
      .field({ memberId: true })
      .limit(limit)
      .get()
    return mark(ids(confirmed.data, 'memberId'), new Set())
  }
  if (job.kind === 'meeting') {
    const m = await getDoc<MeetingDoc>(db, COL.meetings, job.itemId)
    if (!m || m.status !== 'scheduled') return []
    const next = [...(m.expectedIds ?? [])]
      .sort()
      .filter((id) => id > after)
      .slice(0, limit)
    if (!next.length) return []
    const [records, leaves] = await Promise.all([
      db
        .collection(COL.attendance)
        .where({ meetingId: m._id, memberId: _.in(next) })
        .field({ memberId: true })
        .limit(limit)
        .get(),
      db
        .collection(COL.leaves)
        .where({ meetingId: m._id, memberId: _.in(next), status: _.in(['pending', 'approved']), cancelled: false })
        .field({ memberId: true })
        .limit(limit)
        .get(),
    ])
    return mark(next, new Set([...ids(records.data, 'memberId'), ...ids(leaves.data, 'memberId')]))
  }
  if (job.kind === 'quiz') {
    const q = await getDoc<QuizDoc>(db, COL.quizzes, job.itemId)
    if (!q || q.status !== 'published' || new Date(q.closeAt) <= now) return []
  } else {
    const a = await getDoc<ArticleDoc>(db, COL.articles, job.itemId)
    if (!a || a.status !== 'published' || !a.required) return []
  }
  const members = ids(
    (
      await db
        .collection(COL.members)
        .where({
          status: 'active',
          _id: _.gt(after),
          ...(job.branchIds.length ? { branchId: _.in(job.branchIds) } : {}),
        })
        .orderBy('_id', 'asc')
        .field({ _id: true })
        .limit(limit)
        .get()
    ).data,
    '_id',
  )
  if (!members.length) return []
  const done =
    job.kind === 'quiz'
      ? db
          .collection(COL.attempts)
          .where({ quizId: job.itemId, memberId: _.in(members), status: 'submitted' })
          .field({ memberId: true })
          .limit(1000)
          .get()
      : db
          .collection(COL.reads)
          .where({ articleId: job.itemId, memberId: _.in(members) })
          .field({ memberId: true })
          .limit(1000)
          .get()
  return mark(members, new Set(ids((await done).data, 'memberId')))
}

/**
 * Who has not done it: a meeting's expected members with no attendance record and no leave asked for (pending or
 * approved); a test's audience members with no submitted attempt; a required article's audience members with no read
 * receipt. Aggregations read 1000 rows per request, so a
 * branch of two thousand costs a few requests more, never one per member.
 */
export async function notDone(db: Db, item: Item, meeting?: MeetingDoc, onlyBranch?: string): Promise<string[]> {
  const _ = db.command
  const $ = _.aggregate
  if (item.kind === 'meeting') {
    const [records, leaves] = await Promise.all([
      aggregateAll<{ _id: string }>(() =>
        db
          .collection(COL.attendance)
          .aggregate()
          .match({ meetingId: item.id })
          .project({ memberId: 1 })
          .sort({ _id: 1 }),
      ),
      aggregateAll<{ _id: string }>(() =>
        db
          .collection(COL.leaves)
          .aggregate()
          .match({ meetingId: item.id, status: _.in(['pending', 'approved']), cancelled: false })
          .project({ memberId: 1 })
          .sort({ _id: 1 }),
      ),
    ])
    const done = new Set([...records, ...leaves].map((r) => (r as unknown as { memberId: string }).memberId))
    return (meeting?.expectedIds ?? []).filter((id) => !done.has(id))
  }
  const branches = onlyBranch ? [onlyBranch] : item.branchIds
  const [members, taken] = await Promise.all([
    aggregateAll<{ _id: string }>(() =>
      db
        .collection(COL.members)
        .aggregate()
        .match(branches.length ? { status: 'active', branchId: _.in(branches) } : { status: 'active' })
        .project({ _id: 1 })
        .sort({ _id: 1 }),
    ),
    item.kind === 'study'
      ? aggregateAll<{ _id: string }>(() =>
          db
            .collection(COL.reads)
            .aggregate()
            .match({ articleId: item.id })
            .group({ _id: '$memberId', n: $.sum(1) })
            .sort({ _id: 1 }),
        )
      : aggregateAll<{ _id: string }>(() =>
          db
            .collection(COL.attempts)
            .aggregate()
            .match({ quizId: item.id, status: 'submitted' })
            .group({ _id: '$memberId', n: $.sum(1) })
            .sort({ _id: 1 }),
        ),
  ])
  const done = new Set(taken.map((t) => t._id))
  return members.map((m) => m._id).filter((id) => !done.has(id))
}

export type AnyCtx = Omit<Ctx, 'caller'>
