// The waitlist as a queue on the activity (issue 11): places taken in order of joining, shown distinct and without
// gaps — in the sign-up's own answer, on the member's page and on the roster — and activities saved before the queue
// existed keep the order their members joined in.
import { startTestCloud, type TestCloud } from '../local-cloud'
import { addMembers, publishedActivity } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

it('forty members joining a full activity at once are each told a different place, 1 to 40, and their page agrees', async () => {
  const people = await addMembers(t, 41)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  await t.ok(people[0], 'activity.signup', { activityId: activity.id })
  const answers = await Promise.all(people.slice(1).map((o) => t.ok(o, 'activity.signup', { activityId: activity.id })))
  const told = answers.map((a) => a.signup.position)
  expect([...told].sort((x, y) => x! - y!)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  // What each was told is what her page shows afterwards, and the answer's activity counts the queue she joined.
  for (const [i, o] of people.slice(1).entries()) {
    const page = await t.ok(o, 'activity.detail', { activityId: activity.id })
    expect(page.mine?.position).toBe(told[i])
    expect(answers[i].activity.waitlistCount).toBeGreaterThanOrEqual(told[i]!)
  }
  expect((await t.ok(people[0], 'activity.detail', { activityId: activity.id })).activity.waitlistCount).toBe(40)
})

it('the answers of sign-up and cancel carry the activity as it now stands', async () => {
  const [a, b, c] = await addMembers(t, 3)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  const first = await t.ok(a, 'activity.signup', { activityId: activity.id })
  expect(first.activity).toMatchObject({ taken: 1, placesLeft: 0, waitlistCount: 0 })
  await t.ok(b, 'activity.signup', { activityId: activity.id })
  const third = await t.ok(c, 'activity.signup', { activityId: activity.id })
  expect(third.signup).toMatchObject({ status: 'waitlisted', position: 2 })
  expect(third.activity).toMatchObject({ taken: 1, placesLeft: 0, waitlistCount: 2 })
  // The first in line leaves the waitlist: the answer shows one waiting, and the last one moves up to 1.
  const left = await t.ok(b, 'activity.cancel', { activityId: activity.id })
  expect(left.signup.status).toBe('cancelled')
  expect(left.activity).toMatchObject({ taken: 1, waitlistCount: 1 })
  expect((await t.ok(c, 'activity.detail', { activityId: activity.id })).mine?.position).toBe(1)
  // The place holder leaves: the last one is promoted, and the answer shows nobody waiting.
  const gone = await t.ok(a, 'activity.cancel', { activityId: activity.id })
  expect(gone.promoted).toBe(true)
  expect(gone.activity).toMatchObject({ taken: 1, placesLeft: 0, waitlistCount: 0 })
  expect((await t.ok(c, 'activity.detail', { activityId: activity.id })).mine?.status).toBe('confirmed')
})

it('an activity saved before the queue existed keeps its waitlist in the order of joining', async () => {
  const people = await addMembers(t, 5)
  const { admin, activity } = await publishedActivity(t, { capacity: 1 })
  for (const o of people.slice(0, 4)) {
    await t.ok(o, 'activity.signup', { activityId: activity.id })
    t.cloud.clock.advance(1000)
  }
  // As stored before: no queue, no release list; the waiting sign-ups carry their time of joining.
  const _ = t.cloud.db().command
  await t.cloud
    .db()
    .collection('activities')
    .doc(activity.id)
    .update({ data: { queue: _.remove(), releasing: _.remove() } })

  expect((await t.ok(people[2], 'activity.detail', { activityId: activity.id })).mine?.position).toBe(2)
  const late = await t.ok(people[4], 'activity.signup', { activityId: activity.id })
  expect(late.signup).toMatchObject({ status: 'waitlisted', position: 4 })
  await t.ok(people[0], 'activity.cancel', { activityId: activity.id })
  const roster = await t.ok(admin, 'activity.roster', { activityId: activity.id, status: 'waitlisted' })
  expect(roster.items.map((s) => [s.memberId, s.position])).toEqual([
    ['m_bulk_2', 1],
    ['m_bulk_3', 2],
    ['m_bulk_4', 3],
  ])
  expect((await t.ok(people[1], 'activity.detail', { activityId: activity.id })).mine?.status).toBe('confirmed')
})

it('a second tap that briefly claims the last place gives it to whoever joined the waitlist meanwhile', async () => {
  const [a, b] = await addMembers(t, 2)
  const { activity } = await publishedActivity(t, { capacity: 2 })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  // Her second tap claims the last place and is held just before writing its (duplicate) sign-up.
  let release!: () => void
  let arrived!: () => void
  const reached = new Promise<void>((r) => (arrived = r))
  const gate = new Promise<void>((r) => (release = r))
  let held = false
  const second = t.call(
    a,
    'activity.signup',
    { activityId: activity.id },
    {
      beforeRequest: async (action: string) => {
        if (action !== 'database.insertDocument' || held) return
        held = true
        arrived()
        await gate
      },
    },
  )
  await reached
  // Meanwhile the activity looks full: B joins the waitlist.
  expect((await t.ok(b, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  release()
  const res = await second
  expect(res.ok && res.data.already).toBe(true)
  // The place she held for a moment went to B, not back to an activity with someone waiting.
  const page = await t.ok(b, 'activity.detail', { activityId: activity.id })
  expect(page.mine?.status).toBe('confirmed')
  expect(page.activity).toMatchObject({ taken: 2, waitlistCount: 0 })
})
