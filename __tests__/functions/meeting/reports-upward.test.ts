// The figures a secretary reports upward: unbound members in the reports, 组织生活达标 counted from the day a branch
// started, and the committee-wide attendance workbook, whose numbers must be the screen's.
import ExcelJS from 'exceljs'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code)

async function heldMeeting(signers: string[], type = 'branch_assembly') {
  const { admin, meeting } = await officeMeeting(t, { startsInMin: 0, title: `会议${Math.random()}`.slice(0, 8), type })
  for (const name of signers)
    await t.ok(await t.openidOf(name), 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
  await t.ok(admin, 'meeting.close', { meetingId: meeting.id })
  return { admin, meeting }
}

async function workbook(fileID: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(t.cloud.storage.download(fileID) as unknown as ArrayBuffer)
  return wb
}

const rowsOf = (ws: ExcelJS.Worksheet, headerRow: number) => {
  const out: unknown[][] = []
  ws.eachRow((r, n) => {
    if (n > headerRow) out.push((r.values as unknown[]).slice(1))
  })
  return out
}

describe('unbound members in the attendance reports', () => {
  it('the branch and committee reports say how many of the absent are unbound', async () => {
    const { admin } = await heldMeeting(['李秀英', '钱文静'])
    const branch = await t.ok(admin, 'meeting.stats', { kind: 'branch', branchId: 'org_office' })
    // 周明 has not bound: his absence is one of the branch's six, and the report says so.
    expect(branch.tally.absent).toBe(6)
    expect(branch.unbound).toEqual({ members: 1, absent: 1 })
    expect(branch.byMember!.find((m) => m.name === '周明')).toMatchObject({ unbound: true, groupName: '第二党小组' })
    expect(branch.byMember!.find((m) => m.name === '钱文静')?.unbound).toBe(false)

    const org = await t.ok(await t.openidOf('陈建国'), 'meeting.stats', { kind: 'org' })
    const office = org.byBranch!.find((b) => b.branchName === '办公室党支部')!
    expect(office.unbound).toEqual({ members: 1, absent: 1 })
    // 预算处: 孙婷 unbound and 郑洁 still pending approval; no meeting held, so no absences.
    expect(org.byBranch!.find((b) => b.branchName === '预算处党支部')!.unbound).toEqual({ members: 2, absent: 0 })
    expect(org.unbound!.absent).toBe(1)
  })

  it('an absence made up by 补学 or excused is not counted against the unbound', async () => {
    const { admin, meeting } = await heldMeeting(['李秀英'])
    await t.ok(admin, 'meeting.mark', {
      meetingId: meeting.id,
      memberId: (await t.cloud.db().collection('members').where({ name: '周明' }).get()).data[0]._id,
      status: 'present',
      reason: '纸质签到表',
    })
    const branch = await t.ok(admin, 'meeting.stats', { kind: 'branch', branchId: 'org_office' })
    expect(branch.unbound).toEqual({ members: 1, absent: 0 })
    const org = await t.ok(await t.openidOf('陈建国'), 'meeting.stats', { kind: 'org' })
    expect(org.byBranch!.find((b) => b.branchName === '办公室党支部')!.unbound.absent).toBe(0)
  })
})

describe('the committee-wide attendance export', () => {
  it('has a summary row per branch and a sheet per branch, with the numbers of the 出勤统计 screen', async () => {
    await heldMeeting(['李秀英', '钱文静', '孙浩然'])
    t.cloud.clock.advance(24 * 3600_000)
    await heldMeeting(['钱文静'])
    const committee = await t.openidOf('陈建国')
    const res = await t.ok(committee, 'archive.attendance', {})
    expect(res.fileName).toMatch(/^全机关出勤统计-.*\.xlsx$/)
    const wb = await workbook(res.fileID)
    const org = await t.ok(committee, 'meeting.stats', { kind: 'org' })
    const branch = await t.ok(committee, 'meeting.stats', { kind: 'branch', branchId: 'org_office' })

    const summary = wb.getWorksheet('汇总')!
    const head = (summary.getRow(2).values as unknown[]).slice(1) as string[]
    expect(head.filter((h) => h.includes('\n'))).toEqual([])
    const office = rowsOf(summary, 2).find((r) => r[0] === '办公室党支部')!
    const shown = org.byBranch!.find((b) => b.branchName === '办公室党支部')!
    expect(office).toEqual([
      '办公室党支部',
      2,
      shown.tally.expected,
      shown.tally.present + shown.tally.late,
      shown.tally.late,
      shown.tally.leave,
      0,
      shown.tally.absent,
      0,
      Math.round(shown.tally.rate! * 1000) / 1000,
      1,
      2,
    ])
    expect(summary.getColumn(head.indexOf('出勤率') + 1).numFmt).toBe('0.0%')
    expect(rowsOf(summary, 2).at(-1)![0]).toBe('合计')
    expect(rowsOf(summary, 2).at(-1)![2]).toBe(org.tally.expected)

    // One sheet per branch; the office's members in the screen's order with the screen's figures.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', ...org.byBranch!.map((b) => b.branchName)])
    const sheet = rowsOf(wb.getWorksheet('办公室党支部')!, 1)
    const members = sheet.slice(0, -1)
    expect(members.map((r) => r[0])).toEqual(branch.byMember!.map((m) => m.name))
    for (const m of branch.byMember!) {
      const row = members.find((r) => r[0] === m.name)!
      expect(row.slice(2, 4)).toEqual([m.tally.expected, m.tally.present + m.tally.late])
      expect(row[9]).toBe(m.tally.rate === null ? null : Math.round(m.tally.rate * 1000) / 1000)
    }
    expect(members.find((r) => r[0] === '周明')!.at(-1)).toBe('未绑定')
    expect(sheet.at(-1)![0]).toBe('本支部合计')
  })

  it('is for the committee only', async () => {
    const res = await t.call(await t.openidOf('李秀英'), 'archive.attendance', {})
    expect(code(res)).toBe('FORBIDDEN')
  })
})

describe('组织生活达标 from the day a branch started using the app', () => {
  it('counts from the first meeting by default, with a 主题党日 row', async () => {
    const admin = await t.openidOf('李秀英')
    const before = await t.ok(admin, 'meeting.compliance', { branchId: 'org_office', year: 2026 })
    expect(before.since).toBeNull()
    const { meeting } = await heldMeeting(['钱文静'], 'theme_day')
    const res = await t.ok(admin, 'meeting.compliance', { branchId: 'org_office', year: 2026 })
    expect(res.since).toEqual({ at: meeting.startAt, source: 'first_meeting' })
    const theme = res.rows.find((r) => r.type === 'theme_day')!
    expect(theme.gaps).toBe(0)
    expect(theme.cells.filter((c) => c.state === 'met')).toHaveLength(1)
    // Every month before the first meeting is 启用前, not a gap.
    const met = theme.cells.findIndex((c) => c.state === 'met')
    expect(theme.cells.slice(0, met).every((c) => c.state === 'before_start')).toBe(true)
  })

  it('the committee may set the start earlier; the months since then count as gaps, and the change is audited', async () => {
    await heldMeeting(['钱文静'], 'theme_day')
    const committee = await t.openidOf('陈建国')
    const now = t.cloud.clock.now()
    const threeMonthsAgo = new Date(now.getTime() - 92 * 24 * 3600_000).toISOString()
    const res = await t.ok(committee, 'meeting.setComplianceStart', { branchId: 'org_office', from: threeMonthsAgo })
    expect(res.since?.source).toBe('set')
    const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4))
    const data = await t.ok(committee, 'meeting.compliance', { branchId: 'org_office', year })
    const theme = data.rows.find((r) => r.type === 'theme_day')!
    expect(theme.gaps).toBeGreaterThanOrEqual(2)
    expect(await t.count('audit_logs', { action: 'org.complianceFrom', targetId: 'org_office' })).toBe(1)

    // Cleared, it falls back to the first meeting.
    const cleared = await t.ok(committee, 'meeting.setComplianceStart', { branchId: 'org_office' })
    expect(cleared.since?.source).toBe('first_meeting')
  })

  it('a branch secretary cannot move her own start date, and a future date is refused', async () => {
    const admin = await t.openidOf('李秀英')
    expect(code(await t.call(admin, 'meeting.setComplianceStart', { branchId: 'org_office' }))).toBe('FORBIDDEN')
    const later = new Date(t.cloud.clock.now().getTime() + 7 * 24 * 3600_000).toISOString()
    const res = await t.call(await t.openidOf('陈建国'), 'meeting.setComplianceStart', {
      branchId: 'org_office',
      from: later,
    })
    expect(code(res)).toBe('INVALID_INPUT')
    expect(await t.count('audit_logs', { action: 'org.complianceFrom' })).toBe(0)
  })

  it('exports to xlsx with held and required as numbers, one row per requirement and period', async () => {
    await heldMeeting(['钱文静'], 'theme_day')
    const admin = await t.openidOf('李秀英')
    const now = t.cloud.clock.now()
    const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4))
    const screen = await t.ok(admin, 'meeting.compliance', { branchId: 'org_office', year })
    const res = await t.ok(admin, 'archive.compliance', { branchId: 'org_office', year })
    expect(res.fileName).toBe(`办公室党支部-${year}年组织生活达标.xlsx`)
    const wb = await workbook(res.fileID)
    const rows = rowsOf(wb.getWorksheet('达标情况')!, 2)
    const themeRows = rows.filter((r) => String(r[0]).startsWith('主题党日'))
    expect(themeRows).toHaveLength(12)
    expect(themeRows.filter((r) => r[5] === '已达标').map((r) => r[3])).toEqual([1])
    const gaps = screen.rows.reduce((n, r) => n + r.gaps, 0)
    expect(rows.at(-1)!.slice(0, 4)).toEqual(['未达标合计', '', '', gaps])
    // Another branch's secretary cannot export it.
    expect(code(await t.call(await t.openidOf('王志强'), 'archive.compliance', { branchId: 'org_office', year }))).toBe(
      'OUT_OF_SCOPE',
    )
  })
})
