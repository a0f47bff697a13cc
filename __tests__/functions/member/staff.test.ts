import ExcelJS from 'exceljs'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting } from '../meeting/fixtures'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(() => t.close())

async function memberId(name: string): Promise<string> {
  return (await t.cloud.db().collection('members').where({ name }).limit(1).get()).data[0]._id
}
async function orgDoc(id: string) {
  return (await t.cloud.db().collection('orgs').where({ _id: id }).limit(1).get()).data[0]
}
async function audits(action: string, targetId: string) {
  return (await t.cloud.db().collection('audit_logs').where({ action, targetId }).get()).data
}

describe('editing the org tree', () => {
  it('moves a 党支部 to another 党总支 with its 党小组 following, and audits the move', async () => {
    const admin = await t.openidOf('陈建国')
    const { org: gb2 } = await t.ok(admin, 'member.upsertOrg', {
      name: '机关第二党总支',
      type: 'general_branch',
      parentId: 'org_root',
    })
    const { org } = await t.ok(admin, 'member.upsertOrg', {
      id: 'org_treasury',
      revision: 0,
      name: '国库处党支部',
      type: 'branch',
      parentId: gb2.id,
    })
    expect(org.parentId).toBe(gb2.id)
    expect((await orgDoc('org_treasury')).ancestors).toEqual(['org_root', gb2.id])
    expect((await orgDoc('org_treasury_g1')).ancestors).toEqual(['org_root', gb2.id, 'org_treasury'])
    const { tree } = await t.ok(admin, 'member.tree', {})
    const moved = tree[0].children.find((c) => c._id === gb2.id)!
    expect(moved.children.map((c) => c.name)).toEqual(['国库处党支部'])
    expect(await audits('org.move', 'org_treasury')).toHaveLength(1)
    // The branch admin of the moved branch still manages it: scope follows the new path.
    expect((await t.ok(await t.openidOf('张丽华'), 'member.list', {})).total).toBe(8)
  })

  it('refuses a loop: a 党总支 cannot go under its own 党支部, nor itself', async () => {
    const admin = await t.openidOf('陈建国')
    const res = await t.call(admin, 'member.upsertOrg', {
      id: 'org_gb1',
      name: '机关第一党总支',
      type: 'general_branch',
      parentId: 'org_gb1',
    })
    expect(res.ok || res.error.code).toBe('ORG_INVALID_PARENT')
    expect((await orgDoc('org_gb1')).parentId).toBe('org_root')
  })

  it('moves a 党小组 to another 党支部 and its members go with it', async () => {
    const admin = await t.openidOf('陈建国')
    const { org: group } = await t.ok(admin, 'member.upsertOrg', {
      name: '临时党小组',
      type: 'group',
      parentId: 'org_budget',
    })
    await t.ok(admin, 'member.moveMember', {
      memberId: await memberId('邓国栋'),
      branchId: 'org_budget',
      groupId: group.id,
    })
    await t.ok(admin, 'member.upsertOrg', {
      id: group.id,
      revision: group.revision,
      name: '临时党小组',
      type: 'group',
      parentId: 'org_retired',
    })
    const deng = (await t.cloud.db().collection('members').where({ name: '邓国栋' }).get()).data[0]
    expect(deng).toMatchObject({ branchId: 'org_retired', groupId: group.id })
  })

  it('retires an empty 党小组, refuses a 党支部 that still has members, and a retired org leaves the tree', async () => {
    const admin = await t.openidOf('陈建国')
    const busy = await t.call(admin, 'member.retireOrg', { id: 'org_budget' })
    expect(busy.ok || busy.error.message).toMatch(/预算处党支部还有\d+名党员/)
    const parent = await t.call(admin, 'member.retireOrg', { id: 'org_gb1' })
    expect(parent.ok || parent.error.message).toMatch(/下级组织/)
    const { org: empty } = await t.ok(admin, 'member.upsertOrg', {
      name: '待撤销党小组',
      type: 'group',
      parentId: 'org_office',
    })
    await t.ok(admin, 'member.retireOrg', { id: empty.id, reason: '机构调整' })
    expect(JSON.stringify((await t.ok(admin, 'member.tree', {})).tree)).not.toContain('待撤销党小组')
    const gone = await t.call(admin, 'member.moveMember', {
      memberId: await memberId('钱文静'),
      branchId: 'org_office',
      groupId: empty.id,
    })
    expect(gone.ok || gone.error.code).toBe('INVALID_INPUT')
    expect(await audits('org.retire', empty.id)).toHaveLength(1)
  })

  it('a branch admin cannot edit the tree', async () => {
    const res = await t.call(await t.openidOf('李秀英'), 'member.upsertOrg', {
      id: 'org_office',
      name: '综合处党支部',
      type: 'branch',
      parentId: 'org_gb1',
    })
    expect(res.ok || res.error.code).toBe('FORBIDDEN')
  })
})

describe('the branch committee', () => {
  it('lists posts 书记 first, and a second 书记 is refused naming the one in office', async () => {
    const admin = await t.openidOf('李秀英')
    const c = await t.ok(admin, 'member.committee', { branchId: 'org_office' })
    expect(c.posts.map((p) => `${p.post}:${p.name}`)).toEqual(['书记:李秀英', '组织委员:何雨桐'])
    const res = await t.call(admin, 'member.setPost', { memberId: await memberId('钱文静'), post: '书记' })
    expect(res.ok || res.error.message).toBe('办公室党支部的书记是李秀英，请先撤下再任命')
    await t.ok(admin, 'member.setPost', { memberId: await memberId('钱文静'), post: '宣传委员' })
    await t.ok(admin, 'member.setPost', { memberId: await memberId('孙浩然'), post: '副书记' })
    const after = await t.ok(admin, 'member.committee', { branchId: 'org_office' })
    expect(after.posts.map((p) => p.post)).toEqual(['书记', '副书记', '组织委员', '宣传委员'])
    expect(await audits('member.post', await memberId('钱文静'))).toHaveLength(1)
  })

  it("another branch's committee is out of a branch admin's scope", async () => {
    const res = await t.call(await t.openidOf('李秀英'), 'member.committee', { branchId: 'org_budget' })
    expect(res.ok || res.error.code).toBe('OUT_OF_SCOPE')
  })
})

describe('moving members and marking them 转出 / 去世 / 停止党籍', () => {
  it('a branch admin moves a member between her groups but not to another branch', async () => {
    const admin = await t.openidOf('李秀英')
    const ma = await memberId('马俊杰')
    const res = await t.ok(admin, 'member.moveMember', {
      memberId: ma,
      branchId: 'org_office',
      groupId: 'org_office_g1',
    })
    expect(res.member.groupName).toBe('第一党小组')
    const away = await t.call(admin, 'member.moveMember', { memberId: ma, branchId: 'org_budget' })
    expect(away.ok || away.error.code).toBe('OUT_OF_SCOPE')
    expect(await audits('member.move', ma)).toHaveLength(1)
  })

  it('nobody below org admin acts on an org admin', async () => {
    const res = await t.call(await t.openidOf('李秀英'), 'member.setStatus', {
      memberId: await memberId('陈建国'),
      status: 'transferred',
      reason: '调往省厅',
    })
    expect(res.ok || res.error.message).toBe('对方是机关党委管理员，只有机关党委管理员可以操作')
    const move = await t.call(await t.openidOf('李秀英'), 'member.moveMember', {
      memberId: await memberId('陈建国'),
      branchId: 'org_office',
      groupId: 'org_office_g2',
    })
    expect(move.ok || move.error.code).toBe('FORBIDDEN')
  })

  it('nobody marks themselves 转出', async () => {
    const res = await t.call(await t.openidOf('陈建国'), 'member.setStatus', {
      memberId: await memberId('陈建国'),
      status: 'transferred',
      reason: '调走',
    })
    expect(res.ok || res.error.code).toBe('FORBIDDEN')
  })

  it('转出 needs a reason; the member leaves the roster, upcoming 应到 lists and 应考 counts, keeps history, and can be restored', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 24 * 60, title: '下周党员大会' })
    const sun = await memberId('孙浩然')
    expect(meeting.expectedCount).toBe(8)
    const noReason = await t.call(admin, 'member.setStatus', { memberId: sun, status: 'transferred' })
    expect(noReason.ok || noReason.error.code).toBe('INVALID_INPUT')
    const res = await t.ok(admin, 'member.setStatus', { memberId: sun, status: 'transferred', reason: '调往市审计局' })
    expect(res.member).toMatchObject({ status: 'left', leftReason: 'transferred', post: null })
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(board.tally.expected).toBe(7)
    expect(board.rows.map((r) => r.name)).not.toContain('孙浩然')
    const roster = await t.ok(admin, 'member.list', {})
    expect(roster.items.map((m) => m.name)).not.toContain('孙浩然')
    const left = await t.ok(admin, 'member.list', { status: 'left' })
    expect(left.items.map((m) => m.name)).toEqual(['孙浩然'])
    // The member can no longer act as one.
    const whoami = await t.ok(`demo_${sun}`, 'member.whoami', {})
    expect(whoami.member).toBeNull()
    const audit = await audits('member.status', sun)
    expect(audit[0]).toMatchObject({
      actorName: '李秀英',
      reason: '调往市审计局',
      after: { status: 'left', leftReason: 'transferred' },
    })
    const back = await t.ok(admin, 'member.setStatus', { memberId: sun, status: 'active', reason: '录入错误' })
    expect(back.member).toMatchObject({ status: 'active', leftReason: null })
  })
})

describe('the roster export', () => {
  async function sheetOf(fileID: string) {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(t.cloud.storage.download(fileID) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    return ws
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1))
  }

  it("a branch admin exports her branch, masked, in the screen's order, with the importer's headers and 党小组", async () => {
    const admin = await t.openidOf('李秀英')
    const res = await t.ok(admin, 'member.exportRoster', {})
    const rows = await sheetOf(res.fileID)
    expect(rows[0]).toEqual(['姓名', '手机号', '所在支部', '党小组', '角色', '性别', '职务', '支委职务', '绑定状态'])
    const listed = [
      ...(await t.ok(admin, 'member.list', {})).items,
      ...(await t.ok(admin, 'member.list', { page: 2 })).items,
    ]
    expect(rows.slice(1).map((r) => r[0])).toEqual(listed.map((m) => m.name))
    expect(res.rows).toBe(listed.length)
    expect(JSON.stringify(rows)).not.toMatch(/1390000\d{4}/)
    expect(rows.find((r) => r[0] === '李秀英')).toEqual(expect.arrayContaining(['第一党小组', '书记']))
    const full = await t.call(admin, 'member.exportRoster', { fullPhones: true })
    expect(full.ok || full.error.code).toBe('FORBIDDEN')
  })

  it('an org admin gets full phone numbers, and that export is audited', async () => {
    const res = await t.ok(await t.openidOf('陈建国'), 'member.exportRoster', { orgId: 'org_budget', fullPhones: true })
    const rows = await sheetOf(res.fileID)
    expect(rows.slice(1).every((r) => /^1\d{10}$/.test(String(r[1])))).toBe(true)
    const audit = await audits('member.exportRoster', 'org_budget')
    expect(audit[0]).toMatchObject({ actorName: '陈建国', after: { fullPhones: true, rows: rows.length - 1 } })
  })
})

describe('what waits for an admin', () => {
  it('counts bindings and leave in her scope, and sign-ups for the union organiser', async () => {
    const fresh = await startTestCloud()
    try {
      const li = await fresh.openidOf('李秀英')
      // Seeded: 郑洁 (预算处) waits for approval, 黄海 (国库处) asked to unbind; nothing in 办公室 yet.
      expect(await fresh.ok(li, 'member.waiting', {})).toEqual({ leaves: 0, bindings: 0, signups: null, objections: 0 })
      const wang = await fresh.ok(await fresh.openidOf('王志强'), 'member.waiting', {})
      expect(wang.bindings).toBe(1)
      const chen = await fresh.ok(await fresh.openidOf('陈建国'), 'member.waiting', {})
      expect(chen).toMatchObject({ bindings: 2, leaves: 0, signups: 0 })
      const union = await fresh.ok(await fresh.openidOf('赵晓燕'), 'member.waiting', {})
      expect(union).toEqual({ leaves: null, bindings: null, signups: 0, objections: null })
      const { meeting } = await officeMeeting(fresh, { startsInMin: 120 })
      await fresh.ok(await fresh.openidOf('何雨桐'), 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差' })
      expect((await fresh.ok(li, 'member.waiting', {})).leaves).toBe(1)
      expect((await fresh.ok(await fresh.openidOf('王志强'), 'member.waiting', {})).leaves).toBe(0)
      const plain = await fresh.call(await fresh.openidOf('钱文静'), 'member.waiting', {})
      expect(plain.ok || plain.error.code).toBe('FORBIDDEN')
    } finally {
      fresh.close()
    }
  })
})
