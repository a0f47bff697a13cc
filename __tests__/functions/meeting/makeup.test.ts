import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const REFLECTION = '认真阅读了本次支部党员大会的纪实，学习了会议精神，今后按时参加组织生活，把会议要求落到工作中。'

/** The revision of the meeting's 纪实 as stored (0: none yet): what the record form would open on. */
async function storedRevision(meetingId: string): Promise<number> {
  const doc = (await t.cloud.db().collection('meeting_records').where({ _id: meetingId }).get()).data[0]
  return (doc?.revision as number | undefined) ?? 0
}

async function recordInput(meetingId: string) {
  return {
    meetingId,
    revision: await storedRevision(meetingId),
    hostId: await t.memberId('李秀英'),
    recorderId: await t.memberId('何雨桐'),
    topics: [{ title: '学习贯彻党的二十届四中全会精神', first: true }],
    minutes: '李秀英同志传达了会议精神，与会党员结合工作实际逐一发言。',
    decisions: ['同意钱文静同志列为入党积极分子'],
    photos: [],
    materials: [],
    complete: true,
  }
}

/**
 * 11 月支部党员大会 of 办公室党支部 (8 expected): 何雨桐 on approved leave, 孙浩然 signed in, the other six absent
 * (钱文静 among them). Closed, 纪实 not yet complete.
 */
async function missedMeeting() {
  const { admin, meeting } = await officeMeeting(t, { startsInMin: 60 })
  const he = await t.openidOf('何雨桐')
  const { leave } = await t.ok(he, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差在外' })
  await t.ok(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true })
  t.cloud.clock.advance(60 * 60_000)
  await t.ok(await t.openidOf('孙浩然'), 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
  t.cloud.clock.advance(2 * 3600_000)
  await t.ok(admin, 'meeting.close', { meetingId: meeting.id })
  return { admin, meeting, he }
}

describe('补学', () => {
  it('an absentee reads the completed 纪实 and writes a reflection once; the secretary sees who has caught up', async () => {
    const { admin, meeting, he } = await missedMeeting()
    const qian = await t.openidOf('钱文静')

    // Owed at once, but the 纪实 must be complete before anyone can catch up on it.
    const before = await t.ok(qian, 'meeting.makeupTasks', {})
    expect(before.items).toEqual([
      expect.objectContaining({ meetingId: meeting.id, kind: 'absent', recordReady: false, done: null }),
    ])
    expect(codeOf(await t.call(qian, 'meeting.submitMakeup', { meetingId: meeting.id, reflection: REFLECTION }))).toBe(
      'MAKEUP_NOT_READY',
    )
    await t.ok(admin, 'meeting.saveRecord', await recordInput(meeting.id))
    // The member who came owes nothing; a reflection of a few words does not count; another branch's member is told
    // the meeting does not exist.
    expect(
      codeOf(
        await t.call(await t.openidOf('孙浩然'), 'meeting.submitMakeup', {
          meetingId: meeting.id,
          reflection: REFLECTION,
        }),
      ),
    ).toBe('MAKEUP_NOT_OWED')
    expect(codeOf(await t.call(qian, 'meeting.submitMakeup', { meetingId: meeting.id, reflection: '已学习' }))).toBe(
      'MAKEUP_TOO_SHORT',
    )
    expect(
      codeOf(
        await t.call(await t.openidOf('冯涛'), 'meeting.submitMakeup', {
          meetingId: meeting.id,
          reflection: REFLECTION,
        }),
      ),
    ).toBe('NOT_FOUND')
    // The reflection goes through the content security check (the local stand-in refuses 赌博): refused, nothing kept.
    expect(
      codeOf(
        await t.call(qian, 'meeting.submitMakeup', {
          meetingId: meeting.id,
          reflection: `${REFLECTION}会后有人谈论赌博。`,
        }),
      ),
    ).toBe('MAKEUP_TEXT_RISKY')
    expect(await t.count('makeups', { meetingId: meeting.id })).toBe(0)

    const first = await t.ok(qian, 'meeting.submitMakeup', { meetingId: meeting.id, reflection: REFLECTION })
    expect(first.already).toBe(false)
    expect(first.task).toMatchObject({ kind: 'absent', recordReady: true, done: { reflection: REFLECTION } })
    // A second tap (or a retry with other words) lands on the same 补学: the first stands.
    const again = await t.ok(qian, 'meeting.submitMakeup', {
      meetingId: meeting.id,
      reflection: `${REFLECTION}（再次提交）`,
    })
    expect(again.already).toBe(true)
    expect(again.task.done).toEqual(first.task.done)
    const docs = await t.cloud.db().collection('makeups').where({ meetingId: meeting.id }).get()
    expect(docs.data).toHaveLength(1)

    // On leave counts as owed too, and is recorded as such.
    expect((await t.ok(he, 'meeting.submitMakeup', { meetingId: meeting.id, reflection: REFLECTION })).task.kind).toBe(
      'leave',
    )
    const mine = await t.ok(qian, 'meeting.makeupTasks', {})
    expect({ open: mine.open, done: mine.done }).toEqual({ open: 0, done: 1 })

    const list = await t.ok(admin, 'meeting.makeups', { meetingId: meeting.id })
    expect({ done: list.done, owed: list.owed, recordReady: list.recordReady }).toEqual({
      done: 2,
      owed: 5,
      recordReady: true,
    })
    expect(list.rows.find((r) => r.name === '钱文静')).toMatchObject({
      kind: 'absent',
      done: { reflection: REFLECTION },
    })
    expect(list.rows.find((r) => r.name === '何雨桐')).toMatchObject({ kind: 'leave' })
    expect(list.rows.some((r) => r.name === '孙浩然')).toBe(false)
    // Those still owing come first: the secretary's to-do list.
    expect(list.rows.slice(0, 5).every((r) => r.done === null)).toBe(true)
    // Another branch's secretary cannot see it.
    expect(codeOf(await t.call(await t.openidOf('王志强'), 'meeting.makeups', { meetingId: meeting.id }))).toBe(
      'OUT_OF_SCOPE',
    )
  })

  it('attendance statistics show 缺席 and 缺席已补学 apart, for the meeting, the member, the branch and the committee', async () => {
    const { admin, meeting, he } = await missedMeeting()
    await t.ok(admin, 'meeting.saveRecord', await recordInput(meeting.id))
    const qian = await t.openidOf('钱文静')
    const branchBefore = await t.ok(admin, 'meeting.stats', { kind: 'branch' })
    await t.ok(qian, 'meeting.submitMakeup', { meetingId: meeting.id, reflection: REFLECTION })
    await t.ok(he, 'meeting.submitMakeup', { meetingId: meeting.id, reflection: REFLECTION })

    const one = await t.ok(admin, 'meeting.stats', { kind: 'meeting', meetingId: meeting.id })
    expect(one.tally).toMatchObject({ absent: 6, absentMadeUp: 1, leave: 1, leaveMadeUp: 1, present: 1 })

    const self = await t.ok(qian, 'meeting.stats', { kind: 'member' })
    expect(self.byMeeting!.find((m) => m.meetingId === meeting.id)!.tally).toMatchObject({
      absent: 1,
      absentMadeUp: 1,
    })

    const branch = await t.ok(admin, 'meeting.stats', { kind: 'branch' })
    expect(branch.tally.absentMadeUp).toBe((branchBefore.tally.absentMadeUp ?? 0) + 1)
    expect(branch.tally.leaveMadeUp).toBe((branchBefore.tally.leaveMadeUp ?? 0) + 1)
    const qianId = await t.memberId('钱文静')
    const row = branch.byMember!.find((m) => m.memberId === qianId)!
    expect(row.tally.absentMadeUp).toBe(1)
    expect(row.tally.absentMadeUp!).toBeLessThanOrEqual(row.tally.absent)

    const org = await t.ok(await t.openidOf('陈建国'), 'meeting.stats', { kind: 'org' })
    const office = org.byBranch!.find((b) => b.branchId === 'org_office')!
    expect(office.tally.absentMadeUp).toBe(branch.tally.absentMadeUp)
    expect(org.tally.absentMadeUp).toBeGreaterThanOrEqual(1)
  })
})
