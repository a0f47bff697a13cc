// Issue 9, "writes that must not half-happen": a cancellation that dies between any two of its writes leaves no place
// that nobody holds, and the next call that needs the place finishes the hand-over. The local cloud fails the k-th
// write of the call (emulator/db/request.ts injectFault), as a crash, a timeout or `kill -9` would stop it there.
import { clearFaults, injectFault } from '../../../emulator/db'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { addMembers, publishedActivity } from './fixtures'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())
afterEach(() => clearFaults())

/**
 * Who holds the activity's places: confirmed sign-ups, and a sign-up releasing its place unless that place already
 * went on (to a sign-up promoted from it, or back to the activity). Releasing: cancelled while still named on the
 * activity's `releasing` list (cancel's way: the name holds her place in trust until it is passed on), or in the
 * `releasing` status the older way kept.
 */
async function places(activityId: string) {
  const db = t.cloud.db()
  const a = (await db.collection('activities').doc(activityId).get()).data as {
    taken: number
    released?: string[]
    releasing?: string[]
  }
  const signups = (await db.collection('signups').where({ activityId }).get()).data as Array<{
    _id: string
    memberName: string
    status: string
    promotedFrom?: string | null
    releaseRound?: number
  }>
  const releasing = (s: { _id: string; status: string }) =>
    s.status === 'releasing' || (s.status === 'cancelled' && (a.releasing ?? []).includes(s._id))
  // A release is named by the sign-up and its round (cancel → sign up again → cancel: places.ts releaseKeyOf).
  const keyOf = (s: (typeof signups)[number]) => (s.releaseRound ? `${s._id}#${s.releaseRound}` : s._id)
  const passedOn = (key: string) => (a.released ?? []).includes(key) || signups.some((s) => s.promotedFrom === key)
  const names = (list: typeof signups) => list.map((s) => s.memberName).sort()
  return {
    taken: a.taken,
    holders: names(signups.filter((s) => s.status === 'confirmed' || (releasing(s) && !passedOn(keyOf(s))))),
    confirmed: names(signups.filter((s) => s.status === 'confirmed')),
    releasing: names(signups.filter(releasing)),
    waitlisted: names(signups.filter((s) => s.status === 'waitlisted')),
  }
}

/** Runs `cancel` with its k-th write failing; false once the call makes fewer than k + 1 writes (nothing to break). */
async function cancelDyingAt(k: number, who: string, activityId: string): Promise<boolean> {
  injectFault({ kind: 'write', skip: k })
  const res = await t.call(who, 'activity.cancel', { activityId })
  const fired = !res.ok
  clearFaults()
  if (fired) expect(res.ok ? 'ok' : res.error.code).toBe('INTERNAL')
  return fired
}

it('a cancellation that dies after any of its writes passes the place to the head of the waitlist, once', async () => {
  const people = await addMembers(t, 3 * 8)
  let k = 0
  for (; k < 8; k++) {
    const [a, b, c] = people.slice(3 * k, 3 * k + 3)
    const { activity } = await publishedActivity(t, { capacity: 1 })
    await t.ok(a, 'activity.signup', { activityId: activity.id })
    await t.ok(b, 'activity.signup', { activityId: activity.id })
    const [nameB, nameC] = [`志愿者${3 * k + 1}`, `志愿者${3 * k + 2}`]
    if (!(await cancelDyingAt(k, a, activity.id))) break

    // Right after the crash the place is held by exactly one person: A (still releasing it) or already B.
    const after = await places(activity.id)
    expect(after.taken).toBe(1)
    expect(after.holders).toHaveLength(1)

    // The next sign-up finds the activity full, finishes A's hand-over first and joins the waitlist. (Dying at the
    // first write means the cancellation never happened: A still holds the place and cancels again.)
    const next = await t.ok(c, 'activity.signup', { activityId: activity.id })
    expect(next.signup.status).toBe('waitlisted')
    if (after.confirmed.includes(`志愿者${3 * k}`)) await t.ok(a, 'activity.cancel', { activityId: activity.id })
    expect(await places(activity.id)).toEqual({
      taken: 1,
      holders: [nameB],
      confirmed: [nameB],
      releasing: [],
      waitlisted: [nameC],
    })
    expect((await t.ok(a, 'activity.detail', { activityId: activity.id })).mine?.status).toBe('cancelled')
    expect((await t.ok(b, 'activity.detail', { activityId: activity.id })).mine?.status).toBe('confirmed')
  }
  // The loop broke at a k where the call no longer failed: every write of the cancellation was tried.
  expect(k).toBeGreaterThanOrEqual(3)
})

it('a cancellation with nobody waiting that dies after any of its writes gives the place back for the next sign-up', async () => {
  const people = await addMembers(t, 3 * 8)
  let k = 0
  for (; k < 8; k++) {
    const [a, b, c] = people.slice(3 * k, 3 * k + 3)
    const { activity } = await publishedActivity(t, { capacity: 2, waitlist: false })
    await t.ok(a, 'activity.signup', { activityId: activity.id })
    await t.ok(b, 'activity.signup', { activityId: activity.id })
    if (!(await cancelDyingAt(k, a, activity.id))) break
    const after = await places(activity.id)
    expect(after.taken).toBe(after.holders.length)

    // C gets A's place: it was neither lost nor given twice. (Dying at the first write means the cancellation never
    // happened: C is refused as full until A cancels again.)
    if (after.confirmed.includes(`志愿者${3 * k}`)) {
      const refused = await t.call(c, 'activity.signup', { activityId: activity.id })
      expect(refused.ok ? 'ok' : refused.error.code).toBe('ACTIVITY_FULL')
      await t.ok(a, 'activity.cancel', { activityId: activity.id })
    }
    expect((await t.ok(c, 'activity.signup', { activityId: activity.id })).signup.status).toBe('confirmed')
    const end = await places(activity.id)
    expect(end.taken).toBe(2)
    expect(end.confirmed).toHaveLength(2)
    // A sign-up still marked `releasing` here already gave its place back (it shows as cancelled): nobody holds two.
    expect(end.holders).toEqual(end.confirmed)
  }
  expect(k).toBeGreaterThanOrEqual(2)
})
