import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const REASON = '我按时到会了，扫码时网络不好没有签上'

/**
 * 11 月支部党员大会 of 办公室党支部 (8 expected), held an hour ago: 孙浩然 signed in late, nobody else did (钱文静 is
 * 缺席). Its sign-in window has closed, so the records are final until someone corrects them.
 */
async function heldMeeting() {
  const { admin, meeting } = await officeMeeting(t, { startsInMin: 0 })
  t.cloud.clock.advance(10 * 60_000)
  await t.ok(await t.openidOf('孙浩然'), 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
  t.cloud.clock.advance(50 * 60_000)
  return { admin, meeting, qian: await t.openidOf('钱文静') }
}

async function memberTally(openid: string) {
  return (await t.ok(openid, 'meeting.stats', { kind: 'member' })).tally
}

describe('出勤异议', () => {
  it('a meeting cancelled while an objection waits answers it: nothing left to correct, nothing left waiting', async () => {
    const { admin, meeting, qian } = await heldMeeting()
    const { objection } = await t.ok(qian, 'meeting.raiseObjection', { meetingId: meeting.id, reason: REASON })
    // The window has closed but nobody pressed 结束会议: the secretary may still cancel it.
    await t.ok(admin, 'meeting.cancel', { meetingId: meeting.id, reason: '改期举行' })
    const seen = (await t.ok(qian, 'meeting.detail', { meetingId: meeting.id })).meeting.myObjection
    expect(seen).toMatchObject({ status: 'rejected', reply: '会议已取消，本次出勤不再计入（改期举行）' })
    expect((await t.ok(admin, 'member.waiting', {})).objections).toBe(0)
    expect((await t.ok(admin, 'meeting.objections', { status: 'pending' })).items).toEqual([])
    // Correcting a record of a cancelled meeting is refused; answering 不予更正 again is the same answer.
    expect(
      codeOf(
        await t.call(admin, 'meeting.resolveObjection', {
          objectionId: objection.id,
          outcome: 'present',
          reply: '已到会',
        }),
      ),
    ).toBe('OBJECTION_RESOLVED')
  })

  it('a member marked absent objects; the secretary corrects it to 出席 and the counts, board and audit follow', async () => {
    const { admin, meeting, qian } = await heldMeeting()
    expect(await memberTally(qian)).toMatchObject({ absent: 1, present: 0 })

    const { objection } = await t.ok(qian, 'meeting.raiseObjection', { meetingId: meeting.id, reason: REASON })
    expect(objection).toMatchObject({ status: 'pending', recorded: 'absent', reason: REASON, memberName: '钱文静' })
    // She sees it on the meeting and in 我的出勤; her secretary sees it waiting.
    expect((await t.ok(qian, 'meeting.detail', { meetingId: meeting.id })).meeting.myObjection?.status).toBe('pending')
    const mine = await t.ok(qian, 'meeting.stats', { kind: 'member' })
    expect(mine.byMeeting?.find((m) => m.meetingId === meeting.id)?.objection).toBe('pending')
    const waiting = await t.ok(admin, 'meeting.objections', { status: 'pending' })
    expect(waiting.items.map((o) => [o.memberName, o.reason])).toEqual([['钱文静', REASON]])
    expect((await t.ok(admin, 'member.waiting', {})).objections).toBe(1)
    // Pending, she may still put it better: the same objection, the new reason.
    await t.ok(qian, 'meeting.raiseObjection', { meetingId: meeting.id, reason: `${REASON}，孙浩然可以作证` })
    expect(await t.count('objections')).toBe(1)

    const resolved = await t.ok(admin, 'meeting.resolveObjection', {
      objectionId: objection.id,
      outcome: 'present',
      reply: '经核实，当天已到会',
    })
    expect(resolved.objection).toMatchObject({
      status: 'accepted',
      correctedTo: 'present',
      reply: '经核实，当天已到会',
      resolvedByName: '李秀英',
    })
    // Corrected through the 代签/补录 path: the board says who corrected it and why; the time is the meeting's start.
    const row = (await t.ok(admin, 'meeting.board', { meetingId: meeting.id })).rows.find((r) => r.name === '钱文静')
    expect(row).toMatchObject({ status: 'present', method: 'manual', reason: '出勤异议更正：经核实，当天已到会' })
    expect(row?.markedBy).toContain('李秀英')
    expect(row?.at).toBe(meeting.startAt)
    expect(await memberTally(qian)).toMatchObject({ absent: 0, present: 1 })
    const detail = (await t.ok(qian, 'meeting.detail', { meetingId: meeting.id })).meeting
    expect(detail.myStatus).toBe('present')
    expect(detail.myObjection).toMatchObject({ status: 'accepted', correctedTo: 'present' })
    expect(
      await t.count('audit_logs', { action: 'attendance.mark', targetId: `${meeting.id}_${objection.memberId}` }),
    ).toBe(1)
    expect(await t.count('audit_logs', { action: 'objection.accept', targetId: objection.id })).toBe(1)
    expect((await t.ok(admin, 'meeting.objections', { status: 'pending' })).items).toEqual([])
    expect((await t.ok(admin, 'member.waiting', {})).objections).toBe(0)

    // A retry of the same decision changes nothing; a different decision is refused.
    const again = await t.ok(admin, 'meeting.resolveObjection', {
      objectionId: objection.id,
      outcome: 'present',
      reply: '经核实，当天已到会',
    })
    expect(again.row).toBeNull()
    expect(await t.count('audit_logs', { action: 'attendance.mark' })).toBe(1)
    expect(
      codeOf(
        await t.call(admin, 'meeting.resolveObjection', {
          objectionId: objection.id,
          outcome: 'rejected',
          reply: '改了主意',
        }),
      ),
    ).toBe('OBJECTION_RESOLVED')
    // Once decided, she cannot rewrite it.
    expect(
      codeOf(await t.call(qian, 'meeting.raiseObjection', { meetingId: meeting.id, reason: '再补充一点情况说明' })),
    ).toBe('OBJECTION_RESOLVED')
  })

  it('不应参加: she comes off the expected list, her 缺席 leaves the meeting, branch and personal counts (stored ones too), audited', async () => {
    const { admin, meeting, qian } = await heldMeeting()
    // Counted by the timer first, so the meeting holds a stored count that this decision must not leave standing.
    t.cloud.clock.advance(5 * 60_000)
    await t.timer('meeting', 'tally')
    const from = new Date(new Date(meeting.startAt).getTime() - 86_400_000).toISOString()
    const to = new Date(new Date(meeting.startAt).getTime() + 86_400_000).toISOString()
    const counts = async () => {
      const one = (await t.ok(admin, 'meeting.stats', { kind: 'meeting', meetingId: meeting.id })).tally
      const branch = await t.ok(admin, 'meeting.stats', { kind: 'branch', branchId: 'org_office', from, to })
      return {
        meeting: { expected: one.expected, absent: one.absent, late: one.late },
        branch: { expected: branch.tally.expected, absent: branch.tally.absent },
        hers: (await memberTally(qian)).absent,
        inBranchRows: branch.byMember?.some((r) => r.name === '钱文静' && r.tally.absent > 0) ?? false,
      }
    }
    expect(await counts()).toEqual({
      meeting: { expected: 8, absent: 7, late: 1 },
      branch: { expected: 8, absent: 7 },
      hers: 1,
      inBranchRows: true,
    })

    const { objection } = await t.ok(qian, 'meeting.raiseObjection', {
      meetingId: meeting.id,
      reason: '我不是支部委员，不应参加这次会议',
    })
    const resolved = await t.ok(admin, 'meeting.resolveObjection', {
      objectionId: objection.id,
      outcome: 'not_expected',
      reply: '经核实，不应列入应到人员',
    })
    expect(resolved.objection).toMatchObject({ status: 'accepted', correctedTo: 'not_expected' })
    expect(resolved.row).toBeNull()
    const after = {
      meeting: { expected: 7, absent: 6, late: 1 },
      branch: { expected: 7, absent: 6 },
      hers: 0,
      inBranchRows: false,
    }
    // The stored count is stale at once (read live), and the same once the timer has counted again.
    expect(await counts()).toEqual(after)
    t.cloud.clock.advance(2 * 60_000)
    await t.timer('meeting', 'tally')
    expect(await counts()).toEqual(after)
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(board.rows.map((r) => r.name)).not.toContain('钱文静')
    const detail = (await t.ok(qian, 'meeting.detail', { meetingId: meeting.id })).meeting
    expect(detail.myObjection).toMatchObject({ status: 'accepted', correctedTo: 'not_expected' })
    expect(await t.count('audit_logs', { action: 'meeting.expected.remove', targetId: meeting.id })).toBe(1)
    expect(await t.count('audit_logs', { action: 'objection.accept', targetId: objection.id })).toBe(1)
    // A retry of the same decision changes nothing: the list is not shortened twice.
    await t.ok(admin, 'meeting.resolveObjection', {
      objectionId: objection.id,
      outcome: 'not_expected',
      reply: '经核实，不应列入应到人员',
    })
    expect(await counts()).toEqual(after)
  })

  it('not corrected: the record stays 缺席 and she reads the reason; a reply is required', async () => {
    const { admin, meeting, qian } = await heldMeeting()
    const { objection } = await t.ok(qian, 'meeting.raiseObjection', { meetingId: meeting.id, reason: REASON })
    const noReply = await t.call(admin, 'meeting.resolveObjection', {
      objectionId: objection.id,
      outcome: 'rejected',
      reply: '',
    })
    expect(noReply.ok ? null : noReply.error).toMatchObject({ code: 'INVALID_INPUT' })
    expect((await t.ok(admin, 'meeting.objections', { status: 'pending' })).total).toBe(1)

    await t.ok(admin, 'meeting.resolveObjection', {
      objectionId: objection.id,
      outcome: 'rejected',
      reply: '签到表上没有本人签名',
    })
    const detail = (await t.ok(qian, 'meeting.detail', { meetingId: meeting.id })).meeting
    expect(detail.myStatus).toBe('absent')
    expect(detail.myObjection).toMatchObject({ status: 'rejected', correctedTo: null, reply: '签到表上没有本人签名' })
    expect(await memberTally(qian)).toMatchObject({ absent: 1, present: 0 })
    expect(await t.count('attendance', { memberId: objection.memberId })).toBe(0)
    expect((await t.ok(admin, 'meeting.objections', { status: 'rejected' })).items.map((o) => o.id)).toEqual([
      objection.id,
    ])
  })

  it('a 迟到 can be questioned too and corrected to 出席; the arrival time she scanned is kept', async () => {
    const { admin, meeting } = await heldMeeting()
    const sun = await t.openidOf('孙浩然')
    const before = (await t.ok(sun, 'meeting.detail', { meetingId: meeting.id })).meeting
    expect(before.myStatus).toBe('late')
    const { objection } = await t.ok(sun, 'meeting.raiseObjection', {
      meetingId: meeting.id,
      reason: '会议推迟了十分钟开始，我并未迟到',
    })
    expect(objection.recorded).toBe('late')
    const { row } = await t.ok(admin, 'meeting.resolveObjection', {
      objectionId: objection.id,
      outcome: 'present',
      reply: '会议确实推迟开始',
    })
    expect(row).toMatchObject({ status: 'present', at: before.mySignedAt })
    expect(await memberTally(sun)).toMatchObject({ late: 0, present: 1 })
  })

  it('is refused, with nothing written, before sign-in closes, for a record that is fine, after 30 days, off the list', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 0 })
    const qian = await t.openidOf('钱文静')
    // While sign-in is open her record can still change by scanning.
    expect(codeOf(await t.call(qian, 'meeting.raiseObjection', { meetingId: meeting.id, reason: REASON }))).toBe(
      'OBJECTION_TOO_EARLY',
    )
    await t.ok(qian, 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
    t.cloud.clock.advance(2 * 3600_000)
    expect(codeOf(await t.call(qian, 'meeting.raiseObjection', { meetingId: meeting.id, reason: REASON }))).toBe(
      'OBJECTION_NOT_NEEDED',
    )
    const ma = await t.openidOf('马俊杰')
    expect(codeOf(await t.call(ma, 'meeting.raiseObjection', { meetingId: meeting.id, reason: '短' }))).toBe(
      'INVALID_INPUT',
    )
    t.cloud.clock.advance(31 * 24 * 3600_000)
    expect(codeOf(await t.call(ma, 'meeting.raiseObjection', { meetingId: meeting.id, reason: REASON }))).toBe(
      'OBJECTION_TOO_LATE',
    )
    // Another branch's member: the meeting is not hers to see.
    expect(
      codeOf(
        await t.call(await t.openidOf('冯涛'), 'meeting.raiseObjection', { meetingId: meeting.id, reason: REASON }),
      ),
    ).toBe('NOT_FOUND')
    expect(await t.count('objections')).toBe(0)
  })

  it("nobody decides her own objection, another branch's secretary cannot see it, the committee can decide it", async () => {
    const { meeting } = await heldMeeting()
    const li = await t.openidOf('李秀英')
    const { objection } = await t.ok(li, 'meeting.raiseObjection', { meetingId: meeting.id, reason: REASON })
    expect(
      codeOf(
        await t.call(li, 'meeting.resolveObjection', {
          objectionId: objection.id,
          outcome: 'present',
          reply: '已到会',
        }),
      ),
    ).toBe('FORBIDDEN')
    const wang = await t.openidOf('王志强')
    expect((await t.ok(wang, 'meeting.objections', {})).items).toEqual([])
    expect(codeOf(await t.call(wang, 'meeting.objections', { branchId: 'org_office' }))).toBe('OUT_OF_SCOPE')
    expect(
      codeOf(
        await t.call(wang, 'meeting.resolveObjection', {
          objectionId: objection.id,
          outcome: 'present',
          reply: '已到会',
        }),
      ),
    ).toBe('OUT_OF_SCOPE')
    const chen = await t.openidOf('陈建国')
    expect((await t.ok(chen, 'meeting.objections', { status: 'pending' })).items.map((o) => o.id)).toEqual([
      objection.id,
    ])
    await t.ok(chen, 'meeting.resolveObjection', {
      objectionId: objection.id,
      outcome: 'late',
      reply: '会议开始后才到',
    })
    expect((await t.ok(li, 'meeting.detail', { meetingId: meeting.id })).meeting.myStatus).toBe('late')
  })

  it('two decisions at once: exactly one lands, and the record agrees with the one that did', async () => {
    const { admin, meeting, qian } = await heldMeeting()
    const { objection } = await t.ok(qian, 'meeting.raiseObjection', { meetingId: meeting.id, reason: REASON })
    const chen = await t.openidOf('陈建国')
    const [a, b] = await Promise.all([
      t.call(admin, 'meeting.resolveObjection', { objectionId: objection.id, outcome: 'present', reply: '已到会' }),
      t.call(chen, 'meeting.resolveObjection', { objectionId: objection.id, outcome: 'rejected', reply: '无法核实' }),
    ])
    expect([a, b].filter((r) => r.ok)).toHaveLength(1)
    expect([a, b].map(codeOf).filter((c) => c !== 'ok')).toEqual(['OBJECTION_RESOLVED'])
    const detail = (await t.ok(qian, 'meeting.detail', { meetingId: meeting.id })).meeting
    expect(detail.myStatus).toBe(detail.myObjection?.status === 'accepted' ? 'present' : 'absent')
  })
})
