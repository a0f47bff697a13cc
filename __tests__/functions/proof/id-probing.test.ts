import { CONTRACT } from '../../../src/contract'
import type { Access } from '../../../src/contract/access'
import type { Schema } from '../../../src/contract/schema'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { importBank, publishedQuiz } from '../quiz/fixtures'
import { minimalInput } from './valid-inputs'

/**
 * Id probing, generated from the contract: for every action that takes an id of a meeting, leave, activity, sign-up,
 * test, attempt, article, vote, member or 出勤异议, a member and a branch admin of 办公室党支部 hand it first an id of 预算处党支部
 * (an object they may not see) and then an id that exists nowhere. The two answers must be the same code and the same
 * words, so nobody can tell which ids exist outside their scope by trying them.
 */

let t: TestCloud
/** Ids of objects of 预算处党支部 that no caller of 办公室党支部 may see, by input field. */
const hidden: Record<string, string> = {}
const callers: Record<string, string> = {}
const NOWHERE = 'x_probe_nowhere'

beforeAll(async () => {
  t = await startTestCloud()
  const [qian, li, wang, chen] = await Promise.all(['钱文静', '李秀英', '王志强', '陈建国'].map((n) => t.openidOf(n)))
  Object.assign(callers, { 'member of 办公室': qian, 'branch admin of 办公室': li })
  const now = t.cloud.clock.now().getTime()
  const at = (h: number) => new Date(now + h * 3600_000).toISOString()

  const { meeting } = await t.ok(wang, 'meeting.create', {
    branchId: 'org_budget',
    title: '预算处支部党员大会',
    type: 'branch_assembly',
    startAt: at(2),
    endAt: at(3),
    place: '会议室',
  })
  const { leave } = await t.ok(wang, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差在外，无法参会' })
  const { activity } = await t.ok(chen, 'activity.save', {
    title: '预算处支部志愿服务',
    kind: 'volunteer',
    subType: '社区服务',
    description: '走进社区开展助老服务。',
    place: '幸福里社区',
    startAt: at(48),
    endAt: at(51),
    signupOpenAt: at(-1),
    signupCloseAt: at(24),
    capacity: 5,
    waitlist: true,
    audienceBranchIds: ['org_budget'],
  })
  await t.ok(chen, 'activity.publish', { activityId: activity.id })
  const { signup } = await t.ok(wang, 'activity.signup', { activityId: activity.id })
  const { article } = await t.ok(wang, 'study.save', {
    title: '预算处学习资料',
    category: '理论学习',
    markdown: '正文',
  })
  await t.ok(wang, 'study.publish', { articleId: article.id })

  await importBank(t)
  const { quiz } = await publishedQuiz(t, { audienceBranchIds: ['org_budget'] })
  const { attempt } = await t.ok(wang, 'quiz.start', { quizId: quiz.id })
  const { vote } = await t.ok(wang, 'vote.create', {
    title: '预算处优秀党员评选',
    options: [{ text: '冯涛' }, { text: '王志强' }],
    eligibility: 'branch',
    branchId: 'org_budget',
    secret: true,
    mode: 'single',
    openAt: at(-1),
    closeAt: at(24),
    liveResults: false,
  })
  const fengTao = (await t.cloud.db().collection('members').where({ name: '冯涛' }).get()).data[0]._id as string
  // A meeting held this morning that 冯涛 missed, and his 出勤异议 about it.
  const { meeting: held } = await t.ok(wang, 'meeting.create', {
    branchId: 'org_budget',
    title: '预算处支部党员大会（上午）',
    type: 'branch_assembly',
    startAt: at(-4),
    endAt: at(-3),
    place: '会议室',
  })
  const { objection } = await t.ok(await t.openidOf('冯涛'), 'meeting.raiseObjection', {
    meetingId: held.id,
    reason: '我按时到会了，扫码没有成功',
  })
  Object.assign(hidden, {
    meetingId: meeting.id,
    leaveId: leave.id,
    activityId: activity.id,
    signupId: signup.id,
    quizId: quiz.id,
    attemptId: attempt.attemptId,
    articleId: article.id,
    voteId: vote.id,
    memberId: fengTao,
    objectionId: objection.id,
  })
})
afterAll(() => t.close())

const actions = Object.entries(CONTRACT).flatMap(([fn, specs]) =>
  Object.entries(specs as Record<string, { input: Schema<unknown>; access: Access }>).map(([name, spec]) => ({
    procedure: `${fn}.${name}`,
    ...spec,
  })),
)
const FIELDS = [
  'meetingId',
  'leaveId',
  'activityId',
  'signupId',
  'quizId',
  'attemptId',
  'articleId',
  'voteId',
  'memberId',
  'objectionId',
]
const cases = actions.flatMap((a) => {
  const shape = a.input.meta.kind === 'object' ? Object.keys(a.input.meta.shape) : []
  return shape.filter((k) => FIELDS.includes(k)).map((field) => ({ ...a, field }))
})

it('probes every action that takes such an id', () => {
  expect(new Set(cases.map((c) => c.procedure)).size).toBeGreaterThan(40)
})

describe.each(Object.keys({ 'member of 办公室': 0, 'branch admin of 办公室': 0 }))('%s', (caller) => {
  it.each(cases.map((c) => [c.procedure, c.field, c] as const))(
    '%s: a hidden %s answers like one that does not exist',
    async (_p, field, c) => {
      const input = minimalInput(c.input, hidden) as Record<string, unknown>
      const hiddenAnswer = await t.call(callers[caller], c.procedure as never, input as never)
      const nowhereAnswer = await t.call(callers[caller], c.procedure as never, { ...input, [field]: NOWHERE } as never)
      // Creating or saving with an id of one's own choosing is not a lookup; everything else must not succeed.
      expect(hiddenAnswer.ok).toBe(false)
      expect(nowhereAnswer.ok).toBe(false)
      expect(hiddenAnswer).toEqual(nowhereAnswer)
    },
  )
})
