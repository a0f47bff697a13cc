import { startTestCloud, type TestCloud } from '../local-cloud'
import { publishedActivity } from '../activity/fixtures'
import { officeMeeting } from '../meeting/fixtures'
import { CONSENTING, consent, cutDispatch, outboxCounts } from './fixtures'

// Timer reminders whose recipients are decided as they are sent (remind/items.ts walkRecipients): 必读到期提醒 to
// those who have not read, 活动提醒 to the confirmed, 会前提醒 to the expected without a record or a leave request —
// each sent once even when a run is cut off midway, and spending one consent credit per message.
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const HOUR = 3600_000

/** Ticks after the cut-off run's lease lapsed, until nothing is left. */
async function laterTicks(n = 3) {
  for (let i = 0; i < n; i++) {
    t.cloud.clock.advance(60_000)
    await t.timer('remind', 'dispatch')
  }
}

async function remindedNames(names = CONSENTING): Promise<string[]> {
  const rows = (await t.cloud.db().collection('reminders').limit(1000).get()).data
  const ids = new Set(rows.map((r) => r.memberId as string))
  const out: string[] = []
  for (const n of names) if (ids.has(await t.memberId(n))) out.push(n)
  return out
}

async function readThrough(name: string, articleId: string) {
  const who = await t.openidOf(name)
  await t.ok(who, 'study.open', { articleId })
  t.cloud.clock.advance(120_000)
  await t.ok(who, 'study.finish', { articleId, reachedEnd: true })
}

async function requiredArticle(dueInHours: number) {
  const chen = await t.openidOf('陈建国')
  const { article } = await t.ok(chen, 'study.save', {
    title: '学习贯彻全会精神',
    category: '第一议题',
    markdown: '正文',
    required: true,
    audienceBranchIds: ['org_office'],
    deadline: new Date(t.cloud.clock.now().getTime() + dueInHours * HOUR).toISOString(),
    readMinutes: 1,
  })
  await t.ok(chen, 'study.publish', { articleId: article.id })
  return article
}

describe('reminders decided at send time', () => {
  it('必读到期提醒 reaches who has not read it once, through a cut-off run, and passes over who read it meanwhile', async () => {
    await consent(t, CONSENTING)
    const article = await requiredArticle(20)
    await readThrough('钱文静', article.id)

    await cutDispatch(t, 3)
    // Two members were done (in member-id order) before the run stopped.
    expect(await t.count('reminders')).toBe(2)
    // Someone the run had not reached yet reads it through before the next tick.
    const reached = await remindedNames()
    const late = CONSENTING.filter((n) => n !== '钱文静' && !reached.includes(n)).at(-1)!
    await readThrough(late, article.id)

    await laterTicks()
    const expected = Object.fromEntries(CONSENTING.map((n) => [n, n === '钱文静' || n === late ? 0 : 1]))
    expect(await outboxCounts(t)).toEqual(expected)
    // Neither reader has a reminder on record; the job is one, its outcome visible to the secretary.
    expect(await remindedNames()).not.toContain('钱文静')
    expect(await remindedNames()).not.toContain(late)
    expect(await t.count('reminder_jobs', { rule: 'reading_due' })).toBe(1)
    const log = await t.ok(await t.openidOf('李秀英'), 'remind.log', { kind: 'study', itemId: article.id })
    expect(log.jobs).toEqual([expect.objectContaining({ rule: 'reading_due', sent: 4, unconfirmed: 0 })])
    expect(log.jobs[0].finishedAt).not.toBeNull()

    // A later tick (the article still due within a day) queues nothing new and sends nothing more.
    await laterTicks(1)
    expect(await outboxCounts(t)).toEqual(expected)
  })

  it('required reading due in more than a day is not reminded until its deadline comes within a day', async () => {
    await consent(t, CONSENTING)
    await requiredArticle(30)
    await t.timer('remind', 'dispatch')
    expect(await t.count('reminder_jobs')).toBe(0)
    t.cloud.clock.advance(7 * HOUR)
    await t.timer('remind', 'dispatch')
    expect(await t.count('reminder_jobs', { rule: 'reading_due' })).toBe(1)
  })

  it('活动提醒 reaches the confirmed once, through a cut-off run; a place given up meanwhile is not reminded', async () => {
    const people = ['钱文静', '孙浩然', '何雨桐', '马俊杰']
    await consent(t, people)
    const now = t.cloud.clock.now().getTime()
    const { activity } = await publishedActivity(t, {
      startAt: new Date(now + 10 * HOUR).toISOString(),
      endAt: new Date(now + 13 * HOUR).toISOString(),
      signupCloseAt: new Date(now + 5 * HOUR).toISOString(),
      capacity: 3,
      waitlist: false,
    })
    for (const n of people.slice(0, 3))
      expect((await t.ok(await t.openidOf(n), 'activity.signup', { activityId: activity.id })).signup.status).toBe(
        'confirmed',
      )

    await cutDispatch(t, 2)
    expect(await t.count('reminders')).toBe(1)
    const reached = await remindedNames(people)
    // A confirmed member the run had not reached gives her place up; 马俊杰 then takes the free place.
    const quitter = people.slice(0, 3).find((n) => !reached.includes(n))!
    await t.ok(await t.openidOf(quitter), 'activity.cancel', { activityId: activity.id })
    t.cloud.clock.advance(60_000)
    expect((await t.ok(await t.openidOf('马俊杰'), 'activity.signup', { activityId: activity.id })).signup.status).toBe(
      'confirmed',
    )

    await laterTicks()
    expect(await outboxCounts(t, people)).toEqual(Object.fromEntries(people.map((n) => [n, n === quitter ? 0 : 1])))
    expect(await t.count('reminder_jobs', { rule: 'activity_soon' })).toBe(1)
  })

  it('会前提醒 passes over a member who asked for leave after it was queued', async () => {
    await consent(t, CONSENTING)
    const { meeting } = await officeMeeting(t, { startsInMin: 90, title: '12 月支部党员大会' })
    await cutDispatch(t, 2)
    const reached = await remindedNames()
    const away = CONSENTING.filter((n) => !reached.includes(n)).at(-1)!
    await t.ok(await t.openidOf(away), 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差在外' })
    await laterTicks()
    expect(await outboxCounts(t)).toEqual(Object.fromEntries(CONSENTING.map((n) => [n, n === away ? 0 : 1])))
  })

  it('one consent, one message: a member with one credit and two reminders due gets one; the other is recorded without a send', async () => {
    await consent(t, ['孙浩然'])
    await officeMeeting(t, { startsInMin: 90, title: '12 月支部党员大会' })
    await requiredArticle(20)
    await t.timer('remind', 'dispatch')
    await laterTicks(1)
    expect(await outboxCounts(t, ['孙浩然'])).toEqual({ 孙浩然: 1 })
    const sun = await t.memberId('孙浩然')
    const mine = (await t.cloud.db().collection('reminders').where({ memberId: sun }).limit(10).get()).data
    expect(mine.map((r) => r.state).sort()).toEqual(['no_credit', 'sent'])
    // A consent given afterwards is not spent on a reminder already recorded: nothing is sent twice.
    await consent(t, ['孙浩然'])
    await laterTicks(2)
    expect(await outboxCounts(t, ['孙浩然'])).toEqual({ 孙浩然: 1 })
  })
})
