import type { TodayCard } from '../../src/contract/member.contract'
import { windowState } from '../../src/domain/attendance.rules'
import type { MemberHandler } from '../_shared/handlers'
import { attendanceOf, leavesOf, meetingsOf } from '../meeting/meeting.repo'
import { attemptsOf, quizzesOf } from '../quiz/quiz.repo'
import { articlesOf, readsOf } from '../study/study.repo'

const MIN = 60_000
/** The widest sign-in window a meeting may set (meeting contract: opens up to 240 min before, closes up to 600 after). */
const OPENS_MAX = 240 * MIN
const CLOSES_MAX = 600 * MIN
/** Required reading shows on 首页 from a week before its deadline (and stays while overdue and unread). */
const READING_AHEAD = 7 * 24 * 3600_000

const iso = (d: Date | string) => new Date(d).toISOString()

/**
 * What wants the member's attention now, for 首页 (issue 13, defect 7): a meeting she can sign in to, tests open to
 * her with attempts left, required items due within a week and unread, her leave requests still pending. Each kind is
 * one query bounded by its own limit, plus one read of her own records for it: the cost is the same for any roster.
 */
export const today: MemberHandler<'today'> = async (_input, ctx) => {
  const _ = ctx.db.command
  const me = ctx.caller.member
  const now = ctx.clock.now()
  const t = now.getTime()
  const audience = _.or([{ audienceBranchIds: _.size(0) }, { audienceBranchIds: me.branchId }])

  const [meetings, leaves, quizzes, articles] = await Promise.all([
    meetingsOf(ctx.db)
      .find(
        {
          expectedIds: me._id,
          status: 'scheduled',
          startAt: _.and(_.gte(new Date(t - CLOSES_MAX)), _.lte(new Date(t + OPENS_MAX))),
        },
        { orderBy: [['startAt', 'asc']], limit: 20 },
      )
      .then((found) => found.filter((m) => windowState(new Date(m.startAt), m.window, now) === 'open')),
    leavesOf(ctx.db).find(
      { memberId: me._id, status: 'pending', cancelled: false, meetingStartAt: _.gte(now) },
      { orderBy: [['meetingStartAt', 'asc']], limit: 5 },
    ),
    quizzesOf(ctx.db).find(_.and([{ status: 'published', openAt: _.lte(now), closeAt: _.gte(now) }, audience]), {
      orderBy: [['closeAt', 'asc']],
      limit: 10,
    }),
    articlesOf(ctx.db).find(
      _.and([
        { status: 'published', required: true, publishAt: _.lte(now), deadline: _.lte(new Date(t + READING_AHEAD)) },
        audience,
      ]),
      { orderBy: [['deadline', 'asc']], limit: 10 },
    ),
  ])

  // Her own records for what was found: sign-ins, attempts, read receipts (one request each, by id or by her id).
  const [signed, attempts, reads] = await Promise.all([
    meetings.length ? attendanceOf(ctx.db).getMany(meetings.map((m) => `${m._id}_${me._id}`)) : new Map(),
    quizzes.length
      ? attemptsOf(ctx.db).find(
          { memberId: me._id, quizId: _.in(quizzes.map((q) => q._id)) },
          { fields: { quizId: true, status: true, deadline: true } },
        )
      : [],
    articles.length ? readsOf(ctx.db).getMany(articles.map((a) => `${a._id}_${me._id}`)) : new Map(),
  ])

  const cards: TodayCard[] = []
  for (const m of meetings)
    if (!signed.has(`${m._id}_${me._id}`)) cards.push({ kind: 'signIn', id: m._id, title: m.title, at: iso(m.startAt) })
  for (const q of quizzes) {
    const mine = attempts.filter((a) => a.quizId === q._id)
    const submitted = mine.filter((a) => a.status === 'submitted').length
    const live = mine.some((a) => a.status === 'in_progress' && new Date(a.deadline).getTime() >= t)
    if (live || submitted < q.attemptsAllowed)
      cards.push({ kind: 'test', id: q._id, title: q.title, at: iso(q.closeAt) })
  }
  for (const a of articles)
    if (a.deadline && !reads.has(`${a._id}_${me._id}`))
      cards.push({ kind: 'reading', id: a._id, title: a.title, at: iso(a.deadline) })
  for (const l of leaves)
    cards.push({ kind: 'leave', id: l.meetingId, title: l.meetingTitle, at: iso(l.meetingStartAt) })
  return { cards }
}
