import ExcelJS from 'exceljs'
import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

async function file(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  rows.forEach((r) => ws.addRow(r))
  return t.cloud.storage.upload(
    `imports/r-${Math.random().toString(36).slice(2)}.xlsx`,
    Buffer.from(await wb.xlsx.writeBuffer()),
  )
}

const HEADER = ['姓名', '手机号', '所在支部', '党小组', '角色', '职务']
// Seed phones: 1390000 + (1001 + 7i). 陈建国 (i 0, org admin, 办公室党支部), 何雨桐 (6, 组织委员), 钱文静 (4),
// 冯涛 (11, 预算处党支部).
const CHEN = '13900001001'
const HE = '13900001043'
const QIAN = '13900001029'
const FENG = '13900001078'

const member = async (name: string) => (await t.cloud.db().collection('members').where({ name }).limit(1).get()).data[0]
const snapshot = async () =>
  JSON.stringify((await t.cloud.db().collection('members').orderBy('_id', 'asc').limit(100).get()).data)

describe('a roster import cannot reach past its branch or rank', () => {
  it("a branch admin's row naming another branch's member is a row error, not a move", async () => {
    const before = await snapshot()
    const res = await t.call(await t.openidOf('李秀英'), 'member.import', {
      fileID: await file([HEADER, ['冯涛', FENG, '办公室党支部', '', '', '']]),
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } })
    if (!res.ok)
      expect(res.error.details).toEqual([{ row: 2, path: '手机号', message: expect.stringContaining('其他支部') }])
    expect(await snapshot()).toBe(before)
  })

  it("a branch admin's file cannot change the org admin of her branch, nor anyone's role", async () => {
    const before = await snapshot()
    const res = await t.call(await t.openidOf('李秀英'), 'member.import', {
      fileID: await file([
        HEADER,
        ['陈建国', CHEN, '办公室党支部', '第一党小组', '', '普通党员'],
        ['何雨桐', HE, '办公室党支部', '第一党小组', '党员', '组织委员'],
        ['钱文静', QIAN, '办公室党支部', '第一党小组', '支部管理员', ''],
      ]),
    })
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.details?.map((d) => [d.row, d.path])).toEqual([
        [2, '姓名'],
        [4, '角色'],
      ])
      expect(res.error.details?.[0].message).toMatch(/只有机关党委管理员可以操作/)
    }
    expect(await snapshot()).toBe(before)
  })

  it("an org admin's file may not leave the committee without an org admin", async () => {
    const res = await t.call(await t.openidOf('陈建国'), 'member.import', {
      fileID: await file([HEADER, ['陈建国', CHEN, '办公室党支部', '第一党小组', '党员', '']]),
    })
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_INVALID', details: [{ row: 2, path: '角色', message: '不能撤销最后一名机关党委管理员' }] },
    })
    expect((await member('陈建国')).role).toBe('org_admin')
  })

  it('a blank 职务 keeps the stored one, 清空 clears it, and the preview shows each change before anything is written', async () => {
    const admin = await t.openidOf('陈建国')
    const fileID = await file([
      HEADER,
      ['何雨桐', HE, '办公室党支部', '', '', ''],
      ['钱文静', QIAN, '办公室党支部', '第一党小组', '', '宣传委员'],
      ['冯涛', FENG, '办公室党支部', '', '支部管理员', '清空'],
    ])
    const before = await snapshot()
    const preview = await t.ok(admin, 'member.import', { fileID })
    expect(await snapshot()).toBe(before)
    expect(preview).toMatchObject({
      stage: 'preview',
      created: 0,
      updated: 2,
      moved: 1,
      reroled: 1,
      unchanged: 1,
      total: 3,
    })
    expect(preview.rows).toEqual([
      {
        row: 3,
        kind: 'update',
        name: '钱文静',
        moved: false,
        reroled: false,
        changes: [{ field: '职务', before: '（空）', after: '宣传委员' }],
      },
      {
        row: 4,
        kind: 'update',
        name: '冯涛',
        moved: true,
        reroled: true,
        changes: [
          { field: '所在支部', before: '预算处党支部', after: '办公室党支部' },
          { field: '角色', before: '党员', after: '支部管理员' },
        ],
      },
    ])
    const done = await t.ok(admin, 'member.import', { fileID, confirm: preview.confirmToken })
    expect(done).toMatchObject({ stage: 'done', updated: 2 })
    expect(await member('何雨桐')).toMatchObject({ title: '组织委员', groupId: 'org_office_g1' })
    expect(await member('钱文静')).toMatchObject({ title: '宣传委员' })
    expect(await member('冯涛')).toMatchObject({ branchId: 'org_office', role: 'branch_admin', title: null })
    const audits = (await t.cloud.db().collection('audit_logs').where({ action: 'member.import.update' }).get()).data
    expect(audits.map((a) => [a.before, a.after])).toEqual(
      expect.arrayContaining([
        [{ title: null }, { title: '宣传委员' }],
        [
          { branchId: 'org_budget', role: 'member' },
          { branchId: 'org_office', role: 'branch_admin' },
        ],
      ]),
    )
  })

  it('a 清空 cell clears a stored 职务', async () => {
    const admin = await t.openidOf('陈建国')
    const fileID = await file([HEADER, ['何雨桐', HE, '办公室党支部', '第一党小组', '', '清空']])
    const preview = await t.ok(admin, 'member.import', { fileID })
    expect(preview.rows[0].changes).toEqual([{ field: '职务', before: '组织委员', after: '（空）' }])
    await t.ok(admin, 'member.import', { fileID, confirm: preview.confirmToken })
    expect((await member('何雨桐')).title).toBeNull()
  })

  it('a confirmation of a preview that no longer holds is refused and writes nothing', async () => {
    const admin = await t.openidOf('陈建国')
    const fileID = await file([HEADER, ['钱文静', QIAN, '办公室党支部', '第一党小组', '', '宣传委员']])
    const preview = await t.ok(admin, 'member.import', { fileID })
    await t.cloud
      .db()
      .collection('members')
      .doc((await member('钱文静'))._id)
      .update({ data: { title: '青年委员' } })
    const res = await t.call(admin, 'member.import', { fileID, confirm: preview.confirmToken })
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await member('钱文静')).title).toBe('青年委员')
    const forged = await t.call(admin, 'member.import', { fileID, confirm: 'f'.repeat(64) })
    expect(forged).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})

describe('members who left are not brought back by a file', () => {
  it('a row for a member marked 转出 is a row error naming her status; nothing is written', async () => {
    const admin = await t.openidOf('李秀英')
    const qian = await member('钱文静')
    await t.ok(admin, 'member.setStatus', { memberId: qian._id, status: 'transferred', reason: '调往市审计局' })
    const before = await snapshot()
    const res = await t.call(admin, 'member.import', {
      fileID: await file([HEADER, ['钱文静', QIAN, '办公室党支部', '第一党小组', '', '']]),
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } })
    if (!res.ok)
      expect(res.error.details).toEqual([
        { row: 2, path: '手机号', message: expect.stringMatching(/钱文静已标记为“转出”，导入不会恢复/) },
      ])
    expect(await snapshot()).toBe(before)
    expect((await member('钱文静')).status).toBe('left')
  })

  it('restored through 党员管理, the same file then imports', async () => {
    const admin = await t.openidOf('李秀英')
    const qian = await member('钱文静')
    await t.ok(admin, 'member.setStatus', { memberId: qian._id, status: 'transferred', reason: '调往市审计局' })
    await t.ok(admin, 'member.setStatus', { memberId: qian._id, status: 'active', reason: '调动取消' })
    const fileID = await file([HEADER, ['钱文静', QIAN, '办公室党支部', '第一党小组', '', '']])
    const preview = await t.ok(admin, 'member.import', { fileID })
    expect(preview.stage).toBe('preview')
  })
})

describe('columns the importer does not know', () => {
  it('are listed in the preview and in the result', async () => {
    const admin = await t.openidOf('李秀英')
    const fileID = await file([
      ['序号', '党员姓名', '手机号码', '党支部', '入党时间'],
      ['1', '钱文静', QIAN, '办公室党支部', '2001-07-01'],
    ])
    const preview = await t.ok(admin, 'member.import', { fileID })
    expect(preview.unknownColumns).toEqual(['序号', '入党时间'])
    expect(preview.total).toBe(1)
  })
})

describe('the import template', () => {
  it('has the headers the importer reads, a text phone column, the spellings, and only the caller’s branches', async () => {
    const res = await t.ok(await t.openidOf('李秀英'), 'archive.rosterTemplate', {})
    expect(res.fileName).toBe('花名册导入模板.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(t.cloud.storage.download(res.fileID) as unknown as ArrayBuffer)
    const roster = wb.getWorksheet('花名册')!
    expect((roster.getRow(1).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '手机号',
      '所在支部',
      '党小组',
      '角色',
      '性别',
      '职务',
    ])
    expect(roster.rowCount).toBe(1)
    expect(roster.getColumn(2).numFmt).toBe('@')
    const notes = wb.getWorksheet('说明')!
    expect(String(notes.getRow(3).getCell(3).value)).toContain('联系电话')
    const places: unknown[][] = []
    wb.getWorksheet('支部与党小组')!.eachRow((r, n) => n > 1 && places.push((r.values as unknown[]).slice(1)))
    expect(places.every((p) => p[0] === '办公室党支部')).toBe(true)
    expect(places.map((p) => p[1])).toEqual(['第一党小组', '第二党小组'])

    // The template, filled in, imports.
    roster.addRow(['新党员', '13911112222', '办公室党支部', '第一党小组', '', '女', ''])
    const fileID = await t.cloud.storage.upload('imports/r-template.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))
    const preview = await t.ok(await t.openidOf('李秀英'), 'member.import', { fileID })
    expect(preview).toMatchObject({ created: 1, unknownColumns: [] })
  })
})
