import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

describe('the roster and its scopes', () => {
  it('a branch admin sees only their own branch', async () => {
    const res = await t.ok(await t.openidOf('李秀英'), 'member.list', {})
    expect(res.total).toBe(8)
    expect(new Set(res.items.map((m) => m.branchName))).toEqual(new Set(['办公室党支部']))
  })

  it("a member of branch A cannot list branch B's roster", async () => {
    const res = await t.call(await t.openidOf('李秀英'), 'member.list', { orgId: 'org_budget' })
    expect(res.ok || res.error.code).toBe('OUT_OF_SCOPE')
    const plain = await t.call(await t.openidOf('钱文静'), 'member.list', { orgId: 'org_office' })
    expect(plain.ok || plain.error.code).toBe('FORBIDDEN')
  })

  it('a secretary opens one member of her branch by id, and a member of another branch is not there for her', async () => {
    const lxy = await t.openidOf('李秀英')
    const own = (await t.ok(lxy, 'member.list', { keyword: '钱文静' })).items[0]
    const got = await t.ok(lxy, 'member.get', { memberId: own.id })
    expect(got.member).toEqual(own)
    const other = (await t.ok(await t.openidOf('陈建国'), 'member.list', { orgId: 'org_budget' })).items[0]
    const res = await t.call(lxy, 'member.get', { memberId: other.id })
    expect(res.ok || res.error.code).toBe('OUT_OF_SCOPE')
    const missing = await t.call(await t.openidOf('陈建国'), 'member.get', { memberId: 'nobody' })
    expect(missing.ok || missing.error.code).toBe('NOT_FOUND')
    const plain = await t.call(await t.openidOf('钱文静'), 'member.get', { memberId: own.id })
    expect(plain.ok || plain.error.code).toBe('FORBIDDEN')
  })

  it('the org admin sees every branch, twenty at a time', async () => {
    const admin = await t.openidOf('陈建国')
    const first = await t.ok(admin, 'member.list', {})
    expect(first.total).toBe(32)
    expect(first.items).toHaveLength(20)
    const second = await t.ok(admin, 'member.list', { page: 2 })
    expect(second.items).toHaveLength(12)
    const ids = new Set([...first.items, ...second.items].map((m) => m.id))
    expect(ids.size).toBe(32)
  })

  it('a general branch lists the branches under it; a group lists its members', async () => {
    const admin = await t.openidOf('陈建国')
    expect((await t.ok(admin, 'member.list', { orgId: 'org_gb1' })).total).toBe(16)
    expect((await t.ok(admin, 'member.list', { orgId: 'org_office_g1' })).total).toBe(4)
  })

  it('searches by name', async () => {
    const res = await t.ok(await t.openidOf('陈建国'), 'member.list', { keyword: '晓' })
    expect(res.items.map((m) => m.name).sort()).toEqual(['程晓梅', '赵晓燕'].sort())
  })

  it('never returns a full phone number', async () => {
    const res = await t.ok(await t.openidOf('陈建国'), 'member.list', { pageSize: 20 })
    for (const m of res.items) expect(JSON.stringify(m)).not.toMatch(/1390000\d{4}/)
  })

  it('asking for more than 20 rows is refused with a Chinese message', async () => {
    const res = await t.call(await t.openidOf('陈建国'), 'member.list', { pageSize: 100 })
    expect(res.ok || res.error.message).toBe('每页条数不能大于 20')
  })
})

describe('roles', () => {
  it('the org admin changes a role, and the change is audited', async () => {
    const admin = await t.openidOf('陈建国')
    const feng = (await t.cloud.db().collection('members').where({ name: '冯涛' }).get()).data[0]
    const res = await t.ok(admin, 'member.setRole', { memberId: feng._id, role: 'branch_admin' })
    expect(res.member.role).toBe('branch_admin')
    const audit = (
      await t.cloud.db().collection('audit_logs').where({ action: 'member.setRole', targetId: feng._id }).get()
    ).data
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorName: '陈建国', before: { role: 'member' }, after: { role: 'branch_admin' } })
  })

  it('a branch admin cannot change roles', async () => {
    const feng = (await t.cloud.db().collection('members').where({ name: '韩磊' }).get()).data[0]
    const res = await t.call(await t.openidOf('王志强'), 'member.setRole', { memberId: feng._id, role: 'org_admin' })
    expect(res.ok || res.error.code).toBe('FORBIDDEN')
    expect((await t.cloud.db().collection('members').where({ name: '韩磊' }).get()).data[0].role).toBe('member')
  })

  it('the last org admin cannot be demoted', async () => {
    const admin = await t.openidOf('陈建国')
    const chen = (await t.cloud.db().collection('members').where({ name: '陈建国' }).get()).data[0]
    const res = await t.call(admin, 'member.setRole', { memberId: chen._id, role: 'member' })
    expect(res.ok || res.error.code).toBe('ROLE_LAST_ORG_ADMIN')
  })
})

describe('the org tree', () => {
  it('shows 机关党委 → 党总支 → 党支部 → 党小组 without invite codes', async () => {
    const { tree } = await t.ok(await t.openidOf('钱文静'), 'member.tree', {})
    expect(tree).toHaveLength(1)
    expect(tree[0].name).toBe('示范市财政局机关党委')
    const gb = tree[0].children.find((c) => c.type === 'general_branch')!
    expect(gb.children.map((b) => b.name)).toEqual(['办公室党支部', '预算处党支部'])
    expect(JSON.stringify(tree)).not.toContain('inviteCode')
  })

  it('refuses a branch under a group', async () => {
    const res = await t.call(await t.openidOf('陈建国'), 'member.upsertOrg', {
      name: '新支部',
      type: 'branch',
      parentId: 'org_office_g1',
    })
    expect(res.ok || res.error.message).toBe('党支部不能设在党小组之下')
  })

  it('creates a branch with an invite code its admin can read', async () => {
    const admin = await t.openidOf('陈建国')
    const { org } = await t.ok(admin, 'member.upsertOrg', {
      name: '法规处党支部',
      type: 'branch',
      parentId: 'org_root',
    })
    const { code } = await t.ok(admin, 'member.inviteCode', { branchId: org.id })
    expect(code).toMatch(/^[A-Z2-9]{6}$/)
    const other = await t.call(await t.openidOf('李秀英'), 'member.inviteCode', { branchId: org.id })
    expect(other.ok || other.error.code).toBe('OUT_OF_SCOPE')
  })
})
