import { startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const code = (r: { ok: boolean; error?: { code: string; message?: string } }) => (r.ok ? 'ok' : r.error!.code)

async function expectedNames(meetingId: string): Promise<string[]> {
  const board = await t.ok(await t.openidOf('李秀英'), 'meeting.board', { meetingId })
  return board.rows.map((r) => r.name).sort()
}

describe('who is expected by default follows the meeting type (issue 13, defect 3)', () => {
  it('支部委员会 expects the branch committee (members with a 职务), not every member', async () => {
    const { meeting } = await officeMeeting(t, { startsInMin: 60, title: '12 月支委会', type: 'branch_committee' })
    expect(await expectedNames(meeting.id)).toEqual(['何雨桐', '李秀英'])
    // An ordinary member is not on the list: no leave form, and nothing counted against her.
    const qian = await t.openidOf('钱文静')
    expect(code(await t.call(qian, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差' }))).toBe(
      'MEETING_NOT_EXPECTED',
    )
    expect((await t.ok(qian, 'meeting.detail', { meetingId: meeting.id })).meeting.myExpected).toBe(false)
  })

  it('党员大会 and 党课 expect the whole branch', async () => {
    const assembly = await officeMeeting(t, { startsInMin: 60, title: '党员大会', type: 'branch_assembly' })
    const lecture = await officeMeeting(t, { startsInMin: 120, title: '党课', type: 'party_lecture' })
    const all = await expectedNames(assembly.meeting.id)
    expect(all).toContain('钱文静')
    expect(all.length).toBeGreaterThan(2)
    expect(await expectedNames(lecture.meeting.id)).toEqual(all)
  })

  it('changing a meeting to 支部委员会 without naming attendees takes the committee', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 60, title: '党员大会', type: 'branch_assembly' })
    await t.ok(admin, 'meeting.update', {
      meetingId: meeting.id,
      revision: meeting.revision,
      title: '支委会',
      type: 'branch_committee',
      startAt: meeting.startAt,
      endAt: meeting.endAt,
      place: meeting.place,
    })
    expect(await expectedNames(meeting.id)).toEqual(['何雨桐', '李秀英'])
  })

  it('a branch without committee posts is told to set them or name the attendees, and nothing is created', async () => {
    await t.cloud
      .db()
      .collection('members')
      .where({ branchId: 'org_office' })
      .update({ data: { post: null } })
    const res = await t.call(await t.openidOf('李秀英'), 'meeting.create', {
      branchId: 'org_office',
      title: '支委会',
      type: 'branch_committee',
      startAt: new Date(t.cloud.clock.now().getTime() + 3600_000).toISOString(),
      endAt: new Date(t.cloud.clock.now().getTime() + 7200_000).toISOString(),
      place: '会议室',
    })
    expect(res.ok ? '' : res.error.message).toContain('支部委员')
    expect(await t.count('meetings')).toBe(0)
  })
})
