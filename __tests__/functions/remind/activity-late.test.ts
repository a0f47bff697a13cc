import { startTestCloud, type TestCloud } from '../local-cloud'
import { publishedActivity } from '../activity/fixtures'
import { consent, cutDispatch, outboxCounts } from './fixtures'

// 活动提醒 to places confirmed after the reminder ran (remind.ts reopenForLate): the rule is that everyone whose place
// is confirmed before the activity starts hears once — promoted from the waitlist or approved later included — and
// nobody twice, even when the later sweep is cut off midway and resumed. The organiser sees each sweep's outcome.
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const HOUR = 3600_000

async function tick() {
  t.cloud.clock.advance(60_000)
  await t.timer('remind', 'dispatch')
}

/** A tick cut off (the function's timeout) just as it records its `nth` reminder. */
async function cutTick(nth: number) {
  t.cloud.clock.advance(60_000)
  await cutDispatch(t, nth)
}

function soon(over: Record<string, unknown> = {}) {
  const now = t.cloud.clock.now().getTime()
  return publishedActivity(t, {
    startAt: new Date(now + 10 * HOUR).toISOString(),
    endAt: new Date(now + 13 * HOUR).toISOString(),
    signupCloseAt: new Date(now + 5 * HOUR).toISOString(),
    ...over,
  })
}

it('a member promoted from the waitlist after the 活动提醒 ran is reminded by a later tick, once; nobody twice', async () => {
  const people = ['钱文静', '孙浩然', '何雨桐']
  // Two consents each: a second message would go out if the rule sent twice.
  await consent(t, people, 2)
  const { admin, activity } = await soon({ capacity: 2, waitlist: true })
  for (const n of people) await t.ok(await t.openidOf(n), 'activity.signup', { activityId: activity.id })

  await tick()
  expect(await outboxCounts(t, people)).toEqual({ 钱文静: 1, 孙浩然: 1, 何雨桐: 0 })

  // 孙浩然 gives her place up; 何雨桐, first on the waitlist, is promoted.
  await t.ok(await t.openidOf('孙浩然'), 'activity.cancel', { activityId: activity.id })
  await tick()
  await tick()
  expect(await outboxCounts(t, people)).toEqual({ 钱文静: 1, 孙浩然: 1, 何雨桐: 1 })
  // One job, swept twice; the organiser's record counts every message once.
  expect(await t.count('reminder_jobs', { rule: 'activity_soon' })).toBe(1)
  const log = await t.ok(admin, 'remind.activityLog', { activityId: activity.id })
  expect(log.jobs).toEqual([expect.objectContaining({ rule: 'activity_soon', sent: 3, noCredit: 0, unconfirmed: 0 })])
  expect(log.jobs[0].finishedAt).not.toBeNull()
})

it('members approved later are reminded by a later sweep that is cut off midway and resumed: each once', async () => {
  const first = ['钱文静', '孙浩然']
  const later = ['何雨桐', '马俊杰', '赵晓燕', '李秀英']
  await consent(t, [...first, ...later], 2)
  const { admin, activity } = await soon({ capacity: 10, waitlist: false, approval: true })
  const signupOf = new Map<string, string>()
  for (const n of [...first, ...later]) {
    const { signup } = await t.ok(await t.openidOf(n), 'activity.signup', { activityId: activity.id })
    expect(signup.status).toBe('pending')
    signupOf.set(n, signup.id)
  }
  for (const n of first) await t.ok(admin, 'activity.review', { signupId: signupOf.get(n)!, approve: true })
  await tick()
  expect(await t.count('reminders')).toBe(2)

  for (const n of later) await t.ok(admin, 'activity.review', { signupId: signupOf.get(n)!, approve: true })
  // The sweep for the four approved later is cut off as it records its second reminder.
  await cutTick(2)
  expect(await t.count('reminders')).toBe(3)
  // The cut run's lease lapses; later ticks finish the sweep.
  for (let i = 0; i < 3; i++) await tick()
  const everyone = [...first, ...later]
  expect(await outboxCounts(t, everyone)).toEqual(Object.fromEntries(everyone.map((n) => [n, 1])))
  expect(await t.count('reminders', { state: 'sent' })).toBe(6)

  // Nothing more to do: further ticks send nothing, and the job stays finished.
  for (let i = 0; i < 2; i++) await tick()
  expect(await outboxCounts(t, everyone)).toEqual(Object.fromEntries(everyone.map((n) => [n, 1])))
  const log = await t.ok(admin, 'remind.activityLog', { activityId: activity.id })
  expect(log.jobs).toEqual([expect.objectContaining({ sent: 6, unconfirmed: 0 })])
  expect(log.jobs[0].finishedAt).not.toBeNull()
})

it("the activity's reminder record is the organisers': a branch secretary is refused, a missing activity is not found", async () => {
  const { admin, activity } = await soon()
  const refused = await t.call(await t.openidOf('李秀英'), 'remind.activityLog', { activityId: activity.id })
  expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN')
  const missing = await t.call(admin, 'remind.activityLog', { activityId: 'nope' })
  expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND')
  expect((await t.ok(admin, 'remind.activityLog', { activityId: activity.id })).jobs).toEqual([])
})
