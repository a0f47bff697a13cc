import { articleVisibleTo, reachesBranch } from '@/domain/audience'

describe('audience', () => {
  it('an empty audience reaches every branch; a list reaches only its branches', () => {
    expect(reachesBranch([], 'b1')).toBe(true)
    expect(reachesBranch(undefined, 'b1')).toBe(true)
    expect(reachesBranch(['b1', 'b2'], 'b2')).toBe(true)
    expect(reachesBranch(['b1', 'b2'], 'b3')).toBe(false)
  })

  it('an article is visible once published, at its publish time, to its audience only', () => {
    const now = new Date('2026-07-01T02:00:00Z')
    const a = { status: 'published', publishAt: '2026-07-01T01:00:00Z', audienceBranchIds: ['b1'] }
    expect(articleVisibleTo(a, 'b1', now)).toBe(true)
    expect(articleVisibleTo(a, 'b2', now)).toBe(false)
    expect(articleVisibleTo({ ...a, status: 'draft' }, 'b1', now)).toBe(false)
    expect(articleVisibleTo({ ...a, publishAt: '2026-07-01T03:00:00Z' }, 'b1', now)).toBe(false)
    expect(articleVisibleTo({ ...a, publishAt: null }, 'b1', now)).toBe(false)
    // The publish moment itself counts.
    expect(articleVisibleTo({ ...a, publishAt: now }, 'b1', now)).toBe(true)
  })
})
