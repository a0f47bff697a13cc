import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

describe('signing in by scanning the rotating code', () => {
  it('a member on the list is signed in once; a second scan says 已签到 with the first time', async () => {
    const { admin, meeting } = await officeMeeting(t)
    const member = await t.openidOf('钱文静')
    const first = await t.ok(member, 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
    expect(first).toMatchObject({ meetingTitle: '11 月支部党员大会', status: 'present', already: false })
    t.cloud.clock.advance(60_000)
    const second = await t.ok(member, 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
    expect(second).toMatchObject({ already: true, at: first.at })
    expect(await t.count('attendance', { meetingId: meeting.id })).toBe(1)
  })

  it('twenty concurrent scans by one member write one record', async () => {
    const { admin, meeting } = await officeMeeting(t)
    const member = await t.openidOf('孙浩然')
    const token = await tokenFor(t, admin, meeting.id)
    const results = await Promise.all(Array.from({ length: 20 }, () => t.call(member, 'meeting.checkIn', { token })))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(results.filter((r) => r.ok && !r.data.already)).toHaveLength(1)
    expect(await t.count('attendance', { meetingId: meeting.id })).toBe(1)
  })

  it('a forged code is refused', async () => {
    const { admin, meeting } = await officeMeeting(t)
    const token = await tokenFor(t, admin, meeting.id)
    const forged = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA')
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'meeting.checkIn', { token: forged }))).toBe(
      'MEETING_TOKEN_FORGED',
    )
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'meeting.checkIn', { token: 'hello-world-123' }))).toBe(
      'MEETING_TOKEN_FORGED',
    )
    expect(await t.count('attendance')).toBe(0)
  })

  it('a code whose meeting id was changed is refused', async () => {
    const { admin, meeting } = await officeMeeting(t)
    const other = await officeMeeting(t, { startsInMin: 5, title: '支委会', type: 'branch_committee' })
    const [kind, , slot, sig] = (await tokenFor(t, admin, meeting.id)).split('.')
    const tampered = [kind, other.meeting.id, slot, sig].join('.')
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'meeting.checkIn', { token: tampered }))).toBe(
      'MEETING_TOKEN_FORGED',
    )
  })

  it('the previous code still works, one from two slots ago does not', async () => {
    const { admin, meeting } = await officeMeeting(t)
    const token = await tokenFor(t, admin, meeting.id)
    t.cloud.clock.advance(10_000)
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'meeting.checkIn', { token }))).toBe('ok')
    t.cloud.clock.advance(10_000)
    const replay = await t.call(await t.openidOf('孙浩然'), 'meeting.checkIn', { token })
    expect(replay).toEqual({
      ok: false,
      error: { code: 'MEETING_TOKEN_EXPIRED', message: '签到码已过期，请扫描组织者屏幕上最新的二维码' },
    })
  })

  it('someone not on the list is refused; an open meeting lets any member in', async () => {
    const { admin, meeting } = await officeMeeting(t)
    const outsider = await t.openidOf('冯涛') // 预算处党支部
    expect(codeOf(await t.call(outsider, 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) }))).toBe(
      'MEETING_NOT_EXPECTED',
    )
    const open = await officeMeeting(t, { startsInMin: 1, title: '专题党课', type: 'party_lecture', open: true })
    expect(
      codeOf(await t.call(outsider, 'meeting.checkIn', { token: await tokenFor(t, admin, open.meeting.id) })),
    ).toBe('ok')
    const stats = await t.ok(admin, 'meeting.stats', { kind: 'meeting', meetingId: open.meeting.id })
    expect(stats.tally).toMatchObject({ expected: 9, present: 1 })
  })

  it('an unbound WeChat user is told to bind first', async () => {
    const { admin, meeting } = await officeMeeting(t)
    expect(
      codeOf(await t.call('wx_stranger', 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })),
    ).toBe('NOT_BOUND')
  })

  it('outside the window: too early, and too late', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 45 })
    const member = await t.openidOf('钱文静')
    const early = await t.call(member, 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
    expect(codeOf(early)).toBe('MEETING_WINDOW_NOT_OPEN')
    expect(early.ok || early.error.message).toMatch(/^签到尚未开始，将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 开放$/)
    t.cloud.clock.advance((45 + 31) * 60_000)
    expect(codeOf(await t.call(member, 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) }))).toBe(
      'MEETING_WINDOW_CLOSED',
    )
    expect(await t.count('attendance')).toBe(0)
  })

  it('after start plus the grace minutes a scan counts as late', async () => {
    const { admin, meeting } = await officeMeeting(t)
    t.cloud.clock.advance(5 * 60_000)
    expect(
      (await t.ok(await t.openidOf('钱文静'), 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) }))
        .status,
    ).toBe('present')
    t.cloud.clock.advance(1000)
    expect(
      (await t.ok(await t.openidOf('孙浩然'), 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) }))
        .status,
    ).toBe('late')
  })
})

describe('organisers stay in their branch', () => {
  it('an admin of another branch cannot show the code, see the board or mark attendance', async () => {
    const { meeting } = await officeMeeting(t)
    const other = await t.openidOf('王志强')
    expect(codeOf(await t.call(other, 'meeting.qrToken', { meetingId: meeting.id }))).toBe('OUT_OF_SCOPE')
    expect(codeOf(await t.call(other, 'meeting.board', { meetingId: meeting.id }))).toBe('OUT_OF_SCOPE')
    const qian = (await t.cloud.db().collection('members').where({ name: '钱文静' }).get()).data[0]
    expect(
      codeOf(
        await t.call(other, 'meeting.mark', {
          meetingId: meeting.id,
          memberId: qian._id,
          status: 'present',
          reason: '代签',
        }),
      ),
    ).toBe('OUT_OF_SCOPE')
    expect(
      codeOf(
        await t.call(other, 'meeting.create', {
          branchId: 'org_office',
          title: '越权会议',
          type: 'other',
          startAt: '2026-12-01T09:00:00+08:00',
          endAt: '2026-12-01T10:00:00+08:00',
          place: '会议室',
        }),
      ),
    ).toBe('OUT_OF_SCOPE')
    expect(await t.count('attendance')).toBe(0)
  })

  it('a plain member cannot get the code', async () => {
    const { meeting } = await officeMeeting(t)
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'meeting.qrToken', { meetingId: meeting.id }))).toBe(
      'FORBIDDEN',
    )
  })
})

describe('the printed code', () => {
  it('works only when enabled and only inside the window', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 40, staticCode: true })
    const { scene, url } = await t.ok(admin, 'meeting.staticCode', { meetingId: meeting.id })
    expect(scene.length).toBeLessThanOrEqual(32)
    expect(url).toMatch(/\/cloud\/storage\/meeting-codes\/.+\.png$/)
    const member = await t.openidOf('钱文静')
    expect(codeOf(await t.call(member, 'meeting.checkIn', { token: scene }))).toBe('MEETING_WINDOW_NOT_OPEN')
    t.cloud.clock.advance(15 * 60_000)
    expect((await t.ok(member, 'meeting.checkIn', { token: scene })).already).toBe(false)
    const plain = await officeMeeting(t, { startsInMin: 0, title: '支委会', type: 'branch_committee' })
    expect(codeOf(await t.call(admin, 'meeting.staticCode', { meetingId: plain.meeting.id }))).toBe(
      'MEETING_STATIC_CODE_OFF',
    )
  })
})
