import { aggregateAll } from '../_shared/aggregate-all'
import { LIVE_NAMES_PAGE, type BranchProgress, type QuizOutputs } from '../../src/contract/quiz.contract'
import { formatRate } from '../../src/domain/attendance.rules'
import { QUESTION_TYPE_LABELS } from '../../src/domain/question.types'
import { formatDate } from '../../src/domain/time'
import { COL } from '../_shared/collections'
import { saveWorkbook } from '../_shared/exports'
import type { Ctx, MemberCaller } from '../_shared/context'
import { fail } from '../_shared/errors'
import { activeMembersOf } from '../_shared/members'
import { assertCovers, orgsOf } from '../_shared/orgs'
import { inAudience, toQuizView, type QuestionDoc, type QuizDoc } from './docs'
import { loadQuiz } from './quizzes'
import { attemptsOf, audienceOf } from './quiz.repo'
import { newWorkbook } from '../_shared/workbook'
import type { QuizHandler } from '../_shared/handlers'

type LiveInput = { quizId: string; branchId?: string }

/** Which branches the caller sees for this quiz, and which one's names. A branch admin sees only their own. */
async function viewScope(ctx: Ctx<MemberCaller>, quiz: QuizDoc, input: LiveInput) {
  const me = ctx.caller.member
  const orgs = await orgsOf(ctx)
  const all = [...orgs.values()]
    .filter((o) => o.type === 'branch' && inAudience(quiz, o._id))
    .sort((a, b) => a.ancestors.length - b.ancestors.length || a.sort - b.sort)
  if (me.role === 'org_admin') {
    if (input.branchId) assertCovers(ctx.caller, orgs, input.branchId)
    return { orgs, branches: all, named: input.branchId ?? null }
  }
  // The committee's drafts are the committee's: a branch admin hears about one what they hear about no test at all.
  // So does a test their branch does not take part in.
  if (quiz.status !== 'published' || !inAudience(quiz, me.branchId)) fail('NOT_FOUND', '没有找到该测试')
  if (input.branchId && input.branchId !== me.branchId) fail('OUT_OF_SCOPE')
  return { orgs, branches: all.filter((b) => b._id === me.branchId), named: me.branchId }
}

interface MemberScore {
  _id: string
  branchId: string
  name: string
  counted: number
  attempts: number
  hides: number
}

/**
 * Each member's counted score (highest or latest attempt), for the given branches: one aggregation per 1000 members
 * who have taken it (only a branch's list and the export name them).
 */
async function memberScores(ctx: Ctx, quiz: QuizDoc, branchIds: string[]): Promise<MemberScore[]> {
  const _ = ctx.db.command
  const $ = _.aggregate
  const list = await aggregateAll(() =>
    attemptsOf(ctx.db)
      .aggregate()
      .match({ quizId: quiz._id, status: 'submitted', branchId: _.in(branchIds) })
      .sort({ n: -1 })
      .group({
        _id: '$memberId',
        branchId: $.first('$branchId'),
        name: $.first('$memberName'),
        latest: $.first('$score'),
        best: $.max('$score'),
        attempts: $.sum(1),
        hides: $.sum('$hides'),
      })
      .sort({ _id: 1 }),
  )
  return list.map((r) => ({
    _id: r._id,
    branchId: r.branchId,
    name: r.name,
    counted: quiz.scoreRule === 'highest' ? r.best : r.latest,
    attempts: r.attempts,
    hides: r.hides,
  }))
}

interface BranchTally {
  taken: number
  sum: number
  passed: number
  /** Members with an attempt still in progress. */
  inProgress: number
}

/** A member of the named branch who has handed in, as the branch's 已考 list shows her. */
interface Taker {
  memberId: string
  name: string
  counted: number
  attempts: number
  hides: number
}

/**
 * Per branch: how many members have taken the test, the sum of their counted scores, how many passed and how many
 * are answering now — one aggregation (by member, then by branch) answering one row per branch however many members
 * took it. For the named branch its row also carries every member who has handed in (folded into that one row, as
 * member/year.ts folds a branch: its bytes grow with the branch, never its requests), for the 已考 page.
 */
async function branchTallies(
  ctx: Ctx,
  quiz: QuizDoc,
  branchIds: string[],
  named: string | null,
): Promise<{ tallies: Map<string, BranchTally>; takers: Taker[] }> {
  const _ = ctx.db.command
  const $ = _.aggregate
  const submitted = $.eq(['$status', 'submitted'])
  const done = $.gt(['$attempts', 0])
  const res = await attemptsOf(ctx.db)
    .aggregate()
    .match({ quizId: quiz._id, status: _.in(['submitted', 'in_progress']), branchId: _.in(branchIds) })
    // Handed-in attempts first ('submitted' sorts after 'in_progress'), newest first: $first is the latest graded one.
    .sort({ status: -1, n: -1 })
    .group({
      _id: '$memberId',
      branchId: $.first('$branchId'),
      name: $.first('$memberName'),
      latest: $.first('$score'),
      best: $.max($.cond({ if: submitted, then: '$score', else: -1 })),
      attempts: $.sum($.cond({ if: submitted, then: 1, else: 0 })),
      hides: $.sum($.cond({ if: submitted, then: '$hides', else: 0 })),
      answering: $.sum($.cond({ if: submitted, then: 0, else: 1 })),
    })
    .project({
      branchId: 1,
      name: 1,
      attempts: 1,
      hides: 1,
      answering: 1,
      counted: quiz.scoreRule === 'highest' ? '$best' : '$latest',
    })
    .group({
      _id: '$branchId',
      taken: $.sum($.cond({ if: done, then: 1, else: 0 })),
      sum: $.sum($.cond({ if: done, then: '$counted', else: 0 })),
      passed: $.sum($.cond({ if: $.and([done, $.gte(['$counted', quiz.passMark])]), then: 1, else: 0 })),
      inProgress: $.sum($.cond({ if: $.gt(['$answering', 0]), then: 1, else: 0 })),
      ...(named
        ? {
            takers: $.push(
              $.cond({
                if: $.and([done, $.eq(['$branchId', named])]),
                then: { memberId: '$_id', name: '$name', counted: '$counted', attempts: '$attempts', hides: '$hides' },
                else: null,
              }),
            ),
          }
        : {}),
    })
    .limit(1000)
    .end()
  const rows = res.list as Array<BranchTally & { _id: string; takers?: Array<Taker | null> }>
  return {
    tallies: new Map(rows.map(({ _id, taken, sum, passed, inProgress }) => [_id, { taken, sum, passed, inProgress }])),
    takers: rows.flatMap((r) => (r.takers ?? []).filter((x): x is Taker => !!x)),
  }
}

/**
 * Correct rate per question over submitted attempts, with each question's stem and type: one aggregation unwinding
 * the graded results and joining the questions (equality lookup on the grouped question id).
 */
async function questionRates(ctx: Ctx, quiz: QuizDoc, branchIds: string[]) {
  const _ = ctx.db.command
  const $ = _.aggregate
  const res = await attemptsOf(ctx.db)
    .aggregate()
    .match({ quizId: quiz._id, status: 'submitted', branchId: _.in(branchIds) })
    .project({ results: 1 })
    .unwind('$results')
    .group({
      _id: '$results.qid',
      answered: $.sum(1),
      correct: $.sum($.cond({ if: '$results.correct', then: 1, else: 0 })),
    })
    .limit(1000)
    .lookup({ from: COL.questions, localField: '_id', foreignField: '_id', as: 'q' })
    .project({ answered: 1, correct: 1, 'q.stem': 1, 'q.type': 1 })
    .end()
  const rows = res.list as Array<{
    _id: string
    answered: number
    correct: number
    q: Array<Pick<QuestionDoc, 'stem' | 'type'>>
  }>
  return rows
    .map((r) => ({
      questionId: r._id,
      stem: r.q[0]?.stem ?? '',
      type: r.q[0]?.type ?? ('single' as const),
      answered: r.answered,
      correctRate: r.answered ? r.correct / r.answered : null,
    }))
    .sort((a, b) => (a.correctRate ?? 2) - (b.correctRate ?? 2))
}

/**
 * Names in Chinese order. One collator for the whole sort: String.localeCompare(…, 'zh') builds one per comparison,
 * 45 ms for a branch of 2,000 here.
 */
const byName = new Intl.Collator('zh')
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** One page of a names list (LIVE_NAMES_PAGE names). */
function pageOf<T>(list: T[], page: number): T[] {
  return list.slice((page - 1) * LIVE_NAMES_PAGE, page * LIVE_NAMES_PAGE)
}

/**
 * Who has taken the test and who not, by branch, with averages, pass rates and question-level correct rates.
 * Six requests whatever the size of the branch (issue 11): caller, test, orgs, then the tallies (with the named
 * branch's takers), the audience (with the named branch's roster) and the question rates, sent together. The names
 * go back one page at a time.
 */
export const liveView: QuizHandler<'liveView'> = async (input, ctx) => {
  const quiz = await loadQuiz(ctx, input.quizId)
  const { branches, named } = await viewScope(ctx, quiz, input)
  const ids = branches.map((b) => b._id)
  const [{ tallies, takers }, { sizes, roster }, questions] = await Promise.all([
    branchTallies(ctx, quiz, ids, named),
    audienceOf(ctx.db, ids, named),
    questionRates(ctx, quiz, ids),
  ])
  const progress: BranchProgress[] = branches.map((b) => {
    const t = tallies.get(b._id) ?? { taken: 0, sum: 0, passed: 0 }
    const audience = sizes.get(b._id) ?? 0
    return {
      branchId: b._id,
      branchName: b.name,
      audience,
      taken: t.taken,
      notTaken: Math.max(0, audience - t.taken),
      average: t.taken ? Math.round((t.sum / t.taken) * 10) / 10 : null,
      passRate: t.taken ? t.passed / t.taken : null,
    }
  })
  let branch: QuizOutputs['liveView']['branch'] = null
  if (named) {
    const takenIds = new Set(takers.map((s) => s.memberId))
    const taken = takers
      .map((s) => ({
        memberId: s.memberId,
        name: s.name,
        score: s.counted,
        passed: s.counted >= quiz.passMark,
        attempts: s.attempts,
        hides: s.hides,
      }))
      .sort((a, b) => b.score - a.score || byName.compare(a.name, b.name) || byId(a.memberId, b.memberId))
    const notTaken = roster
      .filter((m) => !takenIds.has(m._id))
      .sort((a, b) => byName.compare(a.name, b.name) || byId(a._id, b._id))
      .map((m) => ({ memberId: m._id, name: m.name }))
    const pages = Math.max(1, Math.ceil(Math.max(taken.length, notTaken.length) / LIVE_NAMES_PAGE))
    const page = Math.min(input.page ?? 1, pages)
    branch = {
      branchId: named,
      taken: pageOf(taken, page),
      takenTotal: taken.length,
      notTaken: pageOf(notTaken, page),
      notTakenTotal: notTaken.length,
      inProgress: tallies.get(named)?.inProgress ?? 0,
      page,
      pageSize: LIVE_NAMES_PAGE,
    }
  }
  return { quiz: toQuizView(quiz), branches: progress, branch, questions }
}

/** Results to .xlsx: scores, who has not taken it, and question correct rates. */
export const exportResults: QuizHandler<'exportResults'> = async (input, ctx) => {
  const quiz = await loadQuiz(ctx, input.quizId)
  const { branches } = await viewScope(ctx, quiz, input)
  const wanted = input.branchId ? branches.filter((b) => b._id === input.branchId) : branches
  const ids = wanted.map((b) => b._id)
  const [scores, questions] = await Promise.all([memberScores(ctx, quiz, ids), questionRates(ctx, quiz, ids)])
  const wb = await newWorkbook()
  const names = new Map(wanted.map((b) => [b._id, b.name]))
  const s1 = wb.addWorksheet('成绩')
  s1.addRow(['支部', '姓名', '成绩', '是否及格', '作答次数', '切出次数'])
  for (const s of [...scores].sort(
    (a, b) => (names.get(a.branchId) ?? '').localeCompare(names.get(b.branchId) ?? '', 'zh') || b.counted - a.counted,
  )) {
    s1.addRow([
      names.get(s.branchId) ?? '',
      s.name,
      s.counted,
      s.counted >= quiz.passMark ? '及格' : '不及格',
      s.attempts,
      s.hides,
    ])
  }
  const s2 = wb.addWorksheet('未参加')
  s2.addRow(['支部', '姓名'])
  const taken = new Set(scores.map((s) => s._id))
  for (const b of wanted)
    for (const m of await activeMembersOf(ctx.db, { branchId: b._id }))
      if (!taken.has(m._id)) s2.addRow([b.name, m.name])
  const s3 = wb.addWorksheet('题目正确率')
  s3.addRow(['题型', '题干', '作答人次', '正确率'])
  for (const q of questions) s3.addRow([QUESTION_TYPE_LABELS[q.type], q.stem, q.answered, formatRate(q.correctRate)])
  for (const ws of [s1, s2, s3]) ws.getRow(1).font = { bold: true }
  return saveWorkbook(ctx, wb, `${quiz.title}-成绩-${formatDate(ctx.clock.now())}.xlsx`)
}
