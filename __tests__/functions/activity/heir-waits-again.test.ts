// A release names its heir (places.ts passOn), and every call finishing that release promotes her "on condition she
// still waits". But she can be waiting AGAIN: promoted from this release by one call, then cancelled, then signed up
// again onto the waitlist, while a second call that read the same release before it was finished is still on its way
// to the promotion. That call must not give her the release's place a second time.
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { WRITES, addMembers, atWrite, publishedActivity, standing } from './fixtures'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

it('the heir of a release, gone and back on the waitlist, is not promoted from it a second time', async () => {
  // 志愿者0 holds the one place; 志愿者1 and 志愿者2 wait; 志愿者3 signs up while a release is under way.
  const [a, x, y, z] = await addMembers(t, 4)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  await t.ok(x, 'activity.signup', { activityId: activity.id })
  await t.ok(y, 'activity.signup', { activityId: activity.id })

  // A cancels; her call is held at its third write (the promotion of her heir X): A is cancelled and named releasing.
  const cancelHold = atWrite(3)
  const cancel = t.call(a, 'activity.cancel', { activityId: activity.id }, cancelHold.opts)
  await cancelHold.reached
  // Z signs up meanwhile: it finds A's release under way and sets out to finish it; held at its first write (the
  // promotion of the same heir X).
  const repairHold = atWrite(1)
  const repair = t.call(z, 'activity.signup', { activityId: activity.id }, repairHold.opts)
  await repairHold.reached

  // A's own call finishes first: X has A's place.
  cancelHold.release()
  expect(codeOf(await cancel)).toBe('ok')
  // X gives it up (Y gets it) and signs up again: full, so she waits.
  await t.ok(x, 'activity.cancel', { activityId: activity.id })
  expect((await t.ok(x, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  expect(await standing(t, activity.id)).toEqual({ taken: 1, confirmed: ['志愿者2'], waitlisted: ['志愿者1'] })

  // Z's call goes on. A's release was passed on long ago: nobody else may get a place from it.
  repairHold.release()
  expect(codeOf(await repair)).toBe('ok')
  expect(await standing(t, activity.id)).toEqual({
    taken: 1,
    confirmed: ['志愿者2'],
    waitlisted: ['志愿者1', '志愿者3'],
  })
})

it('a cancellation a repair un-names while it is still under way, then dying, leaves its place to the waitlist', async () => {
  // 志愿者0 holds the one place; 志愿者1 waits.
  const [a, w, z, v] = await addMembers(t, 4)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  await t.ok(w, 'activity.signup', { activityId: activity.id })

  // A cancels: her call has named the release on the activity (write 1) and is held before cancelling her (write 2).
  let release!: () => void
  let arrived!: () => void
  const reached = new Promise<void>((r) => (arrived = r))
  const gate = new Promise<void>((r) => (release = r))
  let writes = 0
  const cancel = t.call(
    a,
    'activity.cancel',
    { activityId: activity.id },
    {
      beforeRequest: async (action: string) => {
        if (!WRITES.has(action)) return
        writes++
        if (writes === 2) {
          arrived()
          await gate
        }
        // The call dies just before passing the place on (write 3): she is cancelled, her place held in trust.
        if (writes === 3) throw new Error('instance stopped')
      },
    },
  )
  await reached
  // Z signs up meanwhile: the repair finds A named but still confirmed, takes it for a call that died before
  // cancelling her, and takes the name off. Z waits.
  expect((await t.ok(z, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  release()
  expect(codeOf(await cancel)).not.toBe('ok')

  // The next sign-up finds the place nobody holds and passes it on to the first waiting: W.
  await t.ok(v, 'activity.signup', { activityId: activity.id })
  expect(await standing(t, activity.id)).toMatchObject({ taken: 1, confirmed: ['志愿者1'] })
})

it('a heir renamed by one call is not promoted by another that read her name before: one place, one holder', async () => {
  // 志愿者0 holds the one place; 志愿者1 and 志愿者2 wait; 志愿者3 signs up while the release is under way.
  const [a, x, y, z] = await addMembers(t, 4)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  await t.ok(x, 'activity.signup', { activityId: activity.id })
  await t.ok(y, 'activity.signup', { activityId: activity.id })

  // A's cancellation names X its heir and is held before promoting her; Z's sign-up reads the same release (heir X)
  // and is held before promoting her too.
  const cancelHold = atWrite(3)
  const cancel = t.call(a, 'activity.cancel', { activityId: activity.id }, cancelHold.opts)
  await cancelHold.reached
  const repairHold = atWrite(1)
  const repair = t.call(z, 'activity.signup', { activityId: activity.id }, repairHold.opts)
  await repairHold.reached

  // X leaves the waitlist: A's call renames the heir to Y, who gets the place.
  await t.ok(x, 'activity.cancel', { activityId: activity.id })
  cancelHold.release()
  expect(codeOf(await cancel)).toBe('ok')
  // X comes back: the activity is full, so she waits.
  expect((await t.ok(x, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  expect(await standing(t, activity.id)).toEqual({ taken: 1, confirmed: ['志愿者2'], waitlisted: ['志愿者1'] })

  // Z's call goes on with the name it read: A's place is Y's, nobody else may get it.
  repairHold.release()
  expect(codeOf(await repair)).toBe('ok')
  expect(await standing(t, activity.id)).toEqual({
    taken: 1,
    confirmed: ['志愿者2'],
    waitlisted: ['志愿者1', '志愿者3'],
  })
})
