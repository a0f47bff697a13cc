import ExcelJS from 'exceljs'
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

describe('leave', () => {
  it('a member asks before the meeting, the branch approves, and it counts as 请假 not absent', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 60 })
    const he = await t.openidOf('何雨桐')
    const { leave } = await t.ok(he, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差在外' })
    expect(leave.status).toBe('pending')
    expect((await t.ok(he, 'meeting.detail', { meetingId: meeting.id })).meeting.myLeave).toEqual({
      status: 'pending',
      reason: '出差在外',
    })
    const pending = await t.ok(admin, 'meeting.leaves', { status: 'pending' })
    expect(pending.items.map((l) => l.memberName)).toEqual(['何雨桐'])
    await t.ok(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true })
    await t.ok(admin, 'meeting.close', { meetingId: meeting.id })
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(board.rows.find((r) => r.name === '何雨桐')?.status).toBe('leave')
    expect(board.tally).toMatchObject({ expected: 8, leave: 1, absent: 7, present: 0 })
  })

  it('a member withdraws her request before the meeting: the secretary no longer sees it, and a retry changes nothing', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 60 })
    const he = await t.openidOf('何雨桐')
    await t.ok(he, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差在外' })
    expect(await t.ok(he, 'meeting.withdrawLeave', { meetingId: meeting.id })).toEqual({ withdrawn: true })
    expect(await t.ok(he, 'meeting.withdrawLeave', { meetingId: meeting.id })).toEqual({ withdrawn: false })
    expect((await t.ok(he, 'meeting.detail', { meetingId: meeting.id })).meeting.myLeave).toBeNull()
    expect((await t.ok(admin, 'meeting.leaves', { status: 'pending' })).items).toEqual([])
    // Asking again is a fresh request.
    await t.ok(he, 'meeting.requestLeave', { meetingId: meeting.id, reason: '行程有变，仍需请假' })
    expect((await t.ok(admin, 'meeting.leaves', { status: 'pending' })).items.map((l) => l.reason)).toEqual([
      '行程有变，仍需请假',
    ])
    t.cloud.clock.advance(2 * 3600_000)
    expect(codeOf(await t.call(he, 'meeting.withdrawLeave', { meetingId: meeting.id }))).toBe('LEAVE_TOO_LATE')
  })

  it('a meeting says whether the member is expected, so an open meeting of another branch offers no leave', async () => {
    const { meeting } = await officeMeeting(t, { startsInMin: 60, open: true })
    expect(
      (await t.ok(await t.openidOf('何雨桐'), 'meeting.detail', { meetingId: meeting.id })).meeting.myExpected,
    ).toBe(true)
    const _ = t.cloud.db().command
    const other = (
      await t.cloud
        .db()
        .collection('members')
        .where({ branchId: _.neq('org_office'), openid: _.neq(null), status: 'active' })
        .limit(1)
        .get()
    ).data[0] as { openid: string }
    const seen = await t.ok(other.openid, 'meeting.detail', { meetingId: meeting.id })
    expect(seen.meeting.myExpected).toBe(false)
  })

  it('cannot be asked once the meeting has started', async () => {
    const { meeting } = await officeMeeting(t)
    expect(
      codeOf(
        await t.call(await t.openidOf('何雨桐'), 'meeting.requestLeave', { meetingId: meeting.id, reason: '临时有事' }),
      ),
    ).toBe('LEAVE_TOO_LATE')
  })

  it('approving after the meeting needs a reason and is audited', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 30 })
    const { leave } = await t.ok(await t.openidOf('何雨桐'), 'meeting.requestLeave', {
      meetingId: meeting.id,
      reason: '就医',
    })
    t.cloud.clock.advance(3 * 3600_000)
    expect(codeOf(await t.call(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true }))).toBe(
      'LEAVE_LATE_NEEDS_REASON',
    )
    await t.ok(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true, reason: '补交了病假条' })
    expect(await t.count('audit_logs', { action: 'leave.reviewAfterStart', targetId: leave.id })).toBe(1)
  })

  it('leave approved after the member signed in does not count them twice', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 20 })
    const he = await t.openidOf('何雨桐')
    const { leave } = await t.ok(he, 'meeting.requestLeave', { meetingId: meeting.id, reason: '可能赶不上' })
    await t.ok(he, 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
    await t.ok(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true })
    const stats = await t.ok(admin, 'meeting.stats', { kind: 'meeting', meetingId: meeting.id })
    expect(stats.tally).toMatchObject({ expected: 8, present: 1, leave: 0 })
  })

  it('an admin of another branch cannot review it', async () => {
    const { meeting } = await officeMeeting(t, { startsInMin: 60 })
    const { leave } = await t.ok(await t.openidOf('何雨桐'), 'meeting.requestLeave', {
      meetingId: meeting.id,
      reason: '出差',
    })
    expect(
      codeOf(await t.call(await t.openidOf('张丽华'), 'meeting.reviewLeave', { leaveId: leave.id, approve: true })),
    ).toBe('OUT_OF_SCOPE')
  })
})

describe('organiser corrections', () => {
  it('marking a member is shown as 由 X 代签/补录 and audited', async () => {
    const { admin, meeting } = await officeMeeting(t)
    const { row } = await t.ok(admin, 'meeting.mark', {
      meetingId: meeting.id,
      memberId: await t.memberId('马俊杰'),
      status: 'present',
      reason: '手机没电，现场确认',
    })
    expect(row).toMatchObject({ status: 'present', method: 'manual', markedBy: '由 李秀英 代签/补录' })
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(board.rows.find((r) => r.name === '马俊杰')).toMatchObject({
      status: 'present',
      markedBy: '由 李秀英 代签/补录',
      reason: '手机没电，现场确认',
    })
    const audit = (await t.cloud.db().collection('audit_logs').where({ action: 'attendance.mark' }).get()).data
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorName: '李秀英', after: { status: 'present' }, reason: '手机没电，现场确认' })
  })
})

describe('statistics', () => {
  async function heldMeeting(signers: string[], leaveFor?: string) {
    const { admin, meeting } = await officeMeeting(t, {
      startsInMin: leaveFor ? 10 : 0,
      title: `会议${Math.random()}`.slice(0, 8),
      type: 'branch_assembly',
    })
    if (leaveFor) {
      const { leave } = await t.ok(await t.openidOf(leaveFor), 'meeting.requestLeave', {
        meetingId: meeting.id,
        reason: '公务外出',
      })
      await t.ok(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true })
    }
    for (const name of signers)
      await t.ok(await t.openidOf(name), 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
    await t.ok(admin, 'meeting.close', { meetingId: meeting.id })
    return { admin, meeting }
  }

  it('per meeting, per member, per branch and for the whole organisation', async () => {
    const first = await heldMeeting(['李秀英', '钱文静', '孙浩然'], '何雨桐')
    t.cloud.clock.advance(24 * 3600_000)
    await heldMeeting(['李秀英', '钱文静'])
    t.cloud.clock.advance(3600_000)
    const admin = first.admin

    const m = await t.ok(admin, 'meeting.stats', { kind: 'meeting', meetingId: first.meeting.id })
    // Nobody has done 补学 yet: 缺席已补学 and 请假已补学 are shown apart, at 0.
    expect(m.tally).toEqual({
      expected: 8,
      present: 3,
      late: 0,
      leave: 1,
      absent: 4,
      pending: 0,
      rate: 3 / 7,
      absentMadeUp: 0,
      leaveMadeUp: 0,
    })

    const qian = await t.ok(await t.openidOf('钱文静'), 'meeting.stats', { kind: 'member' })
    expect(qian.tally).toMatchObject({ expected: 2, present: 2, rate: 1 })
    const he = await t.ok(await t.openidOf('何雨桐'), 'meeting.stats', { kind: 'member' })
    expect(he.tally).toMatchObject({ expected: 2, leave: 1, absent: 1, rate: 0 })
    expect(
      codeOf(
        await t.call(await t.openidOf('何雨桐'), 'meeting.stats', {
          kind: 'member',
          memberId: await t.memberId('钱文静'),
        }),
      ),
    ).toBe('FORBIDDEN')

    const branch = await t.ok(admin, 'meeting.stats', { kind: 'branch', branchId: 'org_office' })
    expect(branch.meetings).toBe(2)
    expect(branch.tally).toMatchObject({ expected: 16, present: 5, leave: 1, absent: 10 })
    expect(branch.byMember?.find((x) => x.name === '钱文静')?.tally.rate).toBe(1)

    const org = await t.ok(await t.openidOf('陈建国'), 'meeting.stats', { kind: 'org' })
    expect(org.tally).toMatchObject({ expected: 16, present: 5 })
    expect(org.byBranch?.find((b) => b.branchName === '办公室党支部')?.meetings).toBe(2)
    expect(org.byBranch?.find((b) => b.branchName === '预算处党支部')?.tally.expected).toBe(0)
    expect(codeOf(await t.call(admin, 'meeting.stats', { kind: 'org' }))).toBe('FORBIDDEN')
  })

  it('exports the meeting roster and who did not sign in', async () => {
    const { admin, meeting } = await heldMeeting(['李秀英', '钱文静'], '何雨桐')
    const res = await t.ok(admin, 'meeting.export', { kind: 'meeting', meetingId: meeting.id })
    expect(res.fileName).toMatch(/签到表\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(t.cloud.storage.download(res.fileID) as unknown as ArrayBuffer)
    const roster = wb.getWorksheet('签到表')!
    expect(roster.rowCount).toBe(9)
    const missing = wb.getWorksheet('未签到')!
    const names = missing
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[])[1])
    expect(names).toHaveLength(6)
    expect(names).not.toContain('钱文静')
    expect(names).toContain('何雨桐')
  })

  it('exports a branch period: one row per member, one column per meeting', async () => {
    await heldMeeting(['钱文静'])
    t.cloud.clock.advance(24 * 3600_000)
    const { admin } = await heldMeeting(['钱文静', '孙浩然'])
    const res = await t.ok(admin, 'meeting.export', { kind: 'branch', branchId: 'org_office' })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(t.cloud.storage.download(res.fileID) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('出勤明细')!
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[]
    expect(header).toHaveLength(2 + 2 + 8)
    // Headers on one line, so Excel's filter shows them whole.
    expect(header.filter((h) => /\n/.test(h))).toEqual([])
    const qian = (ws.getSheetValues().find((r) => Array.isArray(r) && r[1] === '钱文静') as unknown[]).slice(1)
    // Numbers are numbers, the rate a fraction shown as a percentage.
    expect(qian).toEqual(['钱文静', '第一党小组', '已签到', '已签到', 2, 2, 0, 0, 0, 0, 1, '已绑定'])
    expect(ws.getColumn(header.indexOf('出勤率') + 1).numFmt).toBe('0.0%')
    // The members in the order of the 出勤统计 screen.
    const stats = await t.ok(admin, 'meeting.stats', { kind: 'branch', branchId: 'org_office' })
    const names = ws
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[])[1])
    expect(names).toEqual(stats.byMember!.map((m) => m.name))
  })
})

describe('meetings as the organiser manages them', () => {
  it('creating the same meeting twice (a retry) gives one meeting', async () => {
    const a = await officeMeeting(t, { startsInMin: 60 })
    const b = await officeMeeting(t, { startsInMin: 60 })
    expect(b.meeting.id).toBe(a.meeting.id)
    expect(await t.count('meetings')).toBe(1)
  })

  it('refuses an end before the start, in Chinese', async () => {
    const res = await t.call(await t.openidOf('李秀英'), 'meeting.create', {
      branchId: 'org_office',
      title: '支委会',
      type: 'branch_committee',
      startAt: '2026-12-01T10:00:00+08:00',
      endAt: '2026-12-01T09:00:00+08:00',
      place: '会议室',
    })
    expect(res.ok || res.error.message).toBe('结束时间应晚于开始时间')
    expect(await t.count('meetings')).toBe(0)
  })

  it('a cancelled meeting takes no sign-ins and drops out of the statistics', async () => {
    const { admin, meeting } = await officeMeeting(t)
    const token = await tokenFor(t, admin, meeting.id)
    await t.ok(await t.openidOf('钱文静'), 'meeting.checkIn', { token })
    await t.ok(admin, 'meeting.cancel', { meetingId: meeting.id, reason: '与全局会议冲突' })
    expect(codeOf(await t.call(await t.openidOf('孙浩然'), 'meeting.checkIn', { token }))).toBe('MEETING_CANCELLED')
    t.cloud.clock.advance(3600_000)
    expect((await t.ok(admin, 'meeting.stats', { kind: 'branch' })).tally.expected).toBe(0)
  })

  it('compliance shows the months without a 支委会 as gaps, from the branch’s first meeting on', async () => {
    t.cloud.clock.set('2026-03-10T02:00:00Z')
    await officeMeeting(t, { title: '3 月支委会', type: 'branch_committee' })
    t.cloud.clock.set('2026-05-20T02:00:00Z')
    const res = await t.ok(await t.openidOf('李秀英'), 'meeting.compliance', { branchId: 'org_office', year: 2026 })
    const committee = res.rows.find((r) => r.type === 'branch_committee')!
    // January and February came before the branch recorded anything in the app: not gaps.
    expect(committee.cells.slice(0, 5).map((c) => c.state)).toEqual([
      'before_start',
      'before_start',
      'met',
      'gap',
      'in_progress',
    ])
    expect(committee.gaps).toBe(1)
    expect(res.rows.filter((r) => r.type === 'group_meeting').map((r) => r.groupName)).toEqual([
      '第一党小组',
      '第二党小组',
    ])
  })
})
