import {
  countedMembers,
  DEFAULT_WINDOW,
  formatRate,
  isLate,
  statusOf,
  tally,
  windowState,
} from '@/domain/attendance.rules'

const start = new Date('2026-07-01T01:00:00Z') // 09:00 China time
const at = (min: number) => new Date(start.getTime() + min * 60_000)

describe('the sign-in window', () => {
  it('opens exactly 30 minutes before the start and closes exactly 30 minutes after, both inclusive', () => {
    expect(windowState(start, DEFAULT_WINDOW, at(-30))).toBe('open')
    expect(windowState(start, DEFAULT_WINDOW, new Date(at(-30).getTime() - 1))).toBe('not_open')
    expect(windowState(start, DEFAULT_WINDOW, at(30))).toBe('open')
    expect(windowState(start, DEFAULT_WINDOW, new Date(at(30).getTime() + 1))).toBe('closed')
  })

  it('is on time up to and including start + grace, late one millisecond after', () => {
    expect(isLate(start, DEFAULT_WINDOW, at(-10))).toBe(false)
    expect(isLate(start, DEFAULT_WINDOW, at(5))).toBe(false)
    expect(isLate(start, DEFAULT_WINDOW, new Date(at(5).getTime() + 1))).toBe(true)
    expect(isLate(start, { ...DEFAULT_WINDOW, graceMin: 0 }, new Date(start.getTime() + 1))).toBe(true)
  })
})

describe("a member's status", () => {
  it('a sign-in wins over leave approved afterwards', () => {
    expect(statusOf({ record: { status: 'present' }, leaveApproved: true, over: true })).toBe('present')
  })
  it('approved leave without a sign-in is excused, not absent', () => {
    expect(statusOf({ record: null, leaveApproved: true, over: true })).toBe('leave')
  })
  it('no record is pending while the meeting runs and absent after', () => {
    expect(statusOf({ record: null, leaveApproved: false, over: false })).toBe('pending')
    expect(statusOf({ record: null, leaveApproved: false, over: true })).toBe('absent')
  })
  it("an organiser's absent mark stands", () => {
    expect(statusOf({ record: { status: 'absent' }, leaveApproved: false, over: false })).toBe('absent')
  })
})

describe('who a meeting counts', () => {
  it('a member who left the branch before the meeting is not counted; one who left after still is', () => {
    const counted = countedMembers(
      [{ id: 'stayed' }, { id: 'left-before', leftAt: at(-60 * 24) }, { id: 'left-after', leftAt: at(60 * 24) }],
      start,
    )
    expect(counted.map((m) => m.id)).toEqual(['stayed', 'left-after'])
  })
  it('a member added after the meeting is simply not on its list', () => {
    expect(countedMembers([{ id: 'a' }], start).map((m) => m.id)).not.toContain('joined-later')
  })
})

describe('the rate', () => {
  it('is those who came over those required to come; leave is excused', () => {
    const t = tally(['present', 'late', 'leave', 'absent'])
    expect(t).toEqual({ expected: 4, present: 1, late: 1, leave: 1, absent: 1, pending: 0, rate: 2 / 3 })
    expect(formatRate(t.rate)).toBe('66.7%')
  })
  it('has no rate when everyone was excused', () => {
    expect(tally(['leave']).rate).toBeNull()
    expect(formatRate(null)).toBe('—')
    expect(formatRate(1)).toBe('100%')
  })
})
