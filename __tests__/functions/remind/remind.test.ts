import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting } from '../meeting/fixtures'
import { CONSENTING, TEMPLATE, consent, cutDispatch, outboxCounts } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

describe('reminders', () => {
  it('sends 会前提醒 once to each expected member who has not asked for leave, even when a run is cut off midway', async () => {
    await consent(t, CONSENTING)
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 90, title: '12 月支部党员大会' })
    await t.ok(await t.openidOf('马俊杰'), 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差在外' })

    // The first run is cut off (its function timeout) just before it records the third reminder.
    await cutDispatch(t, 3)
    // Two recipients were done (in member-id order) before it stopped; their messages, if any, are out.
    expect(await t.count('reminders')).toBe(2)
    const partial = await t.count('outbox', { templateId: TEMPLATE })

    // The next tick waits for the lease to lapse, then continues: everyone once, nobody twice.
    await t.timer('remind', 'dispatch')
    expect(await t.count('outbox', { templateId: TEMPLATE })).toBe(partial)
    t.cloud.clock.advance(60_000)
    await t.timer('remind', 'dispatch')
    t.cloud.clock.advance(60_000)
    await t.timer('remind', 'dispatch')
    const got = await outboxCounts(t)
    // 马俊杰 asked for leave; the five others who consented are expected and have not signed in.
    expect(got).toEqual({ 李秀英: 1, 钱文静: 1, 孙浩然: 1, 何雨桐: 1, 马俊杰: 0, 赵晓燕: 1 })
    // 周明 (unbound, no consent) and 陈建国 (no consent) are recorded without a send.
    expect(await t.count('reminders', { state: 'no_credit' })).toBe(2)

    const log = await t.ok(admin, 'remind.log', { kind: 'meeting', itemId: meeting.id })
    expect(log.jobs).toEqual([
      expect.objectContaining({ rule: 'meeting_soon', recipients: 7, sent: 5, noCredit: 2, unconfirmed: 0 }),
    ])
    expect(log.nextManualAt).toBeNull()
  })

  it('一键提醒 reaches the not-done list once and refuses a second within a day (audited)', async () => {
    await consent(t, CONSENTING)
    await consent(t, CONSENTING)
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 60 * 24, title: '下周支部党员大会' })
    await t.ok(await t.openidOf('马俊杰'), 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差在外' })
    const first = await t.ok(admin, 'remind.send', { kind: 'meeting', itemId: meeting.id })
    expect(first.recipients).toBe(7)
    // A second tap, or another secretary, within 24 hours: refused, nothing queued.
    expect(codeOf(await t.call(admin, 'remind.send', { kind: 'meeting', itemId: meeting.id }))).toBe('REMIND_THROTTLED')
    expect(await t.count('reminder_jobs')).toBe(1)
    await t.timer('remind', 'dispatch')
    expect(await outboxCounts(t)).toEqual({
      李秀英: 1,
      钱文静: 1,
      孙浩然: 1,
      何雨桐: 1,
      马俊杰: 0,
      赵晓燕: 1,
    })
    expect(await t.count('audit_logs', { action: 'remind.send', targetId: meeting.id })).toBe(1)
    const log = await t.ok(admin, 'remind.log', { kind: 'meeting', itemId: meeting.id })
    expect(log.jobs[0]).toMatchObject({ rule: 'manual', byName: '李秀英', sent: 5, noCredit: 2 })
    expect(log.nextManualAt).not.toBeNull()

    // A day later it may be used again; the timer's own 会前提醒 is a rule of its own (one each).
    t.cloud.clock.advance(24 * 3600_000 + 1000)
    expect((await t.ok(admin, 'remind.send', { kind: 'meeting', itemId: meeting.id })).recipients).toBe(7)
    // Another branch's secretary cannot see the meeting at all.
    expect(
      codeOf(await t.call(await t.openidOf('王志强'), 'remind.send', { kind: 'meeting', itemId: meeting.id })),
    ).toBe('OUT_OF_SCOPE')
    // A member cannot remind anyone.
    expect(
      codeOf(await t.call(await t.openidOf('钱文静'), 'remind.send', { kind: 'meeting', itemId: meeting.id })),
    ).toBe('FORBIDDEN')
  })

  it('一键提醒 whose first throttle write fails is not told 已提醒过: the slot stays free and the retry sends', async () => {
    await consent(t, CONSENTING)
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 60 * 24, title: '下周支部党员大会' })
    // The first send of this item writes its throttle; the connection drops on that write.
    const dropped = await t.call(
      admin,
      'remind.send',
      { kind: 'meeting', itemId: meeting.id },
      {
        beforeRequest: async (action: string, params: unknown) => {
          const p = params as { collectionName?: string }
          if (action === 'database.insertDocument' && p?.collectionName === 'reminder_throttle')
            throw new Error('connection reset')
        },
      },
    )
    expect(dropped.ok).toBe(false)
    expect(codeOf(dropped)).not.toBe('REMIND_THROTTLED')
    expect(await t.count('reminder_jobs')).toBe(0)
    // Her retry is the first 一键提醒 of the day: it goes out.
    const retry = await t.ok(admin, 'remind.send', { kind: 'meeting', itemId: meeting.id })
    expect(retry.recipients).toBeGreaterThan(0)
    expect(await t.count('reminder_jobs')).toBe(1)
  })

  it("一键提醒 on required reading reaches the secretary's branch members who have not read it, once", async () => {
    await consent(t, CONSENTING)
    const chen = await t.openidOf('陈建国')
    const { article } = await t.ok(chen, 'study.save', {
      title: '学习贯彻全会精神',
      category: '第一议题',
      markdown: '正文',
      required: true,
      deadline: new Date(t.cloud.clock.now().getTime() + 7 * 86400_000).toISOString(),
      readMinutes: 1,
    })
    await t.ok(chen, 'study.publish', { articleId: article.id })
    // 钱文静 reads it through.
    const qian = await t.openidOf('钱文静')
    await t.ok(qian, 'study.open', { articleId: article.id })
    t.cloud.clock.advance(120_000)
    await t.ok(qian, 'study.finish', { articleId: article.id, reachedEnd: true })

    const li = await t.openidOf('李秀英')
    const office = await t.count('members', { branchId: 'org_office', status: 'active' })
    const sent = await t.ok(li, 'remind.send', { kind: 'study', itemId: article.id })
    expect(sent.recipients).toBe(office - 1) // her branch only, the reader left out
    expect(codeOf(await t.call(li, 'remind.send', { kind: 'study', itemId: article.id }))).toBe('REMIND_THROTTLED')
    await t.timer('remind', 'dispatch')
    expect(await outboxCounts(t, ['钱文静', '孙浩然'])).toEqual({ 钱文静: 0, 孙浩然: 1 })
    // Optional reading is not followed up, and a member cannot remind anyone.
    const optional = await t.ok(chen, 'study.save', { title: '选读资料', category: '理论学习', markdown: '正文' })
    await t.ok(chen, 'study.publish', { articleId: optional.article.id })
    expect(codeOf(await t.call(li, 'remind.send', { kind: 'study', itemId: optional.article.id }))).toBe('NOT_FOUND')
    expect(codeOf(await t.call(qian, 'remind.send', { kind: 'study', itemId: article.id }))).toBe('FORBIDDEN')
  })
})
