import ExcelJS from 'exceljs'
import { DEFAULT_WEIGHTS, MEASURE_KEYS, totalScore } from '../../../src/domain/scorecard.rules'
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'

// The test clock: 2026-11-23 10:00 China time (local-cloud.ts).
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const REFLECTION = '认真阅读了本次支部党员大会的纪实，学习了会议精神，今后按时参加组织生活，把会议要求落到工作中。'

async function meeting(adminName: string, branchId: string, type: string, title: string, expectedIds?: string[]) {
  const admin = await t.openidOf(adminName)
  const start = new Date(t.cloud.clock.now().getTime() + 60 * 60_000)
  const { meeting } = await t.ok(admin, 'meeting.create', {
    branchId,
    title,
    type: type as 'branch_assembly',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
    place: '三楼会议室',
    agenda: '学习贯彻党的二十届四中全会精神',
    expectedIds,
  })
  return { admin, id: meeting.id as string }
}

/**
 * 办公室党支部 (8 members): a 党员大会 — 陈建国 present, 孙浩然 late, 马俊杰 on approved leave, five absent; its 纪实
 * complete; 钱文静 made it up. 预算处党支部 (8 members): a 支委会 — three present, five absent, no 纪实.
 */
async function twoBranches() {
  // 办公室 started using the app on 1 September (the committee's setting); 预算处 counts from its first meeting.
  await t.ok(await t.openidOf('陈建国'), 'meeting.setComplianceStart', {
    branchId: 'org_office',
    from: '2026-09-01T00:00:00+08:00',
  })
  const office = await meeting('李秀英', 'org_office', 'branch_assembly', '11 月支部党员大会')
  // A 支委会 expects the committee by default (issue 13, defect 3): this one names the whole branch, as an organiser
  // may (an enlarged committee meeting), so the hand counts below stay eight.
  const everyone = (
    await t.cloud.db().collection('members').where({ branchId: 'org_budget', status: 'active' }).get()
  ).data.map((m) => m._id as string)
  const budget = await meeting('王志强', 'org_budget', 'branch_committee', '11 月支部委员会', everyone)
  const { leave } = await t.ok(await t.openidOf('马俊杰'), 'meeting.requestLeave', {
    meetingId: office.id,
    reason: '出差在外',
  })
  await t.ok(office.admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true })
  t.cloud.clock.advance(3 * 3600_000)
  const mark = (admin: string, meetingId: string, name: string, status: string) =>
    t
      .memberId(name)
      .then((memberId) =>
        t.ok(admin, 'meeting.mark', { meetingId, memberId, status: status as 'present', reason: '现场签到表补录' }),
      )
  await mark(office.admin, office.id, '陈建国', 'present')
  await mark(office.admin, office.id, '孙浩然', 'late')
  for (const n of ['冯涛', '许佳琪', '韩磊']) await mark(budget.admin, budget.id, n, 'present')
  await t.ok(office.admin, 'meeting.close', { meetingId: office.id })
  await t.ok(budget.admin, 'meeting.close', { meetingId: budget.id })
  await t.ok(office.admin, 'meeting.saveRecord', {
    meetingId: office.id,
    revision: 0,
    hostId: await t.memberId('李秀英'),
    recorderId: await t.memberId('何雨桐'),
    topics: [{ title: '学习贯彻党的二十届四中全会精神', first: true }],
    minutes: '李秀英同志传达了会议精神，与会党员结合工作实际逐一发言。',
    decisions: ['同意'],
    photos: [],
    materials: [],
    complete: true,
  })
  await t.ok(await t.openidOf('钱文静'), 'meeting.submitMakeup', { meetingId: office.id, reflection: REFLECTION })
}

const rowOf = <R extends { branchId: string }>(rows: R[], id: string) => rows.find((r) => r.branchId === id)!

describe('branch scorecards', () => {
  it('scores two branches as counted by hand: 组织生活, attendance, 纪实 and 补学, for the year, the quarter and the month', async () => {
    await twoBranches()
    const committee = await t.openidOf('陈建国')
    const year = await t.ok(committee, 'scorecard.view', { year: 2026 })
    const office = rowOf(year.rows, 'org_office')
    const budget = rowOf(year.rows, 'org_budget')

    expect(office.counts).toMatchObject({ expected: 8, present: 1, late: 1, leave: 1, absent: 5, absentMadeUp: 1 })
    expect(office.values.attendance).toBeCloseTo(2 / 7)
    expect(office.values.records).toBe(1)
    expect(office.values.makeup).toBeCloseTo(1 / 6)
    expect(budget.counts).toMatchObject({ expected: 8, present: 3, late: 0, leave: 0, absent: 5, absentMadeUp: 0 })
    expect(budget.values.attendance).toBeCloseTo(3 / 8)
    expect(budget.values.records).toBe(0)
    expect(budget.values.makeup).toBe(0)
    // 组织生活 by 23 November, 办公室 (two 党小组) counted from September: 党员大会 Q3 missed and Q4 held, 支委会, each
    // 党小组会 and 主题党日 missed in September and October, 党课 Q3 missed: 11 due, 1 met (November is in progress).
    expect([office.counts.lifeDue, office.counts.lifeMet]).toEqual([11, 1])
    // 预算处 (no 党小组) counts from its first meeting, November's 支委会: 1 due, 1 met.
    expect([budget.counts.lifeDue, budget.counts.lifeMet]).toEqual([1, 1])
    expect(office.total).toBe(totalScore(office.values, DEFAULT_WEIGHTS))
    expect(year.ranked).toBeGreaterThanOrEqual(2)

    const quarter = await t.ok(committee, 'scorecard.view', { year: 2026, quarter: 4 })
    // Q4: October's 支委会, two 党小组会 and 主题党日 missed, the Q4 党员大会 held.
    expect(rowOf(quarter.rows, 'org_office').values.life).toBeCloseTo(1 / 5)
    const month = await t.ok(committee, 'scorecard.view', { year: 2026, month: 11 })
    expect(rowOf(month.rows, 'org_budget').values.life).toBe(1)
    expect(rowOf(month.rows, 'org_office').values.life).toBeNull()
    expect(rowOf(month.rows, 'org_office').counts.present).toBe(1)
    // The trend: one point per month so far, November's carrying the meetings.
    expect(year.trend.months).toHaveLength(11)
    const officeTrend = year.trend.series.find((s) => s.branchId === 'org_office')!.totals
    expect(officeTrend[10]).toBe(rowOf(month.rows, 'org_office').total)
    // A line per measure: each month's point is that month's scorecard figure (November's attendance 2/7, 纪实 done),
    // and a month with nothing due is a gap, not a zero.
    const officeMeasures = year.trend.series.find((s) => s.branchId === 'org_office')!.measures
    const november = rowOf(month.rows, 'org_office').values
    expect(officeMeasures.attendance[10]).toBeCloseTo(2 / 7)
    expect(officeMeasures.records[10]).toBe(1)
    for (const k of MEASURE_KEYS) {
      expect(officeMeasures[k]).toHaveLength(11)
      expect(officeMeasures[k][10]).toBe(november[k])
    }
    expect(officeMeasures.attendance[0]).toBeNull()
  })

  it('shows the same figures as 出勤统计, 必读完成情况, 组织生活达标 and 纪实完成情况 for the same period', async () => {
    await twoBranches()
    const committee = await t.openidOf('陈建国')
    for (const period of [{ year: 2026 }, { year: 2026, quarter: 4 }, { year: 2026, month: 11 }]) {
      const card = await t.ok(committee, 'scorecard.view', period)
      const range = { from: card.period.from, to: card.period.to }
      const [stats, study] = await Promise.all([
        t.ok(committee, 'meeting.stats', { kind: 'org', ...range }),
        t.ok(committee, 'study.completion', range),
      ])
      for (const b of stats.byBranch!) {
        const row = rowOf(card.rows, b.branchId)
        const { expected, present, late, leave, absent, absentMadeUp, leaveMadeUp } = row.counts
        expect({ expected, present, late, leave, absent, absentMadeUp, leaveMadeUp }).toEqual({
          expected: b.tally.expected,
          present: b.tally.present,
          late: b.tally.late,
          leave: b.tally.leave,
          absent: b.tally.absent,
          absentMadeUp: b.tally.absentMadeUp ?? 0,
          leaveMadeUp: b.tally.leaveMadeUp ?? 0,
        })
        expect(row.values.attendance).toBe(b.tally.rate)
      }
      for (const b of study.branches) {
        const row = rowOf(card.rows, b.branchId)
        expect([row.counts.readExpected, row.counts.readDone]).toEqual([b.expected, b.done])
      }
    }
    const card = await t.ok(committee, 'scorecard.view', { year: 2026 })
    for (const branchId of ['org_office', 'org_budget', 'org_treasury']) {
      const { rows } = await t.ok(committee, 'meeting.compliance', { branchId, year: 2026 })
      const cells = rows.filter((r) => r.type !== 'talk').flatMap((r) => r.cells)
      const row = rowOf(card.rows, branchId)
      expect([row.counts.lifeDue, row.counts.lifeMet]).toEqual([
        cells.filter((c) => c.state === 'met' || c.state === 'gap').length,
        cells.filter((c) => c.state === 'met').length,
      ])
    }
    const records = await t.ok(committee, 'meeting.recordCompleteness', { year: 2026 })
    for (const r of records.rows) {
      const row = rowOf(card.rows, r.branchId)
      expect([row.counts.held, row.counts.recorded]).toEqual([r.held, r.complete])
    }
  })

  it('ranks by the weights the committee sets, audits the change, and shows a secretary only her branch', async () => {
    await twoBranches()
    const committee = await t.openidOf('陈建国')
    const secretary = await t.openidOf('李秀英')
    const onlyAttendance = {
      ...DEFAULT_WEIGHTS,
      life: 0,
      records: 0,
      makeup: 0,
      study: 0,
      testJoin: 0,
      testPass: 0,
      volunteer: 0,
      review: 0,
    }
    onlyAttendance.attendance = 100
    expect(codeOf(await t.call(secretary, 'scorecard.setWeights', onlyAttendance))).toBe('FORBIDDEN')
    expect(codeOf(await t.call(committee, 'scorecard.setWeights', { ...onlyAttendance, attendance: 0 }))).toBe(
      'INVALID_INPUT',
    )
    expect(await t.count('score_weights')).toBe(0)
    await t.ok(committee, 'scorecard.setWeights', onlyAttendance)
    const audits = await t.cloud.db().collection('audit_logs').where({ action: 'scorecard.setWeights' }).get()
    expect(audits.data).toHaveLength(1)
    expect(audits.data[0].before).toEqual(DEFAULT_WEIGHTS)
    expect(audits.data[0].after).toEqual(onlyAttendance)

    const card = await t.ok(committee, 'scorecard.view', { year: 2026 })
    expect(card.weightsUpdatedBy).toBe('陈建国')
    // Only attendance counts now: 预算处 (3/8) above 办公室 (2/7); branches without meetings are unranked.
    expect(rowOf(card.rows, 'org_budget')).toMatchObject({ total: 37.5, rank: 1 })
    expect(rowOf(card.rows, 'org_office')).toMatchObject({ total: 28.6, rank: 2 })
    expect(rowOf(card.rows, 'org_treasury').rank).toBeNull()

    const mine = await t.ok(secretary, 'scorecard.view', { year: 2026 })
    expect(mine.rows.map((r) => r.branchId)).toEqual(['org_office'])
    expect(mine.rows[0].rank).toBe(2)
    expect(mine.ranked).toBe(2)
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'scorecard.view', { year: 2026 }))).toBe('FORBIDDEN')
    expect(codeOf(await t.call(committee, 'scorecard.view', { year: 2026, quarter: 1, month: 2 }))).toBe(
      'INVALID_INPUT',
    )
  })

  it('exports the scorecard as an Excel file with the ranking, the counts, the trend and the definitions', async () => {
    await twoBranches()
    const file = await t.ok(await t.openidOf('陈建国'), 'archive.scorecard', { year: 2026, quarter: 4 })
    expect(file.fileName).toBe('支部考评-2026 年第四季度.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(t.cloud.storage.download(file.fileID) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考评排名', '计算依据', '逐月趋势', '口径与权重'])
    const names = wb.getWorksheet('考评排名')!.getColumn(2).values.filter(Boolean)
    expect(names).toEqual(expect.arrayContaining(['办公室党支部', '预算处党支部']))
  })
})
