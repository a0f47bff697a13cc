import { startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const minutes = (n: number) => t.cloud.clock.set(new Date(t.cloud.clock.now().getTime() + n * 60_000).toISOString())

describe('a meeting still in its sign-in window', () => {
  it('is not counted as absences by the branch, committee or member statistics, which say it is in progress', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: -5 })
    const token = await tokenFor(t, admin, meeting.id)
    await t.ok(await t.openidOf('钱文静'), 'meeting.checkIn', { token })
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(board.tally).toMatchObject({ present: 1, absent: 0, pending: 7 })

    const branch = await t.ok(admin, 'meeting.stats', { kind: 'branch', branchId: 'org_office' })
    expect(branch.tally.absent).toBe(0)
    expect(branch.inProgress).toBe(1)
    expect(branch.byMember!.every((m) => m.tally.absent === 0)).toBe(true)
    const org = await t.ok(await t.openidOf('陈建国'), 'meeting.stats', { kind: 'org' })
    expect(org.tally.absent).toBe(0)
    expect(org.inProgress).toBe(1)
    const mine = await t.ok(await t.openidOf('孙浩然'), 'meeting.stats', { kind: 'member' })
    expect(mine).toMatchObject({ meetings: 0, inProgress: 1 })

    // Once the window has closed, the ones who did not come are absent everywhere, and the figures agree.
    minutes(60)
    const after = await t.ok(admin, 'meeting.stats', { kind: 'branch', branchId: 'org_office' })
    const boardAfter = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(after.inProgress).toBe(0)
    expect(after.tally.absent).toBe(boardAfter.tally.absent)
    expect(after.tally.absent).toBe(7)
  })
})

describe('the organiser at her own meeting', () => {
  it('taps 我已到会 once on the code screen and is present, not absent', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 10 })
    const res = await t.ok(admin, 'meeting.organiserPresent', { meetingId: meeting.id })
    expect(res).toMatchObject({ status: 'present', already: false })
    const again = await t.ok(admin, 'meeting.organiserPresent', { meetingId: meeting.id })
    expect(again.already).toBe(true)
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(board.rows.find((r) => r.name === '李秀英')).toMatchObject({ status: 'present', method: 'organiser' })
    expect(await t.count('attendance', { meetingId: meeting.id })).toBe(1)
  })

  it('is refused before the window opens, saying when it opens', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 120 })
    const res = await t.call(admin, 'meeting.organiserPresent', { meetingId: meeting.id })
    expect(res.ok || res.error.code).toBe('MEETING_WINDOW_NOT_OPEN')
    expect(res.ok || res.error.message).toMatch(/将于 .* 开放/)
  })

  it("an admin of another branch cannot use it on this branch's meeting", async () => {
    const { meeting } = await officeMeeting(t)
    const res = await t.call(await t.openidOf('王志强'), 'meeting.organiserPresent', { meetingId: meeting.id })
    expect(res.ok || res.error.code).toBe('OUT_OF_SCOPE')
  })
})

describe('补录 after the fact', () => {
  it('keeps the arrival time the organiser states, and reads 由 X 代签/补录', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: -20 })
    const stated = new Date(new Date(meeting.startAt).getTime() + 3 * 60_000).toISOString()
    const { row } = await t.ok(admin, 'meeting.mark', {
      meetingId: meeting.id,
      memberId: await t.memberId('马俊杰'),
      status: 'present',
      reason: '签到表纸质签名',
      at: stated,
    })
    expect(row).toMatchObject({ at: stated, markedBy: '由 李秀英 代签/补录' })
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(board.rows.find((r) => r.name === '马俊杰')!.at).toBe(stated)
  })

  it('refuses a stated time in the future or before sign-in opened', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: -20 })
    for (const at of [
      new Date(t.cloud.clock.now().getTime() + 5 * 60_000).toISOString(),
      new Date(new Date(meeting.startAt).getTime() - 5 * 60 * 60_000).toISOString(),
    ]) {
      const res = await t.call(admin, 'meeting.mark', {
        meetingId: meeting.id,
        memberId: await t.memberId('马俊杰'),
        status: 'present',
        reason: '补录',
        at,
      })
      expect(res.ok || res.error.code).toBe('INVALID_INPUT')
    }
    expect(await t.count('attendance', { meetingId: meeting.id })).toBe(0)
  })
})

describe('the board beside each member', () => {
  it('shows a pending leave request with its id to approve, and marks unbound members and counts them', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 60 })
    await t.ok(await t.openidOf('何雨桐'), 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差在外' })
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    const he = board.rows.find((r) => r.name === '何雨桐')!
    expect(he.pendingLeave).toMatchObject({ reason: '出差在外' })
    expect(board.rows.find((r) => r.name === '周明')!.unbound).toBe(true)
    expect(board.rows.find((r) => r.name === '钱文静')!.unbound).toBe(false)
    expect(board.unboundMissing).toBe(1)
    await t.ok(admin, 'meeting.reviewLeave', { leaveId: he.pendingLeave!.leaveId, approve: true })
    const after = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(after.rows.find((r) => r.name === '何雨桐')).toMatchObject({ status: 'leave', pendingLeave: null })
  })
})
