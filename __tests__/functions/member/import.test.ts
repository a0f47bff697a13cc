import { execFileSync } from 'child_process'
import ExcelJS from 'exceljs'
import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  rows.forEach((r) => ws.addRow(r))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function upload(name: string, content: Buffer): string {
  return t.cloud.storage.upload(`imports/${name}`, content)
}

const HEADER = ['姓名', '手机号', '所在支部', '党小组', '职务']

/** Preview, then confirm what the preview showed: the two steps the import page takes. */
async function importFile(as: string, fileID: string) {
  const preview = await t.ok(as, 'member.import', { fileID })
  expect(preview.stage).toBe('preview')
  const done = await t.ok(as, 'member.import', { fileID, confirm: preview.confirmToken })
  return { created: done.created, updated: done.updated, total: done.total }
}

describe('importing a roster', () => {
  it('imports a good .xlsx (with a title row above the header) and the new members can bind', async () => {
    const file = upload(
      'good.xlsx',
      await xlsx([
        ['2026 年党员花名册'],
        HEADER,
        ['欧阳明', '138 0013 8000', '办公室党支部', '第一党小组', ''],
        ['诸葛琳', '13800138001', '国库处党支部', '', '组织委员'],
      ]),
    )
    const res = await importFile(await t.openidOf('陈建国'), file)
    expect(res).toEqual({ created: 2, updated: 0, total: 2 })
    const bound = await t.ok('wx_ouyang', 'member.bind', { mode: 'phone', name: '欧阳明', phoneTail: '8000' })
    expect(bound.me.member).toMatchObject({ branchName: '办公室党支部', groupName: '第一党小组' })
  })

  it('importing the same file twice changes nothing the second time and never duplicates', async () => {
    const rows = [HEADER, ['欧阳明', '13800138000', '办公室党支部', '', '']]
    const admin = await t.openidOf('陈建国')
    await importFile(admin, upload('a.xlsx', await xlsx(rows)))
    const again = await importFile(admin, upload('b.xlsx', await xlsx(rows)))
    expect(again).toEqual({ created: 0, updated: 0, total: 1 })
    expect(await t.count('members', { name: '欧阳明' })).toBe(1)
  })

  it('a file with bad rows imports nothing and lists every problem by row and field', async () => {
    const before = await t.count('members')
    const file = upload(
      'bad.xlsx',
      await xlsx([
        HEADER,
        ['欧阳明', '13800138000', '办公室党支部', '', ''],
        ['', '13800138001', '办公室党支部', '', ''],
        ['诸葛琳', '1380013', '办公室党支部', '', ''],
        ['司马光', '13800138000', '不存在党支部', '', ''],
        ['上官婉', '13800138003', '国库处党支部', '第九党小组', ''],
      ]),
    )
    const res = await t.call(await t.openidOf('陈建国'), 'member.import', { fileID: file })
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('IMPORT_INVALID')
    expect(res.error.message).toBe('导入文件中有错误，未导入任何数据，请按提示修改后重新导入')
    const details = res.error.details!.map((d) => [d.row, d.path])
    expect(details).toEqual([
      [3, '姓名'],
      [4, '手机号'],
      [5, '手机号'],
      [5, '所在支部'],
      [6, '党小组'],
    ])
    expect(res.error.details![2]).toEqual({ row: 5, path: '手机号', message: '手机号与第 2 行重复' })
    expect(await t.count('members')).toBe(before)
  })

  it('a branch admin can only import their own branch', async () => {
    const file = upload('x.xlsx', await xlsx([HEADER, ['欧阳明', '13800138000', '国库处党支部', '', '']]))
    const res = await t.call(await t.openidOf('李秀英'), 'member.import', { fileID: file })
    expect(res.ok || res.error.details?.[0]).toEqual({ row: 2, path: '所在支部', message: '只能导入本支部的党员' })
  })

  it('reads a CSV saved by Excel in GBK', async () => {
    const text = '姓名,手机号,所在支部\r\n欧阳明,13800138000,预算处党支部\r\n'
    // TextEncoder only writes UTF-8; glibc's iconv (always on Debian) writes the GBK bytes Excel would.
    const bytes = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: Buffer.from(text) })
    const res = await importFile(await t.openidOf('陈建国'), upload('roster.csv', bytes))
    expect(res.created).toBe(1)
    expect(await t.count('members', { name: '欧阳明', branchId: 'org_budget' })).toBe(1)
  })

  it('an unreadable file gets a clear message', async () => {
    const res = await t.call(await t.openidOf('陈建国'), 'member.import', {
      fileID: upload('roster.xlsx', Buffer.from('not a spreadsheet')),
    })
    expect(res.ok || res.error.code).toBe('IMPORT_FILE_UNREADABLE')
  })

  it('a plain member cannot import', async () => {
    const res = await t.call(await t.openidOf('钱文静'), 'member.import', { fileID: 'cloud://local/x.xlsx' })
    expect(res.ok || res.error.code).toBe('FORBIDDEN')
  })
})
