// 50 concurrent conflicting calls per path on the strict local cloud (transaction conflicts reported at the write, as
// CloudBase does): no INTERNAL, every answer the one a single call gets, the data as one call would leave it.
import { startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from '../meeting/fixtures'
import { importBank, publishedQuiz } from '../quiz/fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const N = 50
const codes = (results: Array<{ ok: boolean; error?: { code: string } }>) =>
  [...new Set(results.map((r) => (r.ok ? 'ok' : r.error!.code)))].sort()

it('double scans: 50 scans by one member at once answer ok with one record, first-time once', async () => {
  const { admin, meeting } = await officeMeeting(t)
  const member = await t.openidOf('孙浩然')
  const token = await tokenFor(t, admin, meeting.id)
  const results = await Promise.all(Array.from({ length: N }, () => t.call(member, 'meeting.checkIn', { token })))
  expect(codes(results)).toEqual(['ok'])
  expect(results.filter((r) => r.ok && !r.data.already)).toHaveLength(1)
  expect(new Set(results.map((r) => r.ok && r.data.status))).toEqual(new Set(['present']))
  expect(await t.count('attendance', { meetingId: meeting.id })).toBe(1)
})

it("an organiser's 代签 racing 49 scans of the same member: no INTERNAL, one record", async () => {
  const { admin, meeting } = await officeMeeting(t)
  const member = await t.openidOf('孙浩然')
  const memberId = (await t.cloud.db().collection('members').where({ name: '孙浩然' }).get()).data[0]._id
  const token = await tokenFor(t, admin, meeting.id)
  const calls = Array.from({ length: N }, (_x, i) =>
    i === 25
      ? t.call(admin, 'meeting.mark', { meetingId: meeting.id, memberId, status: 'present', reason: '代签' })
      : t.call(member, 'meeting.checkIn', { token }),
  )
  const results = await Promise.all(calls)
  expect(codes(results)).toEqual(['ok'])
  expect(await t.count('attendance', { meetingId: meeting.id })).toBe(1)
})

it('double submit: 50 submits of one attempt grade it once, every answer the same result', async () => {
  await importBank(t)
  const { quiz } = await publishedQuiz(t)
  const me = await t.openidOf('钱文静')
  const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
  const results = await Promise.all(
    Array.from({ length: N }, () => t.call(me, 'quiz.submit', { attemptId: attempt.attemptId })),
  )
  expect(codes(results)).toEqual(['ok'])
  const scores = new Set(results.map((r) => r.ok && JSON.stringify(r.data.result)))
  expect(scores.size).toBe(1)
  const doc = (await t.cloud.db().collection('attempts').doc(attempt.attemptId).get()).data
  expect(doc!.gradeWrites).toBe(1)
})

it('binding: 50 bind requests of one identity at once leave one binding and no INTERNAL', async () => {
  const zhou = (await t.cloud.db().collection('members').where({ name: '周明' }).get()).data[0]
  const results = await Promise.all(
    Array.from({ length: N }, () =>
      t.call('wx_zhou_burst', 'member.bind', { mode: 'phone', name: '周明', phoneTail: zhou.phoneTail }),
    ),
  )
  expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1)
  for (const c of codes(results)) expect(['ok', 'BIND_ALREADY', 'BIND_LIMITED', 'CONFLICT']).toContain(c)
  expect(await t.count('bindings', { memberId: zhou._id })).toBe(1)
})

it('leave approval racing 49 scans never leaves the member both present and excused', async () => {
  const { admin, meeting } = await officeMeeting(t, { startsInMin: 10 })
  const member = await t.openidOf('孙浩然')
  const { leave } = await t.ok(member, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差' })
  const token = await tokenFor(t, admin, meeting.id)
  const calls = Array.from({ length: N }, (_x, i) =>
    i === 0
      ? t.call(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true })
      : t.call(member, 'meeting.checkIn', { token }),
  )
  const results = await Promise.all(calls)
  expect(codes(results)).toEqual(['ok'])
  expect(await t.count('attendance', { meetingId: meeting.id })).toBe(1)
  const approved = (await t.cloud.db().collection('leaves').where({ meetingId: meeting.id }).get()).data[0]
  expect(approved.status).toBe('approved')
  // Whichever committed first, she signed in and came: the meeting counts her once, as 已到, not also as 请假.
  const { tally } = await t.ok(admin, 'meeting.stats', { kind: 'meeting', meetingId: meeting.id })
  expect(tally.present + tally.late).toBe(1)
  expect(tally.leave).toBe(0)
})
