// Calls that come late to a release (places.ts, the protocol at its top): a cancellation's name is kept while its call
// could still be running and taken off once it surely is not; a sign-up again that read the activity before its own
// cancellation named it does not swallow the place that cancellation holds in trust; a late call finishing a release
// does not take the heir's place in the waitlist away once she waits again.
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { addMembers, atWrite, publishedActivity, standing as standingOf } from './fixtures'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

/** `standing`, and how many cancellations the activity still names as passing their place on. */
async function standing(activityId: string) {
  const a = (await t.cloud.db().collection('activities').doc(activityId).get()).data as { releasing?: string[] }
  return { ...(await standingOf(t, activityId)), named: (a.releasing ?? []).length }
}

it('a cancellation that died after naming itself keeps its name while its call could still run, then loses it; she keeps her place', async () => {
  const [a, w, z, v] = await addMembers(t, 4)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  await t.ok(w, 'activity.signup', { activityId: activity.id })

  // A's cancellation names the release (write 1) and dies before cancelling her (write 2).
  const dying = atWrite(0, 2)
  expect(codeOf(await t.call(a, 'activity.cancel', { activityId: activity.id }, dying.opts))).not.toBe('ok')

  // Within the call's timeout (20 s for activity, cloudbaserc.json) it might still cancel her: the name stays.
  t.cloud.clock.advance(15_000)
  expect((await t.ok(z, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  expect(await standing(activity.id)).toEqual({
    taken: 1,
    named: 1,
    confirmed: ['志愿者0'],
    waitlisted: ['志愿者1', '志愿者2'],
  })

  // Past it (and the skew allowed between servers' clocks), the next sign-up takes the name off: nothing happened.
  t.cloud.clock.advance(10_000)
  expect((await t.ok(v, 'activity.signup', { activityId: activity.id })).signup.status).toBe('waitlisted')
  expect(await standing(activity.id)).toMatchObject({ taken: 1, named: 0, confirmed: ['志愿者0'] })

  // She still holds her place, and cancelling now passes it to the first waiting.
  expect((await t.ok(a, 'activity.cancel', { activityId: activity.id })).promoted).toBe(true)
  expect(await standing(activity.id)).toEqual({
    taken: 1,
    named: 0,
    confirmed: ['志愿者1'],
    waitlisted: ['志愿者2', '志愿者3'],
  })
})

it('a sign-up again that read the activity before her own cancellation named it leaves that place to the waitlist', async () => {
  const [a, w] = await addMembers(t, 2)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  await t.ok(w, 'activity.signup', { activityId: activity.id })

  // A taps 报名 again on a second screen: that call has read the activity (no release named) and is held.
  const again = atWrite(1)
  const signup = t.call(a, 'activity.signup', { activityId: activity.id }, again.opts)
  await again.reached
  // Her cancellation names the release, cancels her, and dies before passing the place on (write 3).
  const dying = atWrite(0, 3)
  expect(codeOf(await t.call(a, 'activity.cancel', { activityId: activity.id }, dying.opts))).not.toBe('ok')

  // The held sign-up goes on and signs her up again: the activity is full — her old place is W's, not lost.
  again.release()
  const res = await signup
  expect(codeOf(res)).toBe('ok')
  expect(await standing(activity.id)).toEqual({ taken: 1, named: 0, confirmed: ['志愿者1'], waitlisted: ['志愿者0'] })
})

it('a late call finishing a release leaves its heir, back on the waitlist, at her place in it', async () => {
  const [a, x, y, z] = await addMembers(t, 4)
  const { activity } = await publishedActivity(t, { capacity: 1 })
  await t.ok(a, 'activity.signup', { activityId: activity.id })
  await t.ok(x, 'activity.signup', { activityId: activity.id })
  await t.ok(y, 'activity.signup', { activityId: activity.id })

  // A's cancellation is held before promoting X; Z's sign-up reads the same release and is held before promoting X.
  const cancelHold = atWrite(3)
  const cancel = t.call(a, 'activity.cancel', { activityId: activity.id }, cancelHold.opts)
  await cancelHold.reached
  const repairHold = atWrite(1)
  const repair = t.call(z, 'activity.signup', { activityId: activity.id }, repairHold.opts)
  await repairHold.reached

  // A's call finishes: X has the place. X gives it up (Y gets it) and waits again: first on the waitlist.
  cancelHold.release()
  expect(codeOf(await cancel)).toBe('ok')
  await t.ok(x, 'activity.cancel', { activityId: activity.id })
  expect((await t.ok(x, 'activity.signup', { activityId: activity.id })).signup.position).toBe(1)

  // Z's call goes on: it finds A's release done, takes nothing off the waitlist, and Z waits behind X.
  repairHold.release()
  const late = await repair
  expect(codeOf(late)).toBe('ok')
  expect((await t.ok(x, 'activity.detail', { activityId: activity.id })).mine?.position).toBe(1)
  expect((await t.ok(z, 'activity.detail', { activityId: activity.id })).mine?.position).toBe(2)
  expect(await standing(activity.id)).toEqual({
    taken: 1,
    named: 0,
    confirmed: ['志愿者2'],
    waitlisted: ['志愿者1', '志愿者3'],
  })
})
