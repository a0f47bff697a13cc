// Cancel → sign up again → cancel: the sign-up keeps its id (activity + member), so each cancellation's release must
// be told apart from the earlier ones of the same sign-up, and a cancellation still under way must not be finished a
// second time by a call that repairs it meanwhile. Either way one place is passed on exactly once.
import { clearFaults, injectFault } from '../../../emulator/db'
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { WRITES, addMembers, publishedActivity, standing } from './fixtures'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())
afterEach(() => clearFaults())

it('a place given back by a second cancellation of the same sign-up goes to the next member, not lost', async () => {
  const [a, b] = await addMembers(t, 2)
  const { activity } = await publishedActivity(t, { capacity: 1, waitlist: false })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  await t.ok(a, 'activity.cancel', { activityId: activity.id })
  expect((await t.ok(a, 'activity.signup', { activityId: activity.id })).signup.status).toBe('confirmed')
  await t.ok(a, 'activity.cancel', { activityId: activity.id })
  // Her place is free again: B gets it (before, the second release was refused as "already given back" and the
  // activity stayed full with nobody in it).
  const res = await t.call(b, 'activity.signup', { activityId: activity.id })
  expect(codeOf(res)).toBe('ok')
  expect(await standing(t, activity.id)).toEqual({ taken: 1, confirmed: ['志愿者1'], waitlisted: [] })
})

it('a second cancellation that dies half way is finished by the next sign-up, not taken for the first one', async () => {
  const [a, b, c, d] = await addMembers(t, 4)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  await t.ok(b, 'activity.signup', { activityId: activity.id })
  await t.ok(a, 'activity.cancel', { activityId: activity.id }) // B promoted from A's place
  expect((await t.ok(a, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  await t.ok(b, 'activity.cancel', { activityId: activity.id }) // A promoted from B's place
  await t.ok(c, 'activity.signup', { activityId: activity.id }) // C waits
  // A cancels again and the call dies at its third write (the promotion): she is cancelled, her place held in trust.
  injectFault({ kind: 'write', skip: 2 })
  expect(codeOf(await t.call(a, 'activity.cancel', { activityId: activity.id }))).toBe('INTERNAL')
  clearFaults()
  // D's sign-up finishes that hand-over first: C gets the place (before, B promoted from A's FIRST cancellation was
  // taken for the heir of this one, and the place stayed held by nobody), and D waits.
  expect((await t.ok(d, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  expect(await standing(t, activity.id)).toEqual({ taken: 1, confirmed: ['志愿者2'], waitlisted: ['志愿者3'] })
})

it('a cancellation held before it passes the place on, repaired by her sign-up again meanwhile, promotes one member', async () => {
  const [a, w1, w2, w3] = await addMembers(t, 4)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  await t.ok(w1, 'activity.signup', { activityId: activity.id })
  await t.ok(w2, 'activity.signup', { activityId: activity.id })
  await t.ok(w3, 'activity.signup', { activityId: activity.id })
  // Her cancellation is held just before its third write (passing the place on): she is cancelled and named on the
  // activity as releasing it.
  let release!: () => void
  let arrived!: () => void
  const reached = new Promise<void>((r) => (arrived = r))
  const gate = new Promise<void>((r) => (release = r))
  let writes = 0
  const first = t.call(
    a,
    'activity.cancel',
    { activityId: activity.id },
    {
      beforeRequest: async (action: string) => {
        if (!WRITES.has(action) || ++writes !== 3) return
        arrived()
        await gate
      },
    },
  )
  await reached
  // Meanwhile she signs up again (a second phone): that call finishes the release it finds under way, then joins the
  // waitlist; and she cancels that again.
  expect((await t.ok(a, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  await t.ok(a, 'activity.cancel', { activityId: activity.id })
  release()
  expect(codeOf(await first)).toBe('ok')
  // One place, one holder: the first on the waitlist. (Before, both calls promoted someone from the same place.)
  expect(await standing(t, activity.id)).toEqual({
    taken: 1,
    confirmed: ['志愿者1'],
    waitlisted: ['志愿者2', '志愿者3'],
  })
  const page = await t.ok(w2, 'activity.detail', { activityId: activity.id })
  expect(page.mine).toMatchObject({ status: 'waitlisted', position: 1 })
})
