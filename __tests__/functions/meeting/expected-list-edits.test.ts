import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting } from './fixtures'

// The meeting editor sends the expected list it opened on (a 民主生活会 always, any meeting once the organiser picked
// attendees). Two other writers change that list without going through the editor: accepting an objection as 不应参加
// (objection.ts dropExpected) and moving a member to another 党小组 (member/staff.ts). A save from an editor opened
// before either must not put the member back on the list behind the secretary's back: it is refused as edited
// elsewhere (cloudfunctions/_shared/revision.ts), and reopened on the latest it saves without her.

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

async function memberId(name: string): Promise<string> {
  return (await t.cloud.db().collection('members').where({ name }).limit(1).get()).data[0]._id
}

async function expectedNames(admin: string, meetingId: string): Promise<string[]> {
  return (await t.ok(admin, 'meeting.board', { meetingId })).rows.map((r) => r.name).sort()
}

/** The editor's form of a meeting as it opens: the meeting and its expected list (from the board). */
async function openEditor(admin: string, meetingId: string) {
  const board = await t.ok(admin, 'meeting.board', { meetingId })
  const m = board.meeting
  return {
    meetingId,
    revision: m.revision,
    title: m.title,
    type: m.type,
    startAt: m.startAt,
    endAt: m.endAt,
    place: m.place,
    expectedIds: board.rows.map((r) => r.memberId),
  }
}

describe('a save from an editor opened before the expected list changed elsewhere', () => {
  it('after 不应参加 was accepted: refused, and the member stays off the list', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 0 })
    t.cloud.clock.advance(60 * 60_000)
    const qian = await t.openidOf('钱文静')
    // The secretary opens the held meeting to write down what was discussed…
    const form = await openEditor(admin, meeting.id)
    expect(form.expectedIds).toContain(await memberId('钱文静'))
    // …meanwhile 钱文静's objection is accepted as 不应参加 (by another committee member, or in another tab).
    const { objection } = await t.ok(qian, 'meeting.raiseObjection', {
      meetingId: meeting.id,
      reason: '我不是支部委员，不应参加这次会议',
    })
    await t.ok(admin, 'meeting.resolveObjection', {
      objectionId: objection.id,
      outcome: 'not_expected',
      reply: '经核实，不应列入应到人员',
    })
    expect(await expectedNames(admin, meeting.id)).not.toContain('钱文静')
    const res = await t.call(admin, 'meeting.update', { ...form, notes: '传达学习全会精神，讨论本支部落实举措。' })
    expect(codeOf(res)).toBe('EDITED_ELSEWHERE')
    expect(await expectedNames(admin, meeting.id)).not.toContain('钱文静')
    // Reopened on the latest, the notes are saved and she is still off the list.
    const again = await openEditor(admin, meeting.id)
    await t.ok(admin, 'meeting.update', { ...again, notes: '传达学习全会精神，讨论本支部落实举措。' })
    expect(await expectedNames(admin, meeting.id)).not.toContain('钱文静')
  })

  it('after a member moved to another 党小组: refused, and the group meeting does not expect her again', async () => {
    const admin = await t.openidOf('李秀英')
    const start = new Date(t.cloud.clock.now().getTime() + 24 * 3600_000)
    const g2 = ['赵晓燕', '孙浩然', '马俊杰']
    const { meeting } = await t.ok(admin, 'meeting.create', {
      branchId: 'org_office',
      groupId: 'org_office_g2',
      title: '第二党小组学习会',
      type: 'group_meeting',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 3600_000).toISOString(),
      place: '三楼小会议室',
      expectedIds: await Promise.all(g2.map(memberId)),
    })
    const form = await openEditor(admin, meeting.id)
    await t.ok(admin, 'member.moveMember', {
      memberId: await memberId('孙浩然'),
      branchId: 'org_office',
      groupId: 'org_office_g1',
    })
    expect(await expectedNames(admin, meeting.id)).not.toContain('孙浩然')
    const res = await t.call(admin, 'meeting.update', { ...form, place: '五楼报告厅' })
    expect(codeOf(res)).toBe('EDITED_ELSEWHERE')
    expect(await expectedNames(admin, meeting.id)).toEqual(['赵晓燕', '马俊杰'].sort())
  })
})
