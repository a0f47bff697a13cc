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

/** A hold: `hold(action)` stops a call just before its first request of that action until `release()`. */
function gate(action: string) {
  let release!: () => void
  let reached!: () => void
  const released = new Promise<void>((r) => (release = r))
  const arrived = new Promise<void>((r) => (reached = r))
  let held = false
  return {
    arrived,
    release,
    beforeRequest: async (a: string) => {
      if (a !== action || held) return
      held = true
      reached()
      await released
    },
  }
}

/** The member's own attendance figures as she sees them: 我的出勤 and her year page, which must agree. */
async function herFigures(member: string) {
  // Both count meetings that have started by now: look from after the meeting, then return to the test's time.
  const now = t.cloud.clock.now()
  t.cloud.clock.advance(3 * 3600_000)
  const stats = (await t.ok(member, 'meeting.stats', { kind: 'member' })).tally
  const year = (await t.ok(member, 'member.year', {})).figures.meetings
  t.cloud.clock.set(now.toISOString())
  return {
    stats: { present: stats.present + stats.late, leave: stats.leave },
    year: { present: year.present + year.late, leave: year.leave },
  }
}

describe('leave approval racing scans', () => {
  it('49 scans at once with the approval: no INTERNAL, one record, counted present and not also on leave', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 10 })
    const member = await t.openidOf('孙浩然')
    const before = await herFigures(member)
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
    const after = await herFigures(member)
    expect(after.stats).toEqual({ present: before.stats.present + 1, leave: before.stats.leave })
    expect(after.year).toEqual({ present: before.year.present + 1, leave: before.year.leave })
  })

  it('the scans land after the approval read "no record" and before it commits: still present once, not on leave', async () => {
    // The write skew snapshot isolation allows: the approval's transaction reads the record (none yet) and writes
    // only the leave; the scans create the record outside it. Held at its commit, the approval loses that race
    // every time, so the reports must not depend on the approval having seen the record.
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 10 })
    const member = await t.openidOf('孙浩然')
    const before = await herFigures(member)
    const { leave } = await t.ok(member, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差' })
    const token = await tokenFor(t, admin, meeting.id)
    const hold = gate('database.commitTransaction')
    const approval = t.call(
      admin,
      'meeting.reviewLeave',
      { leaveId: leave.id, approve: true },
      { beforeRequest: hold.beforeRequest },
    )
    await hold.arrived
    const scans = await Promise.all(Array.from({ length: N - 1 }, () => t.call(member, 'meeting.checkIn', { token })))
    hold.release()
    expect(codes([await approval, ...scans])).toEqual(['ok'])
    expect(scans.filter((r) => r.ok && !r.data.already)).toHaveLength(1)
    expect((await t.cloud.db().collection('leaves').doc(leave.id).get()).data?.status).toBe('approved')
    expect(await t.count('attendance', { meetingId: meeting.id })).toBe(1)
    const after = await herFigures(member)
    expect(after.stats).toEqual({ present: before.stats.present + 1, leave: before.stats.leave })
    expect(after.year).toEqual({ present: before.year.present + 1, leave: before.year.leave })
  })

  it('a scan after the leave was approved counts present, not also on leave, in both 我的出勤 and the year page', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 10 })
    const member = await t.openidOf('孙浩然')
    const before = await herFigures(member)
    const { leave } = await t.ok(member, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差' })
    await t.ok(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true })
    await t.ok(member, 'meeting.checkIn', { token: await tokenFor(t, admin, meeting.id) })
    const after = await herFigures(member)
    expect(after.stats).toEqual({ present: before.stats.present + 1, leave: before.stats.leave })
    expect(after.year).toEqual({ present: before.year.present + 1, leave: before.year.leave })
  })
})

describe('unbinding racing binding', () => {
  /** The member and her bindings agree: bound to exactly the identity her binding names, or to nobody. */
  async function expectConsistent(memberId: string) {
    const m = (await t.cloud.db().collection('members').doc(memberId).get()).data as {
      openid: string | null
      bindStatus: string
    }
    const held = (await t.cloud.db().collection('bindings').where({ memberId }).get()).data as Array<{
      _id: string
      status: string
    }>
    if (m.bindStatus === 'bound') {
      expect(held.map((b) => b._id)).toEqual([m.openid])
      expect(held[0].status).toBe('bound')
    } else {
      expect(m.openid ?? null).toBeNull()
      expect(held.filter((b) => b.status === 'bound')).toEqual([])
    }
    return m
  }

  async function lin() {
    const m = (await t.cloud.db().collection('members').where({ name: '林静怡' }).get()).data[0]
    return { id: m._id as string, tail: m.phoneTail as string, openid: m.openid as string }
  }

  const BIND_ANSWERS = ['ok', 'BIND_ALREADY', 'BIND_NO_MATCH', 'BIND_LIMITED']

  it('an admin unbinds a member while her own identity binds again 49 times: no INTERNAL, the two records agree', async () => {
    const { id, tail, openid } = await lin()
    const admin = await t.openidOf('张丽华')
    const results = await Promise.all(
      Array.from({ length: N }, (_x, i) =>
        i === 10
          ? t.call(admin, 'member.unbind', { memberId: id, reason: '更换手机' })
          : t.call(openid, 'member.bind', { mode: 'phone', name: '林静怡', phoneTail: tail }),
      ),
    )
    expect(results[10].ok).toBe(true)
    for (const c of codes(results)) expect(BIND_ANSWERS).toContain(c)
    const m = await expectConsistent(id)
    // Whichever came last, she is bound to her own identity or to nobody, never to a half-removed binding.
    expect([openid, null]).toContain(m.openid ?? null)
  })

  it('an admin unbinds a member while a new phone binds to her 49 times: no INTERNAL, at most the new identity holds her', async () => {
    const { id, tail, openid } = await lin()
    const admin = await t.openidOf('张丽华')
    const results = await Promise.all(
      Array.from({ length: N }, (_x, i) =>
        i === 0
          ? t.call(admin, 'member.unbind', { memberId: id, reason: '更换手机' })
          : t.call('wx_lin_new_phone', 'member.bind', { mode: 'phone', name: '林静怡', phoneTail: tail }),
      ),
    )
    expect(results[0].ok).toBe(true)
    for (const c of codes(results)) expect(BIND_ANSWERS).toContain(c)
    const m = await expectConsistent(id)
    expect([null, 'wx_lin_new_phone']).toContain(m.openid ?? null)
    expect(await t.count('bindings', { _id: openid })).toBe(0)
  })

  it('an unbind decided on a stale read (another admin unbound her and a new phone bound meanwhile) leaves no orphan binding', async () => {
    const { id, tail, openid } = await lin()
    const admin = await t.openidOf('张丽华')
    const hold = gate('database.startTransaction')
    const stale = t.call(
      admin,
      'member.unbind',
      { memberId: id, reason: '更换手机' },
      { beforeRequest: hold.beforeRequest },
    )
    await hold.arrived // it has read her as bound to her old phone
    await t.ok(admin, 'member.unbind', { memberId: id, reason: '更换手机' })
    await t.ok('wx_lin_new_phone', 'member.bind', { mode: 'phone', name: '林静怡', phoneTail: tail })
    hold.release()
    const res = await stale
    // The answer one call would give now: it unbinds whoever is bound (the new phone), and the records agree.
    expect(res.ok).toBe(true)
    const m = await expectConsistent(id)
    expect(m.openid ?? null).toBeNull()
    expect(await t.count('bindings', { _id: 'wx_lin_new_phone' })).toBe(0)
    expect(await t.count('bindings', { _id: openid })).toBe(0)
    const audit = (await t.cloud.db().collection('audit_logs').where({ action: 'member.unbind', targetId: id }).get())
      .data as Array<{ before: { openid: string } }>
    expect(audit.map((a) => a.before.openid).sort()).toEqual([openid, 'wx_lin_new_phone'].sort())
  })
})

describe('the deadline sweep racing a submit', () => {
  // The sweep is lazy: past the deadline and its grace, whatever reopens the attempt (the member's other phone,
  // 开始 again) grades it by the clock. Here the member's own submit, sent in time, is still in flight.
  async function underWay() {
    await importBank(t)
    const { quiz } = await publishedQuiz(t, { durationMin: 10 })
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    const q = attempt.questions[0]
    await t.ok(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: [0] })
    t.cloud.clock.advance(9 * 60_000) // a minute before the deadline
    return { me, attemptId: attempt.attemptId }
  }
  const PAST_GRACE = 2 * 60_000 + 1000

  // Grading is one conditional write (still in progress, no answer saved since the read): whichever grading write
  // lands first counts, and every other one finds the attempt graded and answers with that result.
  it('the submit writes its grade while 49 sweeps are about to write theirs: graded once, as handed in by the member', async () => {
    const { me, attemptId } = await underWay()
    const hold = gate('database.modifyDocument')
    const submit = t.call(me, 'quiz.submit', { attemptId }, { beforeRequest: hold.beforeRequest })
    await hold.arrived // read in time and graded, its write not yet sent
    t.cloud.clock.advance(PAST_GRACE)
    const sweepGates = Array.from({ length: N - 1 }, () => gate('database.modifyDocument'))
    const sweeps = sweepGates.map((g) => t.call(me, 'quiz.attempt', { attemptId }, { beforeRequest: g.beforeRequest }))
    await Promise.all(sweepGates.map((g) => g.arrived)) // every sweep has graded by the clock and is about to write
    hold.release()
    const handed = await submit
    for (const g of sweepGates) g.release()
    const results = [handed, ...(await Promise.all(sweeps))]
    expect(codes(results)).toEqual(['ok'])
    const doc = (await t.cloud.db().collection('attempts').doc(attemptId).get()).data!
    expect(doc.gradeWrites).toBe(1)
    expect(doc.submitKind).toBe('member')
    const scores = new Set(
      results.map((r) => {
        if (!r.ok) return null
        const result = 'result' in r.data ? r.data.result : null
        return result && (result as { score: number }).score
      }),
    )
    expect(scores).toEqual(new Set([doc.score]))
  })

  it('a sweep grades first while the submit waits to write: the submit answers the same result, graded once', async () => {
    const { me, attemptId } = await underWay()
    const hold = gate('database.modifyDocument')
    const submit = t.call(me, 'quiz.submit', { attemptId }, { beforeRequest: hold.beforeRequest })
    await hold.arrived // it has read the attempt still under way and graded it
    t.cloud.clock.advance(PAST_GRACE)
    const sweeps = await Promise.all(Array.from({ length: N - 1 }, () => t.call(me, 'quiz.attempt', { attemptId })))
    hold.release()
    const handed = await submit
    expect(codes([handed, ...sweeps])).toEqual(['ok'])
    const doc = (await t.cloud.db().collection('attempts').doc(attemptId).get()).data!
    expect(doc.gradeWrites).toBe(1)
    expect(doc.submitKind).toBe('deadline')
    expect(handed.ok && handed.data.result.score).toBe(doc.score)
  })
})
