import { objectionRefusal } from '../../src/domain/objection.rules'

const END = '2026-11-20T10:00:00+08:00'
const DAY = 24 * 3600_000
const at = (days: number) => new Date(new Date(END).getTime() + days * DAY)

describe('when a member may object to her attendance record', () => {
  it('a 缺席 or 迟到 once sign-in has closed, up to 30 days after the meeting ends', () => {
    expect(objectionRefusal({ status: 'absent', over: true, endAt: END, now: at(1) })).toBeNull()
    expect(objectionRefusal({ status: 'late', over: true, endAt: END, now: at(30) })).toBeNull()
    expect(objectionRefusal({ status: 'absent', over: true, endAt: END, now: at(30.01) })).toBe('OBJECTION_TOO_LATE')
  })
  it('not while sign-in is open, and not for a record that needs no correcting', () => {
    expect(objectionRefusal({ status: 'pending', over: false, endAt: END, now: at(-1) })).toBe('OBJECTION_TOO_EARLY')
    for (const status of ['present', 'leave'] as const)
      expect(objectionRefusal({ status, over: true, endAt: END, now: at(1) })).toBe('OBJECTION_NOT_NEEDED')
  })
})
