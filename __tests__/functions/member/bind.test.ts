import { ERRORS } from '../../../src/contract/errors'
import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

// 周明 is seeded unbound in 办公室党支部; the seed gives the i-th member the phone 1390000 + (1001 + 7i).
const ZHOU = { name: '周明', tail: '1022' }

describe('binding a WeChat identity to the roster', () => {
  it('a bound member sees their branch and role', async () => {
    const me = await t.ok(await t.openidOf('李秀英'), 'member.whoami', {})
    expect(me.member).toMatchObject({
      name: '李秀英',
      branchName: '办公室党支部',
      role: 'branch_admin',
      phoneMasked: expect.stringMatching(/^139\*{4}\d{4}$/),
    })
    expect(me.committeeName).toBe('示范市财政局机关党委')
  })

  it('an unknown WeChat user is told they are not bound yet', async () => {
    const me = await t.ok('wx_new_user', 'member.whoami', {})
    expect(me.member).toBeNull()
    expect(me.pending).toBeNull()
  })

  it('binds with name and the last four digits of the phone, and then the home data shows the branch', async () => {
    const res = await t.ok('wx_zhou', 'member.bind', { mode: 'phone', name: ZHOU.name, phoneTail: ZHOU.tail })
    expect(res.status).toBe('bound')
    expect(res.me.member).toMatchObject({
      name: '周明',
      branchName: '办公室党支部',
      groupName: '第二党小组',
      role: 'member',
      bindStatus: 'bound',
    })
    const again = await t.ok('wx_zhou', 'member.whoami', {})
    expect(again.member?.name).toBe('周明')
  })

  it('a wrong phone tail gets the Chinese error and writes nothing', async () => {
    const before = await t.count('bindings')
    const res = await t.call('wx_zhou', 'member.bind', { mode: 'phone', name: '周明', phoneTail: '9999' })
    expect(res).toEqual({ ok: false, error: { code: 'BIND_NO_MATCH', message: ERRORS.BIND_NO_MATCH } })
    expect(await t.count('bindings')).toBe(before)
    expect(await t.count('members', { name: '周明', bindStatus: 'unbound' })).toBe(1)
  })

  it('a malformed phone tail is rejected before anything is looked up', async () => {
    const res = await t.call('wx_zhou', 'member.bind', { mode: 'phone', name: '周明', phoneTail: '12a' })
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('INVALID_INPUT')
      expect(res.error.message).toBe('手机号后四位应为 4 位数字')
    }
  })

  it('a member already bound to one WeChat cannot be taken by another, and the answer does not confirm the tail', async () => {
    await t.ok('wx_zhou', 'member.bind', { mode: 'phone', name: ZHOU.name, phoneTail: ZHOU.tail })
    const right = await t.call('wx_someone_else', 'member.bind', {
      mode: 'phone',
      name: ZHOU.name,
      phoneTail: ZHOU.tail,
    })
    const wrong = await t.call('wx_someone_else', 'member.bind', { mode: 'phone', name: ZHOU.name, phoneTail: '0000' })
    expect(right).toEqual({ ok: false, error: { code: 'BIND_NO_MATCH', message: ERRORS.BIND_NO_MATCH } })
    expect(wrong).toEqual(right)
    expect((await t.ok('wx_zhou', 'member.whoami', {})).member?.name).toBe('周明')
  })

  it('one WeChat identity cannot bind a second member', async () => {
    const res = await t.call(await t.openidOf('冯涛'), 'member.bind', {
      mode: 'phone',
      name: ZHOU.name,
      phoneTail: ZHOU.tail,
    })
    expect(res.ok || res.error.code).toBe('BIND_ALREADY')
  })

  it('ten concurrent bind requests from the same phone land on one binding', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call('wx_zhou', 'member.bind', { mode: 'phone', name: ZHOU.name, phoneTail: ZHOU.tail }),
      ),
    )
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1)
    // Each request takes one of the identity's five attempts before it is looked at, so a burst may also be limited.
    for (const r of results) if (!r.ok) expect(['BIND_ALREADY', 'CONFLICT', 'BIND_LIMITED']).toContain(r.error.code)
    expect(
      await t.count('bindings', {
        memberId: (await t.cloud.db().collection('members').where({ name: '周明' }).get()).data[0]._id,
      }),
    ).toBe(1)
  })

  it('two different phones racing for one member: exactly one wins', async () => {
    const results = await Promise.all(
      ['wx_a', 'wx_b', 'wx_c', 'wx_d'].map((o) =>
        t.call(o, 'member.bind', { mode: 'phone', name: ZHOU.name, phoneTail: ZHOU.tail }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const m = (await t.cloud.db().collection('members').where({ name: '周明' }).get()).data[0]
    expect(await t.count('bindings', { memberId: m._id })).toBe(1)
  })
})

describe('binding by branch invite code', () => {
  it('waits for the branch admin, who approves it; the approval is audited', async () => {
    const res = await t.ok('wx_sun', 'member.bind', { mode: 'invite', name: '孙婷', inviteCode: 'ysczb3' })
    expect(res.status).toBe('pending')
    expect((await t.ok('wx_sun', 'member.whoami', {})).pending).toEqual({ name: '孙婷', branchName: '预算处党支部' })

    const admin = await t.openidOf('王志强')
    const pending = await t.ok(admin, 'member.list', { bindStatus: 'pending' })
    const sun = pending.items.find((m) => m.name === '孙婷')!
    expect(sun).toBeDefined()
    await t.ok(admin, 'member.approveBinding', { memberId: sun.id, approve: true })
    expect((await t.ok('wx_sun', 'member.whoami', {})).member?.name).toBe('孙婷')
    expect(await t.count('audit_logs', { action: 'binding.approve', targetId: sun.id })).toBe(1)
  })

  it('an admin of another branch cannot approve it', async () => {
    await t.ok('wx_sun', 'member.bind', { mode: 'invite', name: '孙婷', inviteCode: 'YSCZB3' })
    const sun = (await t.cloud.db().collection('members').where({ name: '孙婷' }).get()).data[0]
    const res = await t.call(await t.openidOf('张丽华'), 'member.approveBinding', { memberId: sun._id, approve: true })
    expect(res.ok || res.error.code).toBe('OUT_OF_SCOPE')
    expect((await t.ok('wx_sun', 'member.whoami', {})).member).toBeNull()
  })

  it('a wrong invite code says so', async () => {
    const res = await t.call('wx_sun', 'member.bind', { mode: 'invite', name: '孙婷', inviteCode: 'ZZZZZZ' })
    expect(res.ok || res.error.code).toBe('BIND_INVITE_INVALID')
  })
})

describe('unbinding', () => {
  it('a member asks, the branch admin approves, and the WeChat identity is free again', async () => {
    const openid = await t.openidOf('林静怡')
    expect((await t.ok(openid, 'member.unbind', {})).status).toBe('requested')
    expect((await t.ok(openid, 'member.whoami', {})).member?.unbindRequested).toBe(true)
    const admin = await t.openidOf('张丽华')
    const requests = await t.ok(admin, 'member.list', { bindStatus: 'unbind_requested' })
    const lin = requests.items.find((m) => m.name === '林静怡')!
    await t.ok(admin, 'member.approveBinding', { memberId: lin.id, approve: true })
    expect((await t.ok(openid, 'member.whoami', {})).member).toBeNull()
    expect(await t.count('audit_logs', { action: 'unbind.approve', targetId: lin.id })).toBe(1)
  })
})
