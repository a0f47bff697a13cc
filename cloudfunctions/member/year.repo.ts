// Typed reads of a member's (or a branch's) year: every figure is one aggregation grouped by member, so the number of
// database calls is the same for a week or a year of records, for one member or a branch of two thousand (issue 11).
// member/year.ts turns these rows into figures; nothing here decides what counts.
import type { Db, MemberDoc } from '../_shared/context'
import type { Aggregate, Doc } from '../_shared/db-types'
import { signupsOf } from '../activity/activity.repo'
import type { MeetingDoc } from '../meeting/docs'
import { attendanceOf, makeupsOf, meetingsOf } from '../meeting/meeting.repo'
import type { MakeupDoc } from '../meeting/makeup'
import type { QuizDoc } from '../quiz/docs'
import { attemptsOf, quizzesOf } from '../quiz/quiz.repo'
import type { ArticleDoc } from '../study/docs'
import { articlesOf, readsOf } from '../study/study.repo'
import { membersOf } from './member.repo'

/**
 * Every row of a grouping in ONE request, whatever the roster: a last group folds the rows into a single result
 * document, so a branch of two thousand costs what a member does (its bytes grow, not its round trips; the 1000-row
 * cap applies to documents, and one document holds a branch's rows well within the 16 MB document limit). The one
 * place this file's aggregation rows get their type: each caller names the shape its pipeline ends with.
 */
async function all<T>(pipeline: Aggregate): Promise<T[]> {
  const res = await pipeline
    .group({ _id: null, rows: { $push: '$$ROOT' } })
    .limit(1)
    .end()
  return ((res.list[0] as { rows?: T[] } | undefined)?.rows ?? []) as T[]
}

/** A count per member, and per a second key (an attendance status, a 补学 kind, a test, an activity kind). */
interface ByMember<K extends string, V extends string = string> {
  _id: { m: string } & Record<K, V>
  n: number
}

/**
 * Meetings still signing in (scheduled, started since `since`): their window decides whether they count yet
 * (meeting/docs.ts isOver). Projected to what that rule reads (start, window, status); the rest is absent. One read.
 */
export function scheduledSince(db: Db, where: Doc, since: Date, to: Date): Promise<MeetingDoc[]> {
  const _ = db.command
  return meetingsOf(db).find(
    { ...where, status: 'scheduled', startAt: _.gte(since).and(_.lte(to)) },
    { fields: { startAt: true, window: true, status: true } },
  )
}

/** Required articles due to this audience (`match`), each with its deadline. One aggregation. */
export function requiredArticles(db: Db, match: Doc): Promise<Array<Pick<ArticleDoc, '_id' | 'deadline'>>> {
  return all(articlesOf(db).aggregate().match(match).project({ deadline: 1 }))
}

export type YearQuiz = Pick<QuizDoc, '_id' | 'title' | 'closeAt' | 'maxScore' | 'passMark'>

/** Tests opened to this audience (`match`), newest first. One aggregation. */
export function quizzesDue(db: Db, match: Doc): Promise<YearQuiz[]> {
  return all(
    quizzesOf(db)
      .aggregate()
      .match(match)
      .sort({ openAt: -1 })
      .project({ title: 1, closeAt: 1, maxScore: 1, passMark: 1 }),
  )
}

/**
 * How many of the meetings matching `match` each member in `memberKey` was expected at. One member's year counts only
 * her own expectation: without the second match, a meeting of a 2,000-member branch unwinds into 2,000 groups and the
 * page count grows with the roster. One aggregation.
 */
export function expectedByMember(db: Db, match: Doc, memberKey: unknown): Promise<Array<{ _id: string; n: number }>> {
  const $ = db.command.aggregate
  return all(
    meetingsOf(db)
      .aggregate()
      .match(match)
      .project({ expectedIds: 1 })
      .unwind('$expectedIds')
      .match({ expectedIds: memberKey })
      .group({ _id: '$expectedIds', n: $.sum(1) }),
  )
}

/** Attendance records per member and status, with how many were extra (not on the list). One aggregation. */
export function recordsByMember(db: Db, match: Doc): Promise<Array<ByMember<'status'> & { extra: number }>> {
  const $ = db.command.aggregate
  return all(
    attendanceOf(db)
      .aggregate()
      .match(match)
      .group({
        _id: { m: '$memberId', status: '$status' },
        n: $.sum(1),
        extra: $.sum($.cond({ if: '$extra', then: 1, else: 0 })),
      }),
  )
}

/** 补学 per member and kind (made up for an absence or a leave). One aggregation. */
export function makeupsByMember(db: Db, match: Doc): Promise<Array<ByMember<'kind', MakeupDoc['kind']>>> {
  const $ = db.command.aggregate
  return all(
    makeupsOf(db)
      .aggregate()
      .match(match)
      .group({ _id: { m: '$memberId', kind: '$kind' }, n: $.sum(1) }),
  )
}

/** Read receipts grouped by member: how many and the seconds spent. One aggregation (none when nothing matches). */
export async function readsByMember(
  db: Db,
  match: Doc,
  any: boolean,
): Promise<Map<string, { count: number; seconds: number }>> {
  if (!any) return new Map()
  const $ = db.command.aggregate
  const rows = await all<{ _id: string; count: number; seconds: number }>(
    readsOf(db)
      .aggregate()
      .match(match)
      .group({ _id: '$memberId', count: $.sum(1), seconds: $.sum('$secondsSpent') }),
  )
  return new Map(rows.map((r) => [r._id, { count: r.count, seconds: r.seconds }]))
}

/** Each member's best submitted score per test and whether any attempt passed (1) or none (0). One aggregation. */
export function bestAttempts(
  db: Db,
  match: Doc,
): Promise<Array<{ _id: { m: string; q: string }; best: number; passed: 0 | 1 }>> {
  const $ = db.command.aggregate
  return all(
    attemptsOf(db)
      .aggregate()
      .match(match)
      .group({
        _id: { m: '$memberId', q: '$quizId' },
        best: $.max('$score'),
        passed: $.max($.cond({ if: '$passed', then: 1, else: 0 })),
      }),
  )
}

/** Confirmed sign-ups per member and activity kind, with the hours served. One aggregation. */
export function signupsByMember(db: Db, match: Doc): Promise<Array<ByMember<'kind'> & { hours: number | null }>> {
  const $ = db.command.aggregate
  return all(
    signupsOf(db)
      .aggregate()
      .match(match)
      .group({
        _id: { m: '$memberId', kind: '$kind' },
        n: $.sum(1),
        hours: $.sum('$hours'),
      }),
  )
}

/** A branch's active members, ids and names, in one aggregation (get() would page 100 at a time). */
export function activeNames(db: Db, branchId: string): Promise<Array<Pick<MemberDoc, '_id' | 'name'>>> {
  return all(membersOf(db).aggregate().match({ branchId, status: 'active' }).project({ name: 1 }))
}
