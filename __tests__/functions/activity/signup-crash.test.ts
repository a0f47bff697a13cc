// A sign-up that dies after any of its writes loses no place and doubles none (places.ts, TAKE): a place it took
// but never handed to a sign-up is held by the claim named on the activity while the call may still be running, and
// goes back — to the waitlist's head, when someone waits — once the call is surely over. Before the claim was named,
// a sign-up dying between taking the place and creating its record left the activity full with one place held by
// nobody, for good. The local cloud fails the k-th write of the call (emulator/db/request.ts injectFault), as a
// crash, a timeout or `kill -9` would stop it there.
import { clearFaults, injectFault } from '../../../emulator/db'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { addMembers, publishedActivity, standing } from './fixtures'

let t: TestCloud
let people: string[]
beforeAll(async () => {
  t = await startTestCloud()
  people = await addMembers(t, 3 * 6 + 4)
})
afterAll(() => t.close())
afterEach(() => clearFaults())

async function state(activityId: string) {
  const a = (await t.cloud.db().collection('activities').doc(activityId).get()).data as {
    claims?: Record<string, unknown>
  }
  return { ...(await standing(t, activityId)), claims: Object.keys(a.claims ?? {}).length }
}

/** Runs `signup` with its k-th write failing; false once the call makes fewer than k + 1 writes (nothing to break). */
async function signupDyingAt(k: number, who: string, activityId: string): Promise<boolean> {
  injectFault({ kind: 'write', skip: k })
  const res = await t.call(who, 'activity.signup', { activityId })
  const fired = !res.ok
  clearFaults()
  if (fired) expect(res.ok ? 'ok' : res.error.code).toBe('INTERNAL')
  return fired
}

it('a first sign-up that dies after any of its writes leaves its place to one person, and gives it on once surely over', async () => {
  let k = 0
  for (; k < 6; k++) {
    const [a, b, c] = people.slice(3 * k, 3 * k + 3)
    const [nameA, nameB] = [`志愿者${3 * k}`, `志愿者${3 * k + 1}`]
    const { activity } = await publishedActivity(t, { capacity: 1 })
    if (!(await signupDyingAt(k, a, activity.id))) break
    const after = await state(activity.id)
    // Either nothing happened (it died before taking the place), or the place is A's — her sign-up, or the claim
    // that holds it for her while her call may still be running. Never two, never none.
    expect(after.taken).toBe(after.confirmed.length + (after.confirmed.length ? 0 : after.claims))
    expect(after.taken).toBeLessThanOrEqual(1)

    // B signs up while A's call could still be alive: a place held by A's claim is not handed out again.
    const second = await t.ok(b, 'activity.signup', { activityId: activity.id })
    expect(second.signup.status).toBe(after.taken === 0 ? 'confirmed' : 'waitlisted')

    // Past A's call's timeout, the next sign-up settles A's claim: the place stays with A if she got it, else it goes
    // to B, first on the waitlist. C waits.
    t.cloud.clock.advance(60_000)
    const third = await t.ok(c, 'activity.signup', { activityId: activity.id })
    expect(third.signup.status).toBe('waitlisted')
    const end = await state(activity.id)
    expect(end.claims).toBe(0)
    expect(end.taken).toBe(1)
    expect(end.confirmed).toEqual([after.confirmed.length ? nameA : nameB])
    expect(end.waitlisted).toContain(`志愿者${3 * k + 2}`)
  }
  // Taking the place, creating the sign-up, taking the claim's name off: each write was broken once.
  expect(k).toBe(3)
})

it("a dead sign-up's claim is not returned while its call may still be running", async () => {
  const [a, b] = people.slice(3 * 6)
  const { activity } = await publishedActivity(t, { capacity: 1, waitlist: false })
  // Dies after taking the place, before creating her sign-up.
  expect(await signupDyingAt(1, a, activity.id)).toBe(true)
  t.cloud.clock.advance(5_000)
  // Within the call's timeout, the place is still held by the claim: B is refused, nothing of hers is stored.
  expect((await t.call(b, 'activity.signup', { activityId: activity.id })).ok).toBe(false)
  expect((await state(activity.id)).taken).toBe(1)
  t.cloud.clock.advance(60_000)
  // Surely over: the place comes back, and B gets it.
  expect((await t.ok(b, 'activity.signup', { activityId: activity.id })).signup.status).toBe('confirmed')
  const end = await state(activity.id)
  expect(end).toMatchObject({ taken: 1, claims: 0 })
})

it("the roster an organiser opens gives a dead sign-up's place to the head of the waitlist once the call is over", async () => {
  const [a, b] = people.slice(3 * 6 + 2)
  const { admin, activity } = await publishedActivity(t, { capacity: 1 })
  // Dies after taking the place, before creating her sign-up: B, coming next, waits.
  expect(await signupDyingAt(1, a, activity.id)).toBe(true)
  expect((await t.ok(b, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  t.cloud.clock.advance(60_000)
  await t.ok(admin, 'activity.roster', { activityId: activity.id })
  const end = await state(activity.id)
  expect(end).toMatchObject({ taken: 1, claims: 0, confirmed: [`志愿者${3 * 6 + 3}`], waitlisted: [] })
})
