import { startTestCloud, type TestCloud } from '../local-cloud'
import { addMembers, publishedActivity } from './fixtures'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

/** Every waitlisted sign-up with its position, read page by page from the organiser's roster. */
async function waitlist(admin: string, activityId: string) {
  const out: Array<{ id: string; memberId: string; position: number | null }> = []
  for (let page = 1; ; page++) {
    const res = await t.ok(admin, 'activity.roster', { activityId, status: 'waitlisted', page })
    out.push(...res.items.map((s) => ({ id: s.id, memberId: s.memberId, position: s.position })))
    if (res.items.length < res.pageSize) return out
  }
}

/**
 * Runs `fn` over `items` with at most `width` calls in flight. The local cloud serves every call in this one process
 * and times each against its function's timeout in real time (emulator/db/README.md), so 2,000 calls at once would
 * each wait behind the others — time a call on CloudBase, where each runs in its own instance, never spends. 200 at
 * a time still has 200 calls fighting over 100 places and over the waitlist.
 */
async function inFlight<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
  return out
}

describe('the 2,000-for-100 race', () => {
  it('2,000 sign-ups for 100 places, 200 in flight at a time: exactly 100 confirmed, the rest waitlisted in distinct, gap-free positions; 50 concurrent cancellations each promote exactly one', async () => {
    const openids = await addMembers(t, 2000)
    const { admin, activity } = await publishedActivity(t, { capacity: 100 })
    const results = await inFlight(openids, 200, (o) => t.call(o, 'activity.signup', { activityId: activity.id }))
    expect(results.filter((r) => !r.ok)).toEqual([])

    const roster = await t.ok(admin, 'activity.roster', { activityId: activity.id })
    expect(roster.activity.taken).toBe(100)
    expect(roster.counts).toMatchObject({ confirmed: 100, waitlisted: 1900 })
    const before = await waitlist(admin, activity.id)
    expect(before.map((w) => w.position)).toEqual(Array.from({ length: 1900 }, (_, i) => i + 1))
    // What a member sees of their own position agrees with the roster.
    const byOpenid = new Map(openids.map((o, i) => [`m_bulk_${i}`, o]))
    for (const w of [before[0], before[999], before[1899]]) {
      const mine = await t.ok(byOpenid.get(w.memberId)!, 'activity.detail', { activityId: activity.id })
      expect(mine.mine?.position).toBe(w.position)
    }

    const confirmed = (
      await t.cloud.db().collection('signups').where({ activityId: activity.id, status: 'confirmed' }).limit(100).get()
    ).data
    const leaving = confirmed.slice(0, 50).map((s) => byOpenid.get(s.memberId)!)
    const cancels = await Promise.all(leaving.map((o) => t.ok(o, 'activity.cancel', { activityId: activity.id })))
    expect(cancels.every((c) => c.promoted)).toBe(true)

    const after = await t.ok(admin, 'activity.roster', { activityId: activity.id })
    expect(after.activity.taken).toBe(100)
    expect(after.counts).toMatchObject({ confirmed: 100, waitlisted: 1850, cancelled: 50 })
    // The first fifty waiting were promoted, nobody twice, and the waitlist closed up.
    const promoted = new Set(before.slice(0, 50).map((w) => w.id))
    const nowConfirmed = (
      await t.cloud.db().collection('signups').where({ activityId: activity.id, status: 'confirmed' }).limit(100).get()
    ).data.map((s) => s._id)
    expect(nowConfirmed.filter((id) => promoted.has(id))).toHaveLength(50)
    const rest = await waitlist(admin, activity.id)
    expect(rest.map((w) => w.id)).toEqual(before.slice(50).map((w) => w.id))
    expect(rest.map((w) => w.position)).toEqual(Array.from({ length: 1850 }, (_, i) => i + 1))
  }, 300_000)
})
