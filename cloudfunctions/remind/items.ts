import type { ReminderItemKind } from '../../src/domain/reminder.rules'
import { formatDateTime } from '../../src/domain/time'
import type { Ctx, Db } from '../_shared/context'
import type { RecipientWalk } from '../_shared/reminder-job'
import { activitiesOf } from '../activity/activity.repo'
import type { ActivityDoc } from '../activity/docs'
import type { MeetingDoc } from '../meeting/docs'
import { meetingsOf } from '../meeting/meeting.repo'
import type { QuizDoc } from '../quiz/docs'
import { quizzesOf } from '../quiz/quiz.repo'
import type { ArticleDoc } from '../study/docs'
import { articlesOf } from '../study/study.repo'
import {
  activeMemberIds,
  activeMembersAfter,
  confirmedAfter,
  doneAmong,
  everyoneDone,
  meetingResponders,
  respondedAmong,
} from './remind.repo'

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
  const now = ctx.clock.now()
  const mark = (list: string[], done: Set<string>) => list.map((memberId) => ({ memberId, due: !done.has(memberId) }))
  if (job.kind === 'activity') {
    const a = await activitiesOf(db).get(job.itemId)
    if (!a || a.status !== 'published' || new Date(a.startAt) <= now) return []
    // A later sweep (job.since) walks only places confirmed since the previous sweep began: a promotion from the
    // waitlist or an approval stamps the sign-up's updatedAt.
    const since = job.since ? new Date(job.since) : null
    return mark(await confirmedAfter(db, job.itemId, after, since, limit), new Set())
  }
  if (job.kind === 'meeting') {
    const m = await meetingsOf(db).get(job.itemId)
    if (!m || m.status !== 'scheduled') return []
    const next = [...(m.expectedIds ?? [])]
      .sort()
      .filter((id) => id > after)
      .slice(0, limit)
    if (!next.length) return []
    return mark(next, await respondedAmong(db, m._id, next, limit))
  }
  if (job.kind === 'quiz') {
    const q = await quizzesOf(db).get(job.itemId)
    if (!q || q.status !== 'published' || new Date(q.closeAt) <= now) return []
  } else {
    const a = await articlesOf(db).get(job.itemId)
    if (!a || a.status !== 'published' || !a.required) return []
  }
  const members = await activeMembersAfter(db, job.branchIds, after, limit)
  if (!members.length) return []
  return mark(members, await doneAmong(db, job.kind, job.itemId, members))
}

/**
 * Who has not done it: a meeting's expected members with no attendance record and no leave asked for (pending or
 * approved); a test's audience members with no submitted attempt; a required article's audience members with no read
 * receipt. Aggregations read 1000 rows per request, so a
 * branch of two thousand costs a few requests more, never one per member.
 */
export async function notDone(db: Db, item: Item, meeting?: MeetingDoc, onlyBranch?: string): Promise<string[]> {
  if (item.kind === 'meeting') {
    const done = await meetingResponders(db, item.id)
    return (meeting?.expectedIds ?? []).filter((id) => !done.has(id))
  }
  const branches = onlyBranch ? [onlyBranch] : item.branchIds
  const [members, done] = await Promise.all([activeMemberIds(db, branches), everyoneDone(db, item.kind, item.id)])
  return members.filter((id) => !done.has(id))
}

export type AnyCtx = Omit<Ctx, 'caller'>
