import { compliance } from '@/domain/compliance.rules'

const d = (s: string) => new Date(`${s}T09:00:00+08:00`)

describe('组织生活 compliance', () => {
  const now = d('2026-08-15')
  const rows = compliance(
    [
      { type: 'branch_assembly', startAt: d('2026-02-10') },
      { type: 'branch_assembly', startAt: d('2026-06-30') },
      { type: 'branch_committee', startAt: d('2026-01-05') },
      { type: 'group_meeting', startAt: d('2026-01-20'), groupId: 'g1' },
      // 1 April 00:30 China time is still March 31 in UTC: the quarter is decided in China time.
      { type: 'party_lecture', startAt: new Date('2026-03-31T16:30:00Z') },
    ],
    2026,
    [
      { id: 'g1', name: '第一党小组' },
      { id: 'g2', name: '第二党小组' },
    ],
    now,
  )

  it('checks 支部党员大会 by quarter: Q3 is in progress, Q4 upcoming', () => {
    const r = rows.find((x) => x.type === 'branch_assembly')!
    expect(r.cells.map((c) => c.state)).toEqual(['met', 'met', 'in_progress', 'upcoming'])
    expect(r.gaps).toBe(0)
  })
  it('checks 支部委员会 by month and counts the gaps', () => {
    const r = rows.find((x) => x.type === 'branch_committee')!
    expect(r.cells).toHaveLength(12)
    expect(r.gaps).toBe(6) // Feb–Jul
    expect(r.cells[7].state).toBe('in_progress')
  })
  it('checks 党小组会 for each group separately', () => {
    const groups = rows.filter((x) => x.type === 'group_meeting')
    expect(groups.map((g) => [g.groupName, g.gaps])).toEqual([
      ['第一党小组', 6],
      ['第二党小组', 7],
    ])
  })
  it('uses China time for the period', () => {
    const r = rows.find((x) => x.type === 'party_lecture')!
    expect(r.cells.map((c) => c.held)).toEqual([0, 1, 0, 0])
  })
})

describe('compliance from the day a branch started using the app', () => {
  const now = d('2026-08-15')
  const rows = compliance([{ type: 'theme_day', startAt: d('2026-05-20') }], 2026, [], now, d('2026-05-10'))

  it('does not count months before the start as gaps, and counts the start month itself', () => {
    const r = rows.find((x) => x.type === 'theme_day')!
    expect(r.cells.slice(0, 4).map((c) => c.state)).toEqual([
      'before_start',
      'before_start',
      'before_start',
      'before_start',
    ])
    expect(r.cells[4].state).toBe('met')
    expect(r.cells[5].state).toBe('gap')
    expect(r.gaps).toBe(2) // June and July
  })
  it('has a 主题党日 row, monthly', () => {
    const r = rows.find((x) => x.type === 'theme_day')!
    expect(r.label).toContain('主题党日')
    expect(r.cells).toHaveLength(12)
  })
  it('counts the quarter the start falls in', () => {
    const r = rows.find((x) => x.type === 'branch_assembly')!
    expect(r.cells.map((c) => c.state)).toEqual(['before_start', 'gap', 'in_progress', 'upcoming'])
  })
})
