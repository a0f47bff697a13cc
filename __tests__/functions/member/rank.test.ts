import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

// 陈建国 is the committee's org admin but sits in 办公室党支部, whose branch admin is 李秀英; 赵晓燕 is its union admin.
describe('rank is checked, not just scope', () => {
  it('a branch admin cannot unbind the org admin who sits in her own branch', async () => {
    const li = await t.openidOf('李秀英')
    const res = await t.call(li, 'member.unbind', { memberId: await t.memberId('陈建国'), reason: '试探' })
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '对方是机关党委管理员，只有机关党委管理员可以操作' },
    })
    expect(await t.count('members', { name: '陈建国', bindStatus: 'bound' })).toBe(1)
    expect(await t.count('audit_logs', { action: 'member.unbind' })).toBe(0)
  })

  it('a branch admin of another branch hears the same about a real id as about a made-up one', async () => {
    const zhang = await t.openidOf('张丽华')
    const real = await t.call(zhang, 'member.unbind', { memberId: await t.memberId('钱文静') })
    const fake = await t.call(zhang, 'member.unbind', { memberId: 'm_0000000000000000' })
    expect(real).toEqual(fake)
    expect(codeOf(real)).toBe('OUT_OF_SCOPE')
  })

  it('the org admin still unbinds anyone, and the branch admin a plain member of her branch', async () => {
    await t.ok(await t.openidOf('李秀英'), 'member.unbind', { memberId: await t.memberId('钱文静'), reason: '换手机' })
    await t.ok(await t.openidOf('陈建国'), 'member.unbind', { memberId: await t.memberId('王志强'), reason: '换手机' })
    expect(await t.count('audit_logs', { action: 'member.unbind' })).toBe(2)
  })

  it('a branch admin cannot approve a pending bind of the org-admin seat', async () => {
    // Make the org admin's roster entry pending for an outsider, as an invite-code request would.
    const chen = await t.memberId('陈建国')
    await t.cloud
      .db()
      .collection('members')
      .doc(chen)
      .update({ data: { openid: null, bindStatus: 'pending', pendingOpenid: 'wx_outsider' } })
    await t.cloud
      .db()
      .collection('bindings')
      .doc('wx_outsider')
      .set({ data: { memberId: chen, status: 'pending', at: new Date() } })
    const res = await t.call(await t.openidOf('李秀英'), 'member.approveBinding', { memberId: chen, approve: true })
    expect(codeOf(res)).toBe('FORBIDDEN')
    expect((await t.ok('wx_outsider', 'member.whoami', {})).member).toBeNull()
  })

  it('an organiser cannot mark herself, nor probe other branches through an open meeting', async () => {
    const li = await t.openidOf('李秀英')
    const { meeting } = await t.ok(li, 'meeting.create', {
      branchId: 'org_office',
      title: '开放党课',
      type: 'party_lecture',
      startAt: '2026-11-23T10:30:00+08:00',
      endAt: '2026-11-23T11:30:00+08:00',
      place: '会议室',
      open: true,
    })
    const self = await t.call(li, 'meeting.mark', {
      meetingId: meeting.id,
      memberId: await t.memberId('李秀英'),
      status: 'present',
      reason: '本人补录',
    })
    expect(codeOf(self)).toBe('FORBIDDEN')
    const other = await t.call(li, 'meeting.mark', {
      meetingId: meeting.id,
      memberId: await t.memberId('冯涛'),
      status: 'present',
      reason: '探测',
    })
    const fake = await t.call(li, 'meeting.mark', {
      meetingId: meeting.id,
      memberId: 'm_ffffffffffffffff',
      status: 'present',
      reason: '探测',
    })
    expect(other).toEqual(fake)
    expect(codeOf(other)).toBe('MEETING_NOT_EXPECTED')
    expect(await t.count('attendance')).toBe(0)
  })
})
