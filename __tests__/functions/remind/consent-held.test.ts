import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting } from '../meeting/fixtures'
import { TEMPLATE } from './fixtures'

// A consent given on a meeting's page ("开会前提醒我") is for THAT meeting. Found by staff.e2e's 一键提醒 journey: the
// suite's earlier meeting (starting in 10 minutes, same branch) had its 会前提醒 queued by the same timer tick, and
// with consents pooled per template it spent one of each member's two consents — the meeting they consented on got
// its 一键提醒 but its own 会前提醒 read 已发送 0, 全部未授权.
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const CONSENTING = ['钱文静', '孙浩然']

/** The meetings each member's messages were about (the page each message opens), in the order they went out. */
async function messagesAbout(names: string[]): Promise<Record<string, string[]>> {
  const sent = (await t.cloud.db().collection('outbox').where({ templateId: TEMPLATE }).limit(100).get()).data
  const out: Record<string, string[]> = {}
  for (const n of names) {
    const openid = await t.openidOf(n)
    out[n] = sent.filter((m) => m.touser === openid).map((m) => String(m.page).split('?id=')[1])
  }
  return out
}

/** "开会前提醒我" (or, without a meeting, a consent for any reminder): her credits afterwards as the cloud answers. */
const subscribe = (who: string, meetingId?: string) =>
  t.ok(who, 'remind.subscribe', { templateId: TEMPLATE, accepted: true, ...(meetingId ? { meetingId } : {}) })

/** The staff member taps 一键提醒 on a meeting; the next timer tick queues the due 会前提醒 and sends everything. */
async function remindAndDispatch(admin: string, meetingId: string) {
  await t.ok(admin, 'remind.send', { kind: 'meeting', itemId: meetingId })
  await t.timer('remind', 'dispatch')
}

/** A member's consent record (credits free for any reminder, and those held per meeting). */
async function subscriptionOf(name: string) {
  const where = { memberId: await t.memberId(name) }
  return (await t.cloud.db().collection('subscriptions').where(where).get()).data[0]
}

it("consents given on one meeting's page are spent by that meeting's reminders, not by another meeting's 会前提醒", async () => {
  // Meeting A starts first; the members tap 开会前提醒我 twice on meeting B's page.
  const { meeting: a } = await officeMeeting(t, { startsInMin: 10, title: '我已到会测试会议' })
  const { admin, meeting: b } = await officeMeeting(t, { startsInMin: 15, title: '一键提醒测试会议' })
  for (const n of CONSENTING) {
    const who = await t.openidOf(n)
    const first = await subscribe(who, b.id)
    const second = await subscribe(who, b.id)
    expect([first.credits, second.credits]).toEqual([1, 2])
  }
  // 李秀英 taps 一键提醒 on B; the next tick queues both meetings' 会前提醒 and runs all three jobs.
  await remindAndDispatch(admin, b.id)

  expect(await messagesAbout(CONSENTING)).toEqual({ 钱文静: [b.id, b.id], 孙浩然: [b.id, b.id] })
  const logOf = async (id: string) => (await t.ok(admin, 'remind.log', { kind: 'meeting', itemId: id })).jobs
  const bJobs = await logOf(b.id)
  expect(bJobs.map((j) => [j.rule, j.sent])).toEqual(
    expect.arrayContaining([
      ['manual', 2],
      ['meeting_soon', 2],
    ]),
  )
  // A's 会前提醒 ran too: the two were expected there, but consented only for B.
  expect((await logOf(a.id)).map((j) => [j.rule, j.sent])).toEqual([['meeting_soon', 0]])
})

it('a consent given for no meeting in particular is spent by any reminder; one for a meeting nobody expects her at is refused', async () => {
  const { meeting: a } = await officeMeeting(t, { startsInMin: 10 })
  const who = await t.openidOf('钱文静')
  expect((await subscribe(who)).credits).toBe(1)
  await t.timer('remind', 'dispatch')
  expect(await messagesAbout(['钱文静'])).toEqual({ 钱文静: [a.id] })

  // A 支委会 expects only the committee (李秀英, 何雨桐): 钱文静's consent there is refused, nothing written.
  const { meeting: committee } = await officeMeeting(t, { startsInMin: 60, type: 'branch_committee' })
  const refused = await t.call(who, 'remind.subscribe', {
    templateId: TEMPLATE,
    accepted: true,
    meetingId: committee.id,
  })
  expect(codeOf(refused)).toBe('NOT_FOUND')
  const missing = await t.call(who, 'remind.subscribe', { templateId: TEMPLATE, accepted: true, meetingId: 'nope' })
  expect(codeOf(missing)).toBe('NOT_FOUND')
  const sub = await subscriptionOf('钱文静')
  expect({ credits: sub.credits, held: sub.held }).toEqual({ credits: 0, held: {} })
})

it("the count shown on a meeting's page is the consents held for it: a free one that another reminder spends first is not counted", async () => {
  const { meeting: a } = await officeMeeting(t, { startsInMin: 10, title: '先开的会议' })
  const { admin, meeting: b } = await officeMeeting(t, { startsInMin: 15, title: '她订阅的会议' })
  const who = await t.openidOf('钱文静')
  // One consent for no meeting in particular (free), then one on B's page.
  expect((await subscribe(who)).credits).toBe(1)
  const onB = await subscribe(who, b.id)
  // Before, B's page said 可收 2 条提醒 (held + free).
  expect(onB.credits).toBe(1)
  // A's 会前提醒 spends the free consent; B's 会前提醒 and 一键提醒 get what B's page promised: one message.
  await remindAndDispatch(admin, b.id)
  const sent = (await messagesAbout(['钱文静']))['钱文静']
  expect([...sent].sort()).toEqual([a.id, b.id].sort())
  expect(sent.filter((id) => id === b.id)).toHaveLength(onB.credits)
})

it('a consent still held once its meeting has started is free again: the next reminder of the template may spend it, once', async () => {
  const { admin, meeting: b } = await officeMeeting(t, { startsInMin: 15, title: '已开始的会议' })
  const who = await t.openidOf('钱文静')
  await subscribe(who, b.id)
  // No timer tick reached B before it started (its 会前提醒 never spent the consent); an hour later another meeting's
  // 一键提醒 and 会前提醒 find it free again: one consent, one message.
  t.cloud.clock.advance(60 * 60_000)
  const { meeting: c } = await officeMeeting(t, { startsInMin: 30, title: '下一次会议' })
  await remindAndDispatch(admin, c.id)
  expect(await messagesAbout(['钱文静'])).toEqual({ 钱文静: [c.id] })
  const sub = await subscriptionOf('钱文静')
  expect(sub.held[`meeting_${b.id}`]).toBe(0)
})
