// Issue 11: period reports read the counts stored on the meetings (meeting/stored-tally.ts) instead of the attendance
// records. On a generated month of meetings — scans on time and late, leave approved before and after the meeting,
// 代签/补录 during and after it, 补学 and an accepted 出勤异议, some meetings closed and some left to their window —
// the branch and committee reports must give exactly what a recount of the raw records says, member by member: once
// while some counts are missing or stale (counted live), and again after the timer has counted everything.
import type { OutputOf } from '../../../src/contract'
import { statusOf, type AttendanceStatus } from '../../../src/domain/attendance.rules'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

/** Deterministic pseudo-random numbers: every run generates the same month. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const FROM = '2026-11-01T00:00:00+08:00'
const TO = '2026-11-30T23:59:59+08:00'
const MIN = 60_000
const REFLECTION = '认真阅读了会议纪实和学习材料，对照会议精神查找了自身差距，今后要更加积极参加组织生活。'

type Row = { _id: string; [k: string]: any }
async function all(collection: string): Promise<Row[]> {
  const out: Row[] = []
  for (let skip = 0; ; skip += 1000) {
    const res = await t.cloud.db().collection(collection).skip(skip).limit(1000).get()
    out.push(...(res.data as Row[]))
    if (res.data.length < 1000) return out
  }
}

interface Figures {
  expected: number
  present: number
  late: number
  leave: number
  absent: number
  absentMadeUp: number
  leaveMadeUp: number
}
const zero = (): Figures => ({ expected: 0, present: 0, late: 0, leave: 0, absent: 0, absentMadeUp: 0, leaveMadeUp: 0 })

/**
 * The oracle: every member's status in every meeting of the period that is over, decided one by one from the raw
 * documents with the app's own rule (statusOf), per member, per branch and for the unbound members.
 */
async function recount(now: Date) {
  const [meetings, records, leaves, makeups, members] = await Promise.all(
    ['meetings', 'attendance', 'leaves', 'makeups', 'members'].map(all),
  )
  const rec = new Map(
    records.filter((r) => !r.cancelled).map((r) => [r._id, r as Row & { status: 'present' | 'late' | 'absent' }]),
  )
  const approved = new Set(leaves.filter((l) => l.status === 'approved' && !l.cancelled).map((l) => l._id))
  const madeUp = new Map(makeups.map((m) => [m._id, m.kind as string]))
  const unbound = new Set(members.filter((m) => m.status === 'active' && m.bindStatus !== 'bound').map((m) => m._id))
  const byMember = new Map<string, Figures>()
  const byBranch = new Map<string, Figures & { meetings: number }>()
  const unboundByBranch = new Map<string, Figures>()
  const from = new Date(FROM).getTime()
  for (const m of meetings) {
    const start = new Date(m.startAt).getTime()
    if (m.status === 'cancelled' || start < from || start > now.getTime()) continue
    const over = m.status === 'closed' || now.getTime() > start + m.window.closesAfterMin * MIN
    if (!over) continue
    const branch = byBranch.get(m.branchId) ?? { ...zero(), meetings: 0 }
    branch.meetings++
    byBranch.set(m.branchId, branch)
    const extras = records.filter((r) => r.meetingId === m._id && !r.cancelled && r.extra).map((r) => r.memberId)
    for (const memberId of [...m.expectedIds, ...extras]) {
      const id = `${m._id}_${memberId}`
      const s: AttendanceStatus = statusOf({ record: rec.get(id), leaveApproved: approved.has(id), over: true })
      const targets = [branch, byMember.get(memberId) ?? zero()]
      byMember.set(memberId, targets[1])
      if (unbound.has(memberId)) {
        const u = unboundByBranch.get(m.branchId) ?? zero()
        unboundByBranch.set(m.branchId, u)
        targets.push(u)
      }
      for (const f of targets) {
        f.expected++
        if (s !== 'pending') f[s]++
        if (madeUp.get(id) === 'absent') f.absentMadeUp++
        if (madeUp.get(id) === 'leave') f.leaveMadeUp++
      }
    }
  }
  return { byMember, byBranch, unboundByBranch, unbound }
}

const figuresOf = (x: {
  expected: number
  present: number
  late: number
  leave: number
  absent: number
  absentMadeUp?: number
  leaveMadeUp?: number
}): Figures => ({
  expected: x.expected,
  present: x.present,
  late: x.late,
  leave: x.leave,
  absent: x.absent,
  absentMadeUp: x.absentMadeUp ?? 0,
  leaveMadeUp: x.leaveMadeUp ?? 0,
})

async function expectReportsToEqualRecount(admin: string, orgAdmin: string) {
  const now = t.cloud.clock.now()
  const truth = await recount(now)
  const branch: OutputOf<'meeting.stats'> = await t.ok(admin, 'meeting.stats', {
    kind: 'branch',
    branchId: 'org_office',
    from: FROM,
    to: TO,
  })
  const office = truth.byBranch.get('org_office')!
  expect(office.meetings).toBeGreaterThanOrEqual(6)
  expect({ meetings: branch.meetings, ...figuresOf(branch.tally) }).toEqual({
    meetings: office.meetings,
    ...figuresOf({ ...office, absentMadeUp: Math.min(office.absent, office.absentMadeUp) }),
  })
  // Member by member: every active member of the branch, with her own recount (or nothing at all).
  expect(branch.byMember!.length).toBeGreaterThan(5)
  for (const row of branch.byMember!)
    expect({ name: row.name, ...figuresOf(row.tally) }).toEqual({
      name: row.name,
      ...(truth.byMember.get(row.memberId) ?? zero()),
    })
  const unboundRows = branch.byMember!.filter((r) => truth.unbound.has(r.memberId))
  expect(branch.unbound!.members).toBe(unboundRows.length)

  const org = await t.ok(orgAdmin, 'meeting.stats', { kind: 'org', from: FROM, to: TO })
  for (const b of org.byBranch!) {
    const want = truth.byBranch.get(b.branchId)
    expect({ branch: b.branchName, meetings: b.meetings, ...figuresOf(b.tally) }).toEqual({
      branch: b.branchName,
      meetings: want?.meetings ?? 0,
      ...(want ? figuresOf({ ...want, absentMadeUp: Math.min(want.absent, want.absentMadeUp) }) : zero()),
    })
    const u = truth.unboundByBranch.get(b.branchId)
    expect({ branch: b.branchName, owed: b.unbound.absent }).toEqual({
      branch: b.branchName,
      owed: u ? u.absent - Math.min(u.absent, u.absentMadeUp) : 0,
    })
  }
  expect(org.unbound!.absent).toBe(branch.unbound!.absent)
  return { branch, org }
}

it('branch and committee reports from stored counts equal a recount of the raw records, before and after the timer', async () => {
  t.cloud.clock.set('2026-11-02T01:00:00Z')
  const rand = rng(11)
  const pick = <T>(xs: T[], p: number) => xs.filter(() => rand() < p)
  const orgAdmin = await t.openidOf('陈建国')
  let admin = ''
  const changedAfter = new Set<string>()

  for (let i = 0; i < 6; i++) {
    const { admin: a, meeting } = await officeMeeting(t, { startsInMin: 10, title: `11 月第 ${i + 1} 次支部党员大会` })
    admin = a
    const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
    const people = await Promise.all(
      board.rows.map(async (r) => ({ id: r.memberId, name: r.name, openid: await t.openidOf(r.name).catch(() => '') })),
    )
    const bound = people.filter((p) => p.openid && p.name !== '李秀英' && p.name !== '陈建国')
    const unbound = people.filter((p) => !p.openid)
    // Leave asked before the start: one approved at once, one decided only after the meeting.
    const [early, later] = pick(bound, 0.5)
    const leaveOf = async (p: (typeof bound)[number]) =>
      (await t.ok(p.openid, 'meeting.requestLeave', { meetingId: meeting.id, reason: '出差在外' })).leave.id
    if (early) await t.ok(admin, 'meeting.reviewLeave', { leaveId: await leaveOf(early), approve: true })
    const laterLeave = later ? await leaveOf(later) : null
    // On time, then late; someone granted leave may come anyway (a record wins over leave).
    let token = await tokenFor(t, admin, meeting.id)
    const onTime = pick(bound, 0.35)
    for (const p of onTime) await t.ok(p.openid, 'meeting.checkIn', { token })
    t.cloud.clock.advance(16 * MIN)
    token = await tokenFor(t, admin, meeting.id)
    const lateOnes = pick(
      bound.filter((p) => !onTime.includes(p)),
      0.5,
    )
    for (const p of lateOnes) await t.ok(p.openid, 'meeting.checkIn', { token })
    if (unbound[0])
      await t.ok(admin, 'meeting.mark', {
        meetingId: meeting.id,
        memberId: unbound[0].id,
        status: 'present',
        reason: '代签',
      })
    t.cloud.clock.advance(2 * 3600_000)
    if (i % 2 === 0) await t.ok(admin, 'meeting.close', { meetingId: meeting.id })

    // After the meeting: a late leave approval, a 补录, a 纪实 and 补学, an accepted 出勤异议.
    // The fifth meeting is closed and left alone: its count stays fresh.
    const changes = i !== 4
    if (changes && laterLeave && i % 3 !== 2) {
      await t.ok(admin, 'meeting.reviewLeave', { leaveId: laterLeave, approve: true, reason: '会后补批' })
      changedAfter.add('late leave')
    }
    const missing = bound.filter((p) => !onTime.includes(p) && !lateOnes.includes(p) && p !== early && p !== later)
    if (changes && missing[0] && i !== 1) {
      await t.ok(admin, 'meeting.mark', {
        meetingId: meeting.id,
        memberId: missing[0].id,
        status: 'late',
        reason: '补录',
      })
      changedAfter.add('补录')
    }
    await t.ok(admin, 'meeting.saveRecord', {
      meetingId: meeting.id,
      revision: 0,
      hostId: board.rows.find((r) => r.name === '李秀英')!.memberId,
      recorderId: board.rows.find((r) => r.name === '李秀英')!.memberId,
      topics: [{ title: '学习贯彻党的二十届四中全会精神', first: true }],
      minutes: '李秀英同志传达了会议精神，与会同志逐一发言。',
      decisions: ['同意'],
      photos: [],
      materials: [],
      complete: true,
    })
    const stayedAway = (p: (typeof bound)[number] | undefined) => p && !onTime.includes(p) && !lateOnes.includes(p)
    for (const p of [missing[1], early].filter((p) => stayedAway(p) && changes)) {
      await t.ok(p!.openid, 'meeting.submitMakeup', { meetingId: meeting.id, reflection: REFLECTION })
      changedAfter.add('补学')
    }
    if (changes && lateOnes[0] && i >= 3) {
      await t.ok(lateOnes[0].openid, 'meeting.raiseObjection', { meetingId: meeting.id, reason: '实际准时到场' })
      const { items } = await t.ok(admin, 'meeting.objections', { status: 'pending' })
      await t.ok(admin, 'meeting.resolveObjection', { objectionId: items[0].id, outcome: 'present', reply: '核实准时' })
      changedAfter.add('异议')
    }
    t.cloud.clock.advance(24 * 3600_000)
  }
  expect([...changedAfter].sort()).toEqual(['late leave', '异议', '补学', '补录'].sort())

  // Some counts are missing (meetings never closed) or stale (changed after their count): counted live.
  const meetingDocs = await all('meetings')
  expect(meetingDocs.filter((m) => m.tally && m.tally.rev === (m.tallyRev ?? 0)).length).toBeGreaterThan(0)
  expect(meetingDocs.filter((m) => !m.tally || m.tally.rev !== (m.tallyRev ?? 0)).length).toBeGreaterThan(0)
  const before = await expectReportsToEqualRecount(admin, orgAdmin)

  // The timer counts what is due; then every over meeting has a fresh, settled count and the figures are unchanged.
  await t.timer('meeting', 'tally')
  const counted = await all('meetings')
  for (const m of counted)
    expect({ id: m._id, fresh: m.tally?.rev === (m.tallyRev ?? 0), due: m.tallyDue }).toEqual({
      id: m._id,
      fresh: true,
      due: false,
    })
  const after = await expectReportsToEqualRecount(admin, orgAdmin)
  expect(after.org.tally).toEqual(before.org.tally)
  expect(after.branch.byMember).toEqual(before.branch.byMember)
})

it('a correction racing the count is never lost: a count taken before it is refused, and the timer recounts', async () => {
  t.cloud.clock.set('2026-11-02T01:00:00Z')
  const { admin, meeting } = await officeMeeting(t, { startsInMin: 10 })
  t.cloud.clock.advance(2 * 3600_000)
  const board = await t.ok(admin, 'meeting.board', { meetingId: meeting.id })
  const someone = board.rows.find((r) => r.name !== '李秀英')!
  // The close counts; the 补录 lands while that count is between its reads and its write.
  let held = false
  const closing = t.call(
    admin,
    'meeting.close',
    { meetingId: meeting.id },
    {
      beforeRequest: async (action, params) => {
        const p = params as { collectionName?: string; query?: unknown }
        if (
          !held &&
          action === 'database.modifyDocument' &&
          p.collectionName === 'meetings' &&
          JSON.stringify(p).includes('tally')
        ) {
          held = true
          await t.ok(admin, 'meeting.mark', {
            meetingId: meeting.id,
            memberId: someone.memberId,
            status: 'present',
            reason: '补录',
          })
        }
      },
    },
  )
  const closed = await closing
  expect(closed.ok).toBe(true)
  expect(held).toBe(true)
  const doc = (await t.cloud.db().collection('meetings').where({ _id: meeting.id }).get()).data[0] as Row
  // The count taken before the 补录 was not stored over it.
  expect(doc.tally?.rev === (doc.tallyRev ?? 0)).toBe(false)
  const branch = await t.ok(admin, 'meeting.stats', { kind: 'branch', branchId: 'org_office', from: FROM, to: TO })
  expect(branch.byMember!.find((r) => r.memberId === someone.memberId)!.tally.present).toBe(1)
  t.cloud.clock.advance(2 * MIN)
  await t.timer('meeting', 'tally')
  const recounted = (await t.cloud.db().collection('meetings').where({ _id: meeting.id }).get()).data[0] as Row
  expect(recounted.tally.rev).toBe(recounted.tallyRev)
  expect(recounted.tally.present).toContain(someone.memberId)
})
