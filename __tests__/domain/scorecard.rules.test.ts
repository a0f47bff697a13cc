import {
  DEFAULT_WEIGHTS,
  cellMonth,
  emptyMonth,
  measuresOf,
  monthsOf,
  rankByTotal,
  totalScore,
  weightsProblem,
} from '../../src/domain/scorecard.rules'

describe('scorecard rules', () => {
  it('leaves a measure with nothing due out of the total, weight and all', () => {
    const c = { ...emptyMonth(), expected: 10, present: 8, late: 0, leave: 0, held: 2, recorded: 1 }
    const { values } = measuresOf(c, 10, 3)
    expect(values.attendance).toBe(0.8)
    expect(values.records).toBe(0.5)
    expect(values.testJoin).toBeNull()
    // volunteer: 0 hours of a 2-hour quarterly target counts as 0, not as nothing due.
    expect(values.volunteer).toBe(0)
    const w = { ...DEFAULT_WEIGHTS }
    const expected = (0.8 * w.attendance + 0.5 * w.records + 0 * w.volunteer) / (w.attendance + w.records + w.volunteer)
    expect(totalScore(values, w)).toBe(Math.round(expected * 1000) / 10)
  })

  it('prorates the volunteer target and caps every share at 100 %', () => {
    const c = { ...emptyMonth(), volunteerHours: 30 }
    expect(measuresOf(c, 10, 12).values.volunteer).toBeCloseTo(3 / 8)
    expect(measuresOf(c, 10, 1).values.volunteer).toBe(1)
    expect(measuresOf(c, 10, 1).hoursPerMember).toBe(3)
  })

  it('ranks ties together and leaves branches without a total unranked', () => {
    const rows = rankByTotal([
      { id: 'a', total: 80 },
      { id: 'b', total: 90 },
      { id: 'c', total: 80 },
      { id: 'd', total: null },
      { id: 'e', total: 70 },
    ])
    expect(rows.map((r) => [r.id, r.rank])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['d', null],
      ['e', 4],
    ])
  })

  it('refuses weights that are all zero or not whole numbers 0–100', () => {
    expect(weightsProblem(DEFAULT_WEIGHTS)).toBeNull()
    const zero = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0]))
    expect(weightsProblem(zero)).toBe('至少一项的权重应大于 0')
    expect(weightsProblem({ ...DEFAULT_WEIGHTS, life: 12.5 })).toMatch('组织生活达标')
    expect(weightsProblem({ ...DEFAULT_WEIGHTS, review: 101 })).toMatch('民主评议参评率')
  })

  it('counts a quarterly or yearly requirement in its last month, and knows each period’s months', () => {
    expect([cellMonth('2026-03'), cellMonth('2026-Q2'), cellMonth('2026')]).toEqual([2, 5, 11])
    expect(monthsOf({ year: 2026, quarter: 4 })).toEqual([9, 10, 11])
    expect(monthsOf({ year: 2026, month: 2 })).toEqual([1])
    expect(monthsOf({ year: 2026 })).toHaveLength(12)
  })
})
