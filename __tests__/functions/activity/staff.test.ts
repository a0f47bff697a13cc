import { startTestCloud, type TestCloud } from '../local-cloud'
import { publishedActivity } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const FOUR = ['钱文静', '孙浩然', '何雨桐', '马俊杰']

async function fullWithWaitlist() {
  const { admin, activity } = await publishedActivity(t)
  for (const name of FOUR) {
    await t.ok(await t.openidOf(name), 'activity.signup', { activityId: activity.id })
    t.cloud.clock.advance(1000)
  }
  return { admin, activity }
}

const statusOf = async (admin: string, activityId: string) =>
  Object.fromEntries(
    (await t.ok(admin, 'activity.roster', { activityId })).items.map((s) => [s.memberName, s.status]),
  ) as Record<string, string>

describe('places and the waitlist', () => {
  it('raising the number of places fills them from the waitlist in order', async () => {
    const { admin, activity } = await fullWithWaitlist()
    expect(await statusOf(admin, activity.id)).toMatchObject({ 何雨桐: 'waitlisted', 马俊杰: 'waitlisted' })
    const { activity: after } = await t.ok(admin, 'activity.save', { ...editable(activity), capacity: 3 })
    expect(after.taken).toBe(3)
    expect(await statusOf(admin, activity.id)).toMatchObject({ 何雨桐: 'confirmed', 马俊杰: 'waitlisted' })
  })

  it('promoting someone out of turn asks for a reason; the head of the waitlist needs none', async () => {
    const { admin, activity } = await fullWithWaitlist()
    await t.ok(admin, 'activity.save', { ...editable(activity), capacity: 2 })
    const roster = (await t.ok(admin, 'activity.roster', { activityId: activity.id })).items
    const ma = roster.find((s) => s.memberName === '马俊杰')!
    const he = roster.find((s) => s.memberName === '何雨桐')!
    await t.cloud
      .db()
      .collection('activities')
      .doc(activity.id)
      .update({ data: { capacity: 4 } })
    const noReason = await t.call(admin, 'activity.promote', { signupId: ma.id })
    expect(noReason.ok || noReason.error.message).toBe('不按候补顺序递补，请注明原因（如：特殊岗位需要）')
    await t.ok(admin, 'activity.promote', { signupId: ma.id, reason: '懂手语，活动需要' })
    await t.ok(admin, 'activity.promote', { signupId: he.id })
    expect(await statusOf(admin, activity.id)).toMatchObject({ 何雨桐: 'confirmed', 马俊杰: 'confirmed' })
  })
})

describe('the organiser on the roster', () => {
  it('a rejection carries a reason the member and the roster see', async () => {
    const { admin, activity } = await publishedActivity(t, { approval: true })
    const { signup } = await t.ok(await t.openidOf('钱文静'), 'activity.signup', { activityId: activity.id })
    const bare = await t.call(admin, 'activity.review', { signupId: signup.id, approve: false })
    expect(bare.ok || bare.error.code).toBe('INVALID_INPUT')
    const res = await t.ok(admin, 'activity.review', { signupId: signup.id, approve: false, reason: '本次限本支部' })
    expect(res.signup).toMatchObject({ status: 'rejected', rejectReason: '本次限本支部' })
  })

  it('hours edited by hand show who changed them and why', async () => {
    const { admin, activity } = await publishedActivity(t)
    const { signup } = await t.ok(await t.openidOf('钱文静'), 'activity.signup', { activityId: activity.id })
    await t.ok(admin, 'activity.setHours', { signupId: signup.id, tenths: 25, reason: '提前离场' })
    const row = (await t.ok(admin, 'activity.roster', { activityId: activity.id })).items[0]
    expect(row).toMatchObject({ hours: 2.5, hoursEdited: { byName: '赵晓燕', reason: '提前离场' } })
  })

  it('a finished activity offers no check-in code', async () => {
    const { admin, activity } = await publishedActivity(t)
    t.cloud.clock.set(new Date(new Date(activity.endAt).getTime() + 3 * 3600_000))
    const res = await t.call(admin, 'activity.qrToken', { activityId: activity.id, mode: 'in' })
    expect(res.ok || res.error.message).toBe('活动已结束，不再提供签到码')
  })
})

function editable(a: {
  id: string
  title: string
  kind: string
  subType: string | null
  description: string
  place: string
  startAt: string
  endAt: string
  signupOpenAt: string
  signupCloseAt: string
  waitlist: boolean
  revision: number
}) {
  return {
    activityId: a.id,
    // The revision the edit form opened: the save lands only on it.
    revision: a.revision,
    title: a.title,
    kind: a.kind,
    subType: a.subType ?? undefined,
    description: a.description,
    place: a.place,
    startAt: a.startAt,
    endAt: a.endAt,
    signupOpenAt: a.signupOpenAt,
    signupCloseAt: a.signupCloseAt,
    waitlist: a.waitlist,
  }
}

describe('on-site check-in', () => {
  it('before the activity starts it is refused, saying when it opens; at the start it is accepted', async () => {
    const { admin, activity } = await publishedActivity(t)
    await t.ok(await t.openidOf('钱文静'), 'activity.signup', { activityId: activity.id })
    const start = new Date(activity.startAt).getTime()
    t.cloud.clock.set(new Date(start - 10 * 60_000))
    const { token } = await t.ok(admin, 'activity.qrToken', { activityId: activity.id, mode: 'in' })
    const res = await t.call(await t.openidOf('钱文静'), 'activity.checkIn', { token })
    expect(res.ok || res.error.code).toBe('ACTIVITY_CHECKIN_CLOSED')
    expect(res.ok || res.error.message).toMatch(
      /^活动尚未开始，现场签到将于 \d{4}-\d\d-\d\d \d\d:\d\d（活动开始时）开放$/,
    )
    expect(await t.count('signups', { checkInAt: null })).toBeGreaterThan(0)
    t.cloud.clock.set(new Date(start))
    const late = await t.ok(admin, 'activity.qrToken', { activityId: activity.id, mode: 'in' })
    const ok = await t.ok(await t.openidOf('钱文静'), 'activity.checkIn', { token: late.token })
    expect(ok.already).toBe(false)
  })
})
