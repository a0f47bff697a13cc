// The 出勤统计 figures come from aggregations that join approved leave to attendance records by their shared key
// (meeting/tallies.ts); the sign-in board decides each member's status one by one (statusOf). After a burst of scans,
// leave approvals and an organiser's correction landing together, the two must say the same, as a secretary counting
// the board by hand would.
import { startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

it('after scans, leave approvals and a correction land together, the statistics equal a recount of the board', async () => {
  const { admin, meeting } = await officeMeeting(t, { startsInMin: 10 })
  const board0 = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
  // Members who can act themselves (bound to WeChat); the unbound stay on the list and count as absent.
  const bound = await Promise.all(
    board0.rows.map(async (r) => [r.name, await t.openidOf(r.name).catch(() => null)] as const),
  )
  const openids = new Map(bound.filter((b): b is readonly [string, string] => !!b[1]))
  const names = [...openids.keys()]
  expect(names.length).toBeGreaterThanOrEqual(6)
  // Three ask for leave; two of them will come anyway.
  const askers = names.slice(0, 3)
  const leaves = await Promise.all(
    askers.map(
      async (n) =>
        (await t.ok(openids.get(n)!, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差' })).leave,
    ),
  )
  const token = await tokenFor(t, admin, meeting.id)
  const scanners = names.slice(1, 5)
  const marked = names[5]
  const markedId = board0.rows.find((r) => r.name === marked)!.memberId
  const results = await Promise.all([
    ...leaves.map((l) => t.call(admin, 'meeting.reviewLeave', { leaveId: l.id, approve: true })),
    ...scanners.flatMap((n) => [1, 2, 3].map(() => t.call(openids.get(n)!, 'meeting.checkIn', { token }))),
    t.call(admin, 'meeting.mark', { meetingId: meeting.id, memberId: markedId, status: 'absent', reason: '无故缺席' }),
  ])
  for (const r of results) if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  t.cloud.clock.advance(2 * 3600_000)
  await t.ok(admin, 'meeting.close', { meetingId: meeting.id })

  const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
  const recount = { present: 0, late: 0, leave: 0, absent: 0, pending: 0 } as Record<string, number>
  for (const r of board.rows) recount[r.status]++
  // What actually happened: the first asker stayed away on leave, the two who asked and came count as 已到.
  expect(board.rows.find((r) => r.name === askers[0])?.status).toBe('leave')
  for (const n of askers.slice(1)) expect(board.rows.find((r) => r.name === n)?.status).toBe('present')
  expect(board.rows.find((r) => r.name === marked)?.status).toBe('absent')

  const { tally } = await t.ok(admin, 'meeting.stats', { kind: 'meeting', meetingId: meeting.id })
  expect({
    expected: tally.expected,
    present: tally.present,
    late: tally.late,
    leave: tally.leave,
    absent: tally.absent,
  }).toEqual({
    expected: board.rows.length,
    present: recount.present,
    late: recount.late,
    leave: recount.leave,
    absent: recount.absent,
  })
  expect(board.tally).toMatchObject({ present: tally.present, leave: tally.leave, absent: tally.absent })
})
