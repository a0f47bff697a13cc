// Study notices as resumable work (cloudfunctions/study/notice-job.ts): a run cut off by the function timeout is
// continued by the next timer tick, and nobody is sent the message twice.
import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  jest.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  t.close()
  jest.restoreAllMocks()
})

const TPL = 'local_study_required'
const LEASE_MS = 30_000

/** Every active member of the demo organisation holds one credit (written as study.subscribe would). */
async function everyoneSubscribed(): Promise<number> {
  const members = (await t.cloud.db().collection('members').where({ status: 'active' }).limit(1000).get()).data
  for (const m of members) {
    await t.cloud
      .db()
      .collection('subscriptions')
      .add({
        data: {
          _id: `${m._id}_${TPL}`,
          memberId: m._id,
          openid: `wx_notice_${m._id}`,
          branchId: m.branchId,
          templateId: TPL,
          credits: 1,
        },
      })
  }
  return members.length
}

async function publishRequired(): Promise<string> {
  const admin = await t.openidOf('陈建国')
  const { article } = await t.ok(admin, 'study.save', {
    title: '学习贯彻党的二十届四中全会精神',
    category: '第一议题',
    markdown: '## 一、总体要求\n\n深入学习**全会精神**。',
    required: true,
    deadline: new Date(t.cloud.clock.now().getTime() + 7 * 86400_000).toISOString(),
    readMinutes: 4,
  })
  await t.ok(admin, 'study.publish', { articleId: article.id })
  return article.id
}

/** How many messages each recipient got. */
async function perRecipient(): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  const rows = (await t.cloud.db().collection('outbox').limit(1000).get()).data as Array<{ touser: string }>
  for (const r of rows) out.set(r.touser, (out.get(r.touser) ?? 0) + 1)
  return out
}

async function progress(articleId: string) {
  const admin = await t.openidOf('陈建国')
  return (await t.ok(admin, 'study.getArticle', { articleId })).article.notice
}

it('a run cut off by the timeout is continued by the next tick: everyone notified once, nobody twice', async () => {
  const n = await everyoneSubscribed()
  const articleId = await publishRequired()
  expect(await progress(articleId)).toEqual({ sent: 0, failed: 0, unconfirmed: 0, done: false })

  // A slow database and a short timeout: the run is cut off part-way, as a 20 s function would be on a large roster.
  const cut = await t.timer('study', 'dispatchDue', { dbDelayMs: 40, timeouts: { study: 1200 } })
  expect(cut).toMatchObject({ errCode: -504002 })
  const first = await perRecipient()
  expect(first.size).toBeGreaterThan(0)
  expect(first.size).toBeLessThan(n)

  // While the cut-off run's lease lasts, a tick leaves the job alone (it might still be running).
  expect(await t.timer('study', 'dispatchDue')).toEqual({ ok: true, data: { notified: 0, articles: 0 } })
  expect((await perRecipient()).size).toBe(first.size)

  t.cloud.clock.advance(LEASE_MS + 1000)
  const rest = await t.timer('study', 'dispatchDue')
  expect(rest.ok).toBe(true)

  const after = await perRecipient()
  expect([...after.values()].every((c) => c === 1)).toBe(true)
  const shown = await progress(articleId)
  expect(shown!.done).toBe(true)
  // Only a recipient the cut caught between "about to send" and WeChat's answer can be missing: she is not sent to
  // again (that could be a double) and the admin sees her as unconfirmed.
  expect(shown!.unconfirmed).toBeLessThanOrEqual(1)
  expect(after.size + shown!.unconfirmed).toBe(n)
  expect(await t.count('notices', { articleId, state: 'sent' })).toBe(after.size)
  // What the admin reads: every message that went out counted once, also those the cut-off run sent after its last
  // save (their outcomes were never saved, and the resumed run does not meet them again).
  expect(shown!.sent).toBe(after.size)
})

it('two ticks at once work one job once: every member gets exactly one message', async () => {
  const n = await everyoneSubscribed()
  const articleId = await publishRequired()
  const ticks = await Promise.all([t.timer('study', 'dispatchDue'), t.timer('study', 'dispatchDue')])
  expect(ticks.every((r) => r.ok)).toBe(true)
  await t.timer('study', 'dispatchDue')
  const got = await perRecipient()
  expect(got.size).toBe(n)
  expect([...got.values()].every((c) => c === 1)).toBe(true)
  expect(await progress(articleId)).toEqual({ sent: n, failed: 0, unconfirmed: 0, done: true })
  // Publishing again queues nothing new.
  await t.ok(await t.openidOf('陈建国'), 'study.publish', { articleId })
  await t.timer('study', 'dispatchDue')
  expect(await t.count('outbox')).toBe(n)
})

it('a recipient WeChat refuses is counted as failed, keeps her credit, and is not retried by the same job', async () => {
  const n = await everyoneSubscribed()
  const refused = (await t.cloud.db().collection('subscriptions').limit(1).get()).data[0]
  t.cloud.openapiFaults.refuseMessagesTo(refused.openid, 43101)
  const articleId = await publishRequired()
  await t.timer('study', 'dispatchDue')
  await t.timer('study', 'dispatchDue')
  expect(await progress(articleId)).toEqual({ sent: n - 1, failed: 1, unconfirmed: 0, done: true })
  expect((await perRecipient()).has(refused.openid)).toBe(false)
  expect((await t.cloud.db().collection('subscriptions').doc(refused._id).get()).data!.credits).toBe(1)
})

it('an article withdrawn before its notices went out sends none, and its job ends', async () => {
  await everyoneSubscribed()
  const articleId = await publishRequired()
  await t.ok(await t.openidOf('陈建国'), 'study.withdraw', { articleId })
  expect(await t.timer('study', 'dispatchDue')).toEqual({ ok: true, data: { notified: 0, articles: 0 } })
  expect(await t.count('outbox')).toBe(0)
  expect(await progress(articleId)).toEqual({ sent: 0, failed: 0, unconfirmed: 0, done: true })
})

it('a run on a slow database stops itself well before the 20 s timeout and the next tick goes on at once', async () => {
  const n = await everyoneSubscribed()
  const articleId = await publishRequired()
  // 100 ms a request: each message is four requests (its key, the credit, the send's record, the key's answer), so
  // the run cannot reach everyone inside its 8 s budget (40 % of the study function's 20 s in cloudbaserc.json).
  const first = await t.timer('study', 'dispatchDue', { dbDelayMs: 100 })
  expect(first.ok).toBe(true) // answered by the function itself, not cut off by the platform
  const sent = (first as { data: { notified: number } }).data.notified
  expect(sent).toBeGreaterThan(0)
  expect(sent).toBeLessThan(n)
  expect(await progress(articleId)).toMatchObject({ sent, done: false })
  // The stopped run released its lease: the next tick continues without waiting for it to lapse.
  const rest = await t.timer('study', 'dispatchDue')
  expect(rest).toMatchObject({ ok: true, data: { notified: n - sent } })
  expect(await progress(articleId)).toEqual({ sent: n, failed: 0, unconfirmed: 0, done: true })
  const got = await perRecipient()
  expect([...got.values()].every((c) => c === 1)).toBe(true)
}, 60_000)
