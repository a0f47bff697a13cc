import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { publishedActivity } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

describe('signing up', () => {
  it('places run out into an ordered waitlist; a cancellation promotes the first waiting, who is notified', async () => {
    const { admin, activity } = await publishedActivity(t)
    const [a, b, c] = await Promise.all(['钱文静', '孙浩然', '何雨桐'].map((n) => t.openidOf(n)))
    await t.ok(c, 'activity.subscribe', { templateId: 'local_activity_promoted', accepted: true })
    expect((await t.ok(a, 'activity.signup', { activityId: activity.id })).signup).toMatchObject({
      status: 'confirmed',
      statusLabel: '报名成功',
    })
    expect((await t.ok(b, 'activity.signup', { activityId: activity.id })).signup.status).toBe('confirmed')
    expect((await t.ok(c, 'activity.signup', { activityId: activity.id })).signup).toMatchObject({
      status: 'waitlisted',
      statusLabel: '候补',
      position: 1,
    })
    expect((await t.ok(c, 'activity.detail', { activityId: activity.id })).activity).toMatchObject({
      placesLeft: 0,
      waitlistCount: 1,
    })
    const cancelled = await t.ok(a, 'activity.cancel', { activityId: activity.id })
    expect(cancelled.promoted).toBe(true)
    expect((await t.ok(c, 'activity.detail', { activityId: activity.id })).mine?.status).toBe('confirmed')
    const outbox = (await t.cloud.db().collection('outbox').get()).data
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ touser: c, templateId: 'local_activity_promoted' })
    const roster = await t.ok(admin, 'activity.roster', { activityId: activity.id })
    expect(roster.counts).toMatchObject({ confirmed: 2, waitlisted: 0, cancelled: 1 })
  })

  it('the whole roster shows each waiting member at the place the waitlist and the member herself see', async () => {
    const { admin, activity } = await publishedActivity(t, { capacity: 1 })
    const names = ['钱文静', '孙浩然', '何雨桐', '马俊杰', '李秀英']
    for (const n of names) {
      await t.ok(await t.openidOf(n), 'activity.signup', { activityId: activity.id })
      t.cloud.clock.advance(1000) // one after another, as a queue at the door
    }
    // The second in line leaves the waitlist: those behind her move up, without a gap.
    await t.ok(await t.openidOf('何雨桐'), 'activity.cancel', { activityId: activity.id })
    const all = await t.ok(admin, 'activity.roster', { activityId: activity.id })
    const waiting = await t.ok(admin, 'activity.roster', { activityId: activity.id, status: 'waitlisted' })
    const inAll = all.items.filter((s) => s.status === 'waitlisted').map((s) => [s.memberName, s.position])
    expect(inAll).toEqual(waiting.items.map((s) => [s.memberName, s.position]))
    expect(inAll).toEqual([
      ['孙浩然', 1],
      ['马俊杰', 2],
      ['李秀英', 3],
    ])
    for (const [name, position] of inAll)
      expect(
        (await t.ok(await t.openidOf(name as string), 'activity.detail', { activityId: activity.id })).mine,
      ).toMatchObject({ status: 'waitlisted', position })
  })

  it('the edit form reads one activity, drafts included, for organisers only', async () => {
    const admin = await t.openidOf('赵晓燕')
    const now = t.cloud.clock.now().getTime()
    const { activity } = await t.ok(admin, 'activity.save', {
      title: '草稿活动',
      kind: 'union',
      subType: '文体活动',
      description: '羽毛球比赛',
      place: '机关活动中心',
      startAt: new Date(now + 48 * 3600_000).toISOString(),
      endAt: new Date(now + 50 * 3600_000).toISOString(),
      signupOpenAt: new Date(now).toISOString(),
      signupCloseAt: new Date(now + 24 * 3600_000).toISOString(),
    })
    expect((await t.ok(admin, 'activity.get', { activityId: activity.id })).activity).toMatchObject({
      title: '草稿活动',
      status: 'draft',
    })
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'activity.get', { activityId: activity.id }))).toBe(
      'FORBIDDEN',
    )
  })

  it('a member cannot sign up twice, even with two taps at once', async () => {
    const { admin, activity } = await publishedActivity(t)
    const me = await t.openidOf('钱文静')
    const both = await Promise.all([
      t.ok(me, 'activity.signup', { activityId: activity.id }),
      t.ok(me, 'activity.signup', { activityId: activity.id }),
    ])
    expect(both.filter((r) => r.already)).toHaveLength(1)
    expect(await t.count('signups', { activityId: activity.id })).toBe(1)
    expect((await t.ok(admin, 'activity.roster', { activityId: activity.id })).activity.taken).toBe(1)
  })

  it('without a waitlist, a full activity refuses in Chinese and keeps no trace of the attempt', async () => {
    const { activity } = await publishedActivity(t, { capacity: 1, waitlist: false })
    await t.ok(await t.openidOf('钱文静'), 'activity.signup', { activityId: activity.id })
    const res = await t.call(await t.openidOf('孙浩然'), 'activity.signup', { activityId: activity.id })
    expect(res).toEqual({ ok: false, error: { code: 'ACTIVITY_FULL', message: '名额已满，本活动不设候补' } })
    expect(await t.count('signups', { activityId: activity.id })).toBe(1)
  })

  it('is refused outside the sign-up window with a clear message', async () => {
    const { activity } = await publishedActivity(t, {
      signupOpenAt: new Date(t.cloud.clock.now().getTime() + 3600_000).toISOString(),
    })
    const res = await t.call(await t.openidOf('钱文静'), 'activity.signup', { activityId: activity.id })
    expect(res).toEqual({ ok: false, error: { code: 'ACTIVITY_SIGNUP_NOT_OPEN', message: '报名尚未开始' } })
    t.cloud.clock.advance(30 * 3600_000)
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'activity.signup', { activityId: activity.id }))).toBe(
      'ACTIVITY_SIGNUP_CLOSED',
    )
    expect(await t.count('signups')).toBe(0)
  })

  it('eligibility is enforced on the server: branches and the rotation rule', async () => {
    const { activity } = await publishedActivity(t, { audienceBranchIds: ['org_budget'] })
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'activity.signup', { activityId: activity.id }))).toBe(
      'NOT_FOUND',
    )
    expect(codeOf(await t.call(await t.openidOf('冯涛'), 'activity.signup', { activityId: activity.id }))).toBe('ok')

    const first = await publishedActivity(t, {
      subType: '疗休养',
      kind: 'union',
      rotationMonths: 12,
      title: '职工疗休养（第一批）',
    })
    const second = await publishedActivity(t, {
      subType: '疗休养',
      kind: 'union',
      rotationMonths: 12,
      title: '职工疗休养（第二批）',
      startAt: new Date(t.cloud.clock.now().getTime() + 72 * 3600_000).toISOString(),
      endAt: new Date(t.cloud.clock.now().getTime() + 75 * 3600_000).toISOString(),
    })
    const me = await t.openidOf('孙浩然')
    await t.ok(me, 'activity.signup', { activityId: first.activity.id })
    const again = await t.call(me, 'activity.signup', { activityId: second.activity.id })
    expect(again.ok || again.error.message).toBe('您在近 12 个月内已参加过“疗休养”，本次请把机会留给其他同志')
  })

  it('extra fields must be filled as defined', async () => {
    const { activity } = await publishedActivity(t, {
      extraFields: [
        { key: 'size', label: '衣服尺码', type: 'select', options: ['M', 'L', 'XL'], required: true },
        { key: 'family', label: '是否携带家属', type: 'bool' },
      ],
    })
    const me = await t.openidOf('钱文静')
    const missing = await t.call(me, 'activity.signup', { activityId: activity.id, extra: [] })
    expect(missing.ok || missing.error.message).toBe('请选择“衣服尺码”')
    const bad = await t.call(me, 'activity.signup', {
      activityId: activity.id,
      extra: [{ key: 'size', value: 'XXXL' }],
    })
    expect(bad.ok || bad.error.message).toBe('“衣服尺码”请从选项中选择')
    const ok = await t.ok(me, 'activity.signup', {
      activityId: activity.id,
      extra: [
        { key: 'size', value: 'L' },
        { key: 'family', value: '是' },
      ],
    })
    expect(ok.signup.extra).toEqual([
      { key: 'size', value: 'L' },
      { key: 'family', value: '是' },
    ])
  })

  it('with approval, a sign-up waits; approving gives a place and is audited', async () => {
    const { admin, activity } = await publishedActivity(t, { approval: true })
    const { signup } = await t.ok(await t.openidOf('钱文静'), 'activity.signup', { activityId: activity.id })
    expect(signup.statusLabel).toBe('待审核')
    const res = await t.ok(admin, 'activity.review', { signupId: signup.id, approve: true })
    expect(res.signup.status).toBe('confirmed')
    expect(await t.count('audit_logs', { action: 'signup.approve' })).toBe(1)
  })

  it('cancelling is refused after the cancellation deadline', async () => {
    const { activity } = await publishedActivity(t, {
      cancelUntil: new Date(t.cloud.clock.now().getTime() + 3600_000).toISOString(),
    })
    const me = await t.openidOf('钱文静')
    await t.ok(me, 'activity.signup', { activityId: activity.id })
    t.cloud.clock.advance(2 * 3600_000)
    expect(codeOf(await t.call(me, 'activity.cancel', { activityId: activity.id }))).toBe('ACTIVITY_CANCEL_TOO_LATE')
  })
})

describe('on the day', () => {
  it('check-in and check-out by the rotating code; hours are capped at the activity length and appear in 我的', async () => {
    const { admin, activity } = await publishedActivity(t)
    const me = await t.openidOf('钱文静')
    await t.ok(me, 'activity.signup', { activityId: activity.id })
    t.cloud.clock.set(new Date(new Date(activity.startAt).getTime() + 5 * 60_000))
    const tokenIn = (await t.ok(admin, 'activity.qrToken', { activityId: activity.id, mode: 'in' })).token
    expect(await t.ok(me, 'activity.checkIn', { token: tokenIn })).toMatchObject({ mode: 'in', already: false })
    expect((await t.ok(me, 'activity.checkIn', { token: tokenIn })).already).toBe(true)
    expect(codeOf(await t.call(await t.openidOf('孙浩然'), 'activity.checkIn', { token: tokenIn }))).toBe(
      'ACTIVITY_NOT_CONFIRMED',
    )
    t.cloud.clock.advance(4 * 3600_000)
    const tokenOut = (await t.ok(admin, 'activity.qrToken', { activityId: activity.id, mode: 'out' })).token
    expect(await t.ok(me, 'activity.checkIn', { token: tokenOut })).toMatchObject({ mode: 'out', hours: 3 })
    const mine = await t.ok(me, 'activity.myHours', {})
    expect(mine.totalHours).toBe(3)
    expect(mine.items.map((i) => i.title)).toEqual([activity.title])
  })

  it('an activity renamed and moved after sign-ups: 我的志愿服务时长 lists it under its new title and start', async () => {
    const { admin, activity: a } = await publishedActivity(t)
    const me = await t.openidOf('钱文静')
    await t.ok(me, 'activity.signup', { activityId: a.id })
    const day = 24 * 3600_000
    const at = (iso: string) => new Date(new Date(iso).getTime() + day).toISOString()
    const moved = await t.ok(admin, 'activity.save', {
      activityId: a.id,
      revision: a.revision,
      title: `${a.title}（改期）`,
      kind: a.kind,
      subType: a.subType,
      description: a.description,
      place: a.place,
      startAt: at(a.startAt),
      endAt: at(a.endAt),
      signupOpenAt: a.signupOpenAt,
      signupCloseAt: a.signupCloseAt,
      capacity: a.capacity ?? undefined,
      waitlist: a.waitlist,
    })
    t.cloud.clock.set(new Date(moved.activity.startAt))
    const tokenIn = (await t.ok(admin, 'activity.qrToken', { activityId: a.id, mode: 'in' })).token
    await t.ok(me, 'activity.checkIn', { token: tokenIn })
    t.cloud.clock.advance(2 * 3600_000)
    const tokenOut = (await t.ok(admin, 'activity.qrToken', { activityId: a.id, mode: 'out' })).token
    await t.ok(me, 'activity.checkIn', { token: tokenOut })
    const mine = await t.ok(me, 'activity.myHours', {})
    expect(mine.items.map((i) => [i.title, i.startAt])).toEqual([[moved.activity.title, moved.activity.startAt]])
  })

  it('a check-in code cannot be used to check out, and a tampered one is refused', async () => {
    const { admin, activity } = await publishedActivity(t)
    const me = await t.openidOf('钱文静')
    await t.ok(me, 'activity.signup', { activityId: activity.id })
    t.cloud.clock.set(new Date(activity.startAt))
    const tokenIn = (await t.ok(admin, 'activity.qrToken', { activityId: activity.id, mode: 'in' })).token
    const tampered = tokenIn.replace(':in.', ':out.')
    expect(codeOf(await t.call(me, 'activity.checkIn', { token: tampered }))).toBe('MEETING_TOKEN_FORGED')
  })

  it('the organiser corrects hours, audited', async () => {
    const { admin, activity } = await publishedActivity(t)
    const { signup } = await t.ok(await t.openidOf('钱文静'), 'activity.signup', { activityId: activity.id })
    const res = await t.ok(admin, 'activity.setHours', {
      signupId: signup.id,
      tenths: 25,
      reason: '忘记签退，现场核实',
    })
    expect(res.signup.hours).toBe(2.5)
    expect(await t.count('audit_logs', { action: 'signup.setHours', targetId: signup.id })).toBe(1)
    expect(
      codeOf(
        await t.call(await t.openidOf('李秀英'), 'activity.setHours', {
          signupId: signup.id,
          tenths: 99,
          reason: '越权修改',
        }),
      ),
    ).toBe('FORBIDDEN')
  })
})

describe('the member list', () => {
  it('lists activities not yet over first (soonest first), then finished ones (latest first), across pages', async () => {
    const h = 3600_000
    const now = t.cloud.clock.now().getTime()
    const at = (hours: number) => new Date(now + hours * h).toISOString()
    const soon = await publishedActivity(t, { startAt: at(10), endAt: at(12), signupCloseAt: at(8) })
    const later = await publishedActivity(t, { startAt: at(48), endAt: at(51) })
    const latest = await publishedActivity(t, { startAt: at(30), endAt: at(32), signupCloseAt: at(20) })
    // The first one ends.
    t.cloud.clock.advance(13 * h)
    const me = await t.openidOf('钱文静')
    const first = await t.ok(me, 'activity.list', { filter: 'all' })
    const rows = [...first.items]
    for (let p = 2; rows.length < first.total; p++) rows.push(...(await t.ok(me, 'activity.list', { page: p })).items)
    expect(new Set(rows.map((r) => r.id)).size).toBe(first.total)
    const clock = t.cloud.clock.now().getTime()
    const over = rows.map((r) => Date.parse(r.endAt) <= clock)
    // Every finished activity after every one still to come.
    expect(over).toEqual([...over].sort((a, b) => Number(a) - Number(b)))
    const ahead = rows.filter((_, i) => !over[i]).map((r) => Date.parse(r.startAt))
    const done = rows.filter((_, i) => over[i]).map((r) => Date.parse(r.startAt))
    expect(ahead).toEqual([...ahead].sort((a, b) => a - b))
    expect(done).toEqual([...done].sort((a, b) => b - a))
    const ids = rows.map((r) => r.id)
    expect(ids.indexOf(latest.activity.id)).toBeLessThan(ids.indexOf(later.activity.id))
    expect(ids.indexOf(later.activity.id)).toBeLessThan(ids.indexOf(soon.activity.id))
  })
})
