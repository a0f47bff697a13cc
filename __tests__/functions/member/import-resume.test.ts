import ExcelJS from 'exceljs'
import { startTestCloud, type TestCloud } from '../local-cloud'

/**
 * Issue 10: "imports are whole or nothing even when the function is cut off midway". A confirmed import is a job
 * (member/roster-import-job.ts): a confirm cut off by the function's timeout on a slow database leaves it part-way,
 * and the same confirm again goes on from there — every row imported once, every change audited once.
 */
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const ROWS = 300

async function rosterFile(): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  ws.addRow(['姓名', '手机号', '所在支部'])
  for (let i = 0; i < ROWS; i++) ws.addRow([`新党员${i}`, `1390000${String(i).padStart(4, '0')}`, '办公室党支部'])
  return t.cloud.storage.upload('imports/big.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))
}

it('a confirm cut off midway is continued by the next one: every row once, every audit entry once', async () => {
  const admin = await t.openidOf('陈建国')
  const fileID = await rosterFile()
  const preview = await t.ok(admin, 'member.import', { fileID })
  expect(preview).toMatchObject({ stage: 'preview', created: ROWS })
  const before = await t.count('members')

  // The platform stops the function part-way through the rows: after 100 writes the next one never returns and the
  // call is cut off at its timeout (6 s here). Counting writes, not racing a slowed database against the clock, puts
  // the cut in the middle of the rows however busy the machine is.
  let writes = 0
  const cut = await t.call(
    admin,
    'member.import',
    { fileID, confirm: preview.confirmToken },
    {
      timeouts: { member: 6000 },
      beforeRequest: (action: string) =>
        /insertDocument|modifyDocument/.test(action) && ++writes > 100 ? new Promise<void>(() => {}) : undefined,
    },
  )
  expect(cut).toMatchObject({ errCode: -504002 })
  const partial = (await t.count('members')) - before
  expect(partial).toBeGreaterThan(0)
  expect(partial).toBeLessThan(ROWS)

  // Until the cut-off run's lease lapses (the end of its invocation, as far as this function can tell) a confirm only
  // answers the saved progress: the platform might still be running it. Nothing more is written meanwhile.
  const held = await t.ok(admin, 'member.import', { fileID, confirm: preview.confirmToken })
  expect(held).toMatchObject({ stage: 'writing', progress: { total: ROWS } })
  expect(held.progress!.written).toBeLessThanOrEqual(partial)
  expect((await t.count('members')) - before).toBe(partial)
  t.cloud.clock.advance(25_000)

  // The page confirms again with the same token (it does so by itself after a lost call).
  let result = await t.ok(admin, 'member.import', { fileID, confirm: preview.confirmToken })
  while (result.stage === 'writing')
    result = await t.ok(admin, 'member.import', { fileID, confirm: preview.confirmToken })
  expect(result).toMatchObject({ stage: 'done', created: ROWS, progress: { written: ROWS, total: ROWS } })
  expect((await t.count('members')) - before).toBe(ROWS)
  expect(await t.count('audit_logs', { action: 'member.import.create' })).toBe(ROWS)

  // A retry after the end changes nothing and answers the same.
  expect(await t.ok(admin, 'member.import', { fileID, confirm: preview.confirmToken })).toMatchObject({ stage: 'done' })
  expect(await t.count('audit_logs', { action: 'member.import.create' })).toBe(ROWS)
})

it('another admin cannot continue someone else’s import with its token', async () => {
  const admin = await t.openidOf('陈建国')
  const fileID = await rosterFile()
  const preview = await t.ok(admin, 'member.import', { fileID })
  await t.ok(admin, 'member.import', { fileID, confirm: preview.confirmToken })
  const other = await t.call(await t.openidOf('李秀英'), 'member.import', { fileID, confirm: preview.confirmToken })
  expect(other.ok || other.error.code).toBe('CONFLICT')
})
