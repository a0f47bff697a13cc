import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'

// 民主生活会: the leadership's meeting, held by the committee (or a 党总支) with its attendees named.

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

function input(over: Record<string, unknown> = {}) {
  const start = new Date(t.cloud.clock.now().getTime() + 3600_000)
  return {
    branchId: 'org_root',
    title: '2026 年度机关党委民主生活会',
    type: 'democratic_life' as const,
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 3 * 3600_000).toISOString(),
    place: '二楼党员活动室',
    ...over,
  }
}

it('the committee holds a 民主生活会 with the leadership of several branches; a branch cannot, nor anyone unnamed', async () => {
  const chen = await t.openidOf('陈建国')
  const leaders = [
    await t.memberId('陈建国'),
    await t.memberId('李秀英'),
    await t.memberId('王志强'),
    await t.memberId('张丽华'),
  ]
  const { meeting } = await t.ok(chen, 'meeting.create', input({ expectedIds: leaders }))
  expect(meeting).toMatchObject({ branchId: 'org_root', type: 'democratic_life', expectedCount: 4 })

  // Without names it would default to a roster: refused with the reason.
  const unnamed = await t.call(chen, 'meeting.create', input({ title: '另一场民主生活会', startAt: input().endAt }))
  expect(unnamed).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', message: expect.stringMatching(/领导班子/) },
  })
  // A 党支部 holds 组织生活会, not 民主生活会.
  expect(codeOf(await t.call(chen, 'meeting.create', input({ branchId: 'org_office', expectedIds: leaders })))).toBe(
    'INVALID_INPUT',
  )
  // A secretary's scope is her branch: the committee's meeting is not hers to call.
  expect(codeOf(await t.call(await t.openidOf('李秀英'), 'meeting.create', input({ expectedIds: leaders })))).toBe(
    'OUT_OF_SCOPE',
  )
  expect(await t.count('meetings')).toBe(1)

  // The organiser changes the attendees later (members of branches under the committee are accepted) …
  const updated = await t.ok(chen, 'meeting.update', {
    meetingId: meeting.id,
    revision: meeting.revision,
    ...input({ expectedIds: leaders.slice(0, 3) }),
  })
  expect(updated.meeting.expectedCount).toBe(3)
  // … but cannot turn it into a branch meeting by changing its type.
  const retyped = await t.call(chen, 'meeting.update', { meetingId: meeting.id, ...input({ type: 'org_life' }) })
  expect(codeOf(retyped)).toBe('INVALID_INPUT')
  expect((await t.ok(chen, 'meeting.board', { meetingId: meeting.id })).meeting.type).toBe('democratic_life')
})
