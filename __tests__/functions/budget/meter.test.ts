// The local cloud's per-invocation request meter: what the budget test, the benchmarks and quota estimates read.
import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

it('counts reads and writes of one call, and each of many overlapping calls only its own', async () => {
  const me = await t.openidOf('钱文静')
  const alone = await t.metered(me, 'member.whoami', {})
  expect(alone.res.ok).toBe(true)
  expect(alone.requests.writes).toBe(0)
  expect(alone.requests.reads).toBeGreaterThan(0)
  expect(alone.requests.total).toBe(alone.requests.reads + alone.requests.writes + alone.requests.other)

  const sub = await t.metered(me, 'study.subscribe', { templateId: 'local_study_required', accepted: true })
  expect(sub.requests.writes).toBeGreaterThan(0)

  const before = t.cloud.store.stats.requests
  const many = await Promise.all(Array.from({ length: 20 }, () => t.metered(me, 'member.whoami', {})))
  for (const m of many) expect(m.requests).toEqual(alone.requests)
  // Nothing was counted twice or lost: the store's process-wide counter saw exactly the sum.
  expect(t.cloud.store.stats.requests - before).toBe(20 * alone.requests.total)
})

it('a refused call still counts the round trips it made', async () => {
  const res = await t.metered('wx_nobody', 'meeting.mine', { when: 'upcoming' })
  expect(res.res.ok).toBe(false)
  expect(res.requests.reads).toBeGreaterThan(0)
})
