import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from '../meeting/fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const inDays = (d: number) => new Date(t.cloud.clock.now().getTime() + d * 86400_000).toISOString()
const REFLECTION = '认真阅读了本次支部党员大会的纪实，学习了会议精神，今后按时参加组织生活，把会议要求落到工作中。'

/** A required article for the whole organisation, due in a week. */
async function requiredArticle() {
  const admin = await t.openidOf('陈建国')
  const { article } = await t.ok(admin, 'study.save', {
    title: '学习贯彻党的二十届四中全会精神',
    category: '第一议题',
    markdown: '## 一、总体要求\n\n深入学习**全会精神**。',
    required: true,
    deadline: inDays(7),
    readMinutes: 4,
  })
  await t.ok(admin, 'study.publish', { articleId: article.id })
  return article.id
}

/** A meeting of 办公室党支部 an hour long ago that nobody signed in to, closed, its 纪实 complete. */
async function missedMeeting() {
  const { admin, meeting } = await officeMeeting(t, { startsInMin: -120, title: '12 月支部党员大会' })
  await t.ok(admin, 'meeting.close', { meetingId: meeting.id })
  await t.ok(admin, 'meeting.saveRecord', {
    meetingId: meeting.id,
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
  return meeting.id
}

describe("each member's year", () => {
  it('shows the meetings, 补学, required reading and time as they happen, with the same figures as the attendance statistics', async () => {
    const qian = await t.openidOf('钱文静')
    const before = (await t.ok(qian, 'member.year', {})).figures

    const articleId = await requiredArticle()
    await t.ok(qian, 'study.open', { articleId })
    t.cloud.clock.advance(150_000)
    await t.ok(qian, 'study.finish', { articleId, reachedEnd: true })
    const meetingId = await missedMeeting()

    const after = await t.ok(qian, 'member.year', {})
    expect(after.member.name).toBe('钱文静')
    const m = after.figures.meetings
    expect(m.expected).toBe(before.meetings.expected + 1)
    expect(m.absent).toBe(before.meetings.absent + 1)
    expect(after.figures.study.required).toBe(before.study.required + 1)
    expect(after.figures.study.requiredRead).toBe(before.study.requiredRead + 1)
    expect(after.figures.study.readCount).toBe(before.study.readCount + 1)
    expect(after.figures.study.minutes).toBeGreaterThanOrEqual(before.study.minutes + 2)
    expect(after.behind.some((r) => /次会议未补学/.test(r))).toBe(true)

    // The same definitions as 我的出勤 (meeting.stats for the member).
    const stats = await t.ok(qian, 'meeting.stats', { kind: 'member' })
    expect({ expected: m.expected, present: m.present, late: m.late, leave: m.leave, absent: m.absent }).toEqual({
      expected: stats.tally.expected,
      present: stats.tally.present,
      late: stats.tally.late,
      leave: stats.tally.leave,
      absent: stats.tally.absent,
    })

    await t.ok(qian, 'meeting.submitMakeup', { meetingId, reflection: REFLECTION })
    const made = (await t.ok(qian, 'member.year', {})).figures.meetings
    expect(made.absentMadeUp).toBe(before.meetings.absentMadeUp + 1)
  })

  it('a member granted leave who came anyway counts once, as 已到, in her year, the meeting and the branch figures', async () => {
    const he = await t.openidOf('何雨桐')
    const ma = await t.openidOf('马俊杰')
    const heBefore = (await t.ok(he, 'member.year', {})).figures.meetings
    const maBefore = (await t.ok(ma, 'member.year', {})).figures.meetings
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 20, title: '12 月主题党日' })
    // Both ask for leave and the secretary approves both before the meeting.
    for (const who of [he, ma]) {
      const { leave } = await t.ok(who, 'meeting.requestLeave', { meetingId: meeting.id, reason: '外出开会' })
      await t.ok(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true })
    }
    // 何雨桐's trip is called off and she scans in; 马俊杰 stays away.
    t.cloud.clock.advance(20 * 60_000)
    const { token } = await t.ok(admin, 'meeting.qrToken', { meetingId: meeting.id })
    expect((await t.ok(he, 'meeting.checkIn', { token })).status).toBe('present')
    await t.ok(admin, 'meeting.close', { meetingId: meeting.id })

    const heYear = (await t.ok(he, 'member.year', {})).figures.meetings
    expect(heYear).toMatchObject({
      expected: heBefore.expected + 1,
      present: heBefore.present + 1,
      leave: heBefore.leave,
      absent: heBefore.absent,
    })
    const maYear = (await t.ok(ma, 'member.year', {})).figures.meetings
    expect(maYear).toMatchObject({
      expected: maBefore.expected + 1,
      present: maBefore.present,
      leave: maBefore.leave + 1,
      absent: maBefore.absent,
    })
    const { tally } = await t.ok(admin, 'meeting.stats', { kind: 'meeting', meetingId: meeting.id })
    expect(tally).toMatchObject({ present: 1, leave: 1, absent: tally.expected - 2 })
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    expect(board.rows.find((r) => r.name === '何雨桐')?.status).toBe('present')
    expect(board.rows.find((r) => r.name === '马俊杰')?.status).toBe('leave')
    // The branch's figures per member say the same as each member's own year.
    const branch = await t.ok(admin, 'meeting.stats', { kind: 'branch', branchId: 'org_office' })
    const row = (name: string) => branch.byMember!.find((r) => r.name === name)!.tally
    for (const [name, y] of [
      ['何雨桐', heYear],
      ['马俊杰', maYear],
    ] as const)
      expect({ name, present: row(name).present, late: row(name).late, leave: row(name).leave }).toEqual({
        name,
        present: y.present,
        late: y.late,
        leave: y.leave,
      })
  })

  it("counts the same meetings on a member's page and on her secretary's list: her branch's, and another branch's open one she attended", async () => {
    const qian = await t.openidOf('钱文静')
    // 预算处's open meeting: 钱文静 (办公室) scans in as an extra attendee.
    const wang = await t.openidOf('王志强')
    const start = t.cloud.clock.now()
    const { meeting: open } = await t.ok(wang, 'meeting.create', {
      branchId: 'org_budget',
      title: '开放党课：学习贯彻全会精神',
      type: 'party_lecture',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
      place: '二楼报告厅',
      agenda: '学习贯彻党的二十届四中全会精神',
      open: true,
    })
    await t.ok(qian, 'meeting.checkIn', { token: await tokenFor(t, wang, open.id) })
    // 办公室's own meeting, which she misses: she falls behind (1 of 2).
    await missedMeeting()
    t.cloud.clock.advance(3 * 3600_000)

    const mine = (await t.ok(qian, 'member.year', {})).figures.meetings
    expect(mine).toMatchObject({ expected: 2, present: 1, absent: 1, rate: 0.5 })
    const list = await t.ok(await t.openidOf('李秀英'), 'member.behind', {})
    const row = list.rows.find((r) => r.name === '钱文静')!
    expect(row.figures.meetings).toEqual(mine)
    expect(row.reasons).toContain('出勤率 50%，低于 80%')
  })

  it("a secretary opens the same page for a member of her branch, and no one else's", async () => {
    const qianId = await t.memberId('钱文静')
    await missedMeeting()
    const own = await t.ok(await t.openidOf('钱文静'), 'member.year', {})
    const seen = await t.ok(await t.openidOf('李秀英'), 'member.year', { memberId: qianId })
    expect(seen.figures).toEqual(own.figures)
    expect(seen.member).toEqual(own.member)
    expect(codeOf(await t.call(await t.openidOf('王志强'), 'member.year', { memberId: qianId }))).toBe('OUT_OF_SCOPE')
    expect(codeOf(await t.call(await t.openidOf('孙浩然'), 'member.year', { memberId: qianId }))).toBe('OUT_OF_SCOPE')
    expect(codeOf(await t.call(await t.openidOf('王志强'), 'member.behind', { branchId: 'org_office' }))).toBe(
      'OUT_OF_SCOPE',
    )
  })

  it('the falling-behind list names who owes 补学 or is overdue on required reading, and drops them once done', async () => {
    const articleId = await requiredArticle()
    const qian = await t.openidOf('钱文静')
    await t.ok(qian, 'study.open', { articleId })
    t.cloud.clock.advance(150_000)
    await t.ok(qian, 'study.finish', { articleId, reachedEnd: true })
    const meetingId = await missedMeeting()
    const admin = await t.openidOf('李秀英')

    const list = await t.ok(admin, 'member.behind', {})
    expect(list.branchName).toBe('办公室党支部')
    const row = (name: string) => list.rows.find((r) => r.name === name)
    expect(row('钱文静')?.reasons.some((r) => /次会议未补学/.test(r))).toBe(true)
    // Each row carries the same figures the member's own page shows.
    expect(row('钱文静')?.figures.meetings.absent).toBe((await t.ok(qian, 'member.year', {})).figures.meetings.absent)

    // A week and a day later the article is overdue for those who never read it, not for 钱文静.
    t.cloud.clock.advance(8 * 86400_000)
    const later = await t.ok(admin, 'member.behind', {})
    const sun = later.rows.find((r) => r.name === '孙浩然')!
    expect(sun.reasons.some((r) => /篇必读资料逾期未读/.test(r))).toBe(true)
    const qianLater = (await t.ok(qian, 'member.year', {})).figures.study
    expect(sun.figures.study.overdue).toBe(qianLater.overdue + 1)

    // Her 补学 done for every missed meeting, 钱文静 no longer owes any.
    const tasks = await t.ok(qian, 'meeting.makeupTasks', {})
    for (const task of tasks.items.filter((x) => x.recordReady && !x.done))
      await t.ok(qian, 'meeting.submitMakeup', { meetingId: task.meetingId, reflection: REFLECTION })
    const done = await t.ok(admin, 'member.behind', {})
    const qianRow = done.rows.find((r) => r.name === '钱文静')
    // Only meetings whose 纪实 is still missing (the seeded ones) can be left owing.
    const left = tasks.items.filter((x) => !x.recordReady).length
    expect((qianRow?.reasons ?? []).filter((r) => /未补学/.test(r))).toEqual(left ? [`${left} 次会议未补学`] : [])
    expect(tasks.items.some((x) => x.meetingId === meetingId)).toBe(true)
  })
})
