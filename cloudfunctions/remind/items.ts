import type { ReminderKind } from '../../src/domain/reminder.rules'
import { formatDateTime } from '../../src/domain/time'
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import type { Ctx, Db } from '../_shared/context'
import type { MeetingDoc } from '../meeting/docs'
import type { QuizDoc } from '../quiz/docs'
import type { ArticleDoc } from '../study/docs'

/** What a reminder is about: its title, when, the page it opens and who has not done it yet. */
export interface Item {
  kind: ReminderKind
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
