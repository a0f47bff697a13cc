import { onSiteWindow, rotationSince, signupLabel, signupState, volunteerHours } from '@/domain/activity.rules'

const t = (h: number, m = 0) => new Date(Date.UTC(2026, 5, 1, h, m))

describe('volunteer hours', () => {
  it('are the time between check-in and check-out', () => {
    expect(volunteerHours({ checkInAt: t(1, 10), checkOutAt: t(3, 40), startAt: t(1), endAt: t(5) })).toBe(2.5)
  })
  it('never exceed the length of the activity', () => {
    expect(volunteerHours({ checkInAt: t(0), checkOutAt: t(9), startAt: t(1), endAt: t(4) })).toBe(3)
  })
  it('are zero without a check-out, and round down to a tenth', () => {
    expect(volunteerHours({ checkInAt: t(1), checkOutAt: null, startAt: t(1), endAt: t(4) })).toBe(0)
    expect(volunteerHours({ checkInAt: t(1), checkOutAt: t(1, 59), startAt: t(1), endAt: t(4) })).toBe(0.9)
  })
})

describe('windows and labels', () => {
  it('on-site check-in opens at the start (never before) and closes two hours after the end', () => {
    expect(onSiteWindow(t(2), t(4))).toEqual({ opens: t(2), closes: t(6) })
  })
  it('sign-up is open between its times, both inclusive', () => {
    expect(signupState(t(1), t(2), t(1))).toBe('open')
    expect(signupState(t(1), t(2), t(2))).toBe('open')
    expect(signupState(t(1), t(2), t(0, 59))).toBe('not_open')
    expect(signupState(t(1), t(2), t(2, 1))).toBe('closed')
  })
  it('labels checked-in and checked-out members over 报名成功', () => {
    expect(signupLabel({ status: 'confirmed' })).toBe('报名成功')
    expect(signupLabel({ status: 'confirmed', checkInAt: t(1) })).toBe('已签到')
    expect(signupLabel({ status: 'confirmed', checkInAt: t(1), checkOutAt: t(2) })).toBe('已签退')
    expect(signupLabel({ status: 'waitlisted' })).toBe('候补')
  })
  it('looks back N months for rotations', () => {
    expect(rotationSince(new Date('2026-08-15T00:00:00Z'), 6).toISOString()).toBe('2026-02-15T00:00:00.000Z')
  })
})
