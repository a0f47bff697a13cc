import { startTestCloud, type TestCloud } from './local-cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

describe('every call goes through the router', () => {
  it('an unknown action is refused with a Chinese message', async () => {
    const res = await t.call('wx_x', 'member.nope' as 'member.whoami', {})
    expect(res).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的操作，请升级小程序后重试' } })
  })

  it('a call without a WeChat identity is refused', async () => {
    const res = await t.call('', 'member.whoami', {})
    expect(res.ok || res.error.code).toBe('NOT_SIGNED_IN')
  })

  it('an unbound caller cannot reach member-only actions', async () => {
    const res = await t.call('wx_stranger', 'member.tree', {})
    expect(res.ok || res.error.code).toBe('NOT_BOUND')
  })

  it('identity comes from WeChat, never from the input', async () => {
    const admin = await t.ok(await t.openidOf('钱文静'), 'member.whoami', { openid: await t.openidOf('陈建国') })
    expect(admin.member?.name).toBe('钱文静')
  })

  it('lists every problem with the input in Chinese', async () => {
    const res = await t.call('wx_x', 'member.bind', { mode: 'phone', name: '', phoneTail: '12' })
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('INVALID_INPUT')
      expect(res.error.details).toEqual([
        { path: 'name', message: '请填写姓名' },
        { path: 'phoneTail', message: '手机号后四位应为 4 位数字' },
      ])
    }
  })

  it('an unexpected failure is logged once and the user gets a calm message', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const res = await t.call(await t.openidOf('陈建国'), 'member.import', { fileID: 'cloud://local/missing.xlsx' })
    // A missing upload is an expected, explained failure, not a crash.
    expect(res.ok || res.error.code).toBe('IMPORT_FILE_UNREADABLE')
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  })
})

describe('bootstrapping a fresh environment', () => {
  let fresh: TestCloud
  beforeEach(async () => {
    fresh = await startTestCloud({ seed: false })
    process.env.BOOTSTRAP_SECRET = 'first-admin-secret'
  })
  afterEach(() => {
    delete process.env.BOOTSTRAP_SECRET
    fresh.close()
  })

  it('the holder of the one-time secret, from the console, makes the first org admin once; they then bind in the app', async () => {
    // From the console (manager-node invokeFunction): no OPENID.
    const wrong = await fresh.call('', 'member.bootstrap', {
      secret: 'guessing-wrong',
      name: '管理员',
      phone: '13700000000',
    })
    expect(wrong.ok || wrong.error.code).toBe('BOOTSTRAP_BAD_SECRET')
    const { me } = await fresh.ok('', 'member.bootstrap', {
      secret: 'first-admin-secret',
      name: '管 理员',
      phone: '13700000000',
    })
    expect(me.member).toMatchObject({ name: '管理员', role: 'org_admin', branchName: '机关党委' })
    const again = await fresh.call('', 'member.bootstrap', {
      secret: 'first-admin-secret',
      name: '他人',
      phone: '13700000001',
    })
    expect(again.ok || again.error.code).toBe('BOOTSTRAP_DISABLED')

    // Created unbound: the admin binds with name + phone tail like anyone, and is the org admin from then on.
    const bound = await fresh.ok('wx_admin', 'member.bind', { mode: 'phone', name: '管理员', phoneTail: '0000' })
    expect(bound.status).toBe('bound')
    expect(bound.me.member).toMatchObject({ name: '管理员', role: 'org_admin' })
  })

  it('cannot be called from the app, even with the right secret', async () => {
    const res = await fresh.call('wx_someone', 'member.bootstrap', {
      secret: 'first-admin-secret',
      name: '冒充者',
      phone: '13700000009',
    })
    expect(res.ok || res.error.code).toBe('FORBIDDEN')
    const admins = await fresh.cloud.db().collection('members').where({ role: 'org_admin' }).count()
    expect(admins.total).toBe(0)
  })
})
