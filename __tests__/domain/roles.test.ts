import { confinedBranch, coversOrg, isAdmin, managesActivities, managesBranches, scopeOf } from '@/domain/roles'

describe('role scopes', () => {
  it('an org admin covers the whole tree', () => {
    expect(coversOrg(scopeOf({ role: 'org_admin', branchId: 'b1' }), 'b9', ['root'])).toBe(true)
  })
  it('a branch admin covers their branch and its groups, nothing else', () => {
    const scope = scopeOf({ role: 'branch_admin', branchId: 'b1' })
    expect(coversOrg(scope, 'b1', ['root'])).toBe(true)
    expect(coversOrg(scope, 'g1', ['root', 'b1'])).toBe(true)
    expect(coversOrg(scope, 'b2', ['root'])).toBe(false)
    expect(coversOrg(scope, 'root', [])).toBe(false)
  })
  it('members and union admins manage no org', () => {
    expect(coversOrg(scopeOf({ role: 'member', branchId: 'b1' }), 'b1', [])).toBe(false)
    expect(coversOrg(scopeOf({ role: 'union_admin', branchId: 'b1' }), 'b1', [])).toBe(false)
    expect(isAdmin('union_admin')).toBe(true)
    expect(isAdmin('member')).toBe(false)
  })
})

describe('who runs what', () => {
  it('branch work is for branch and organisation admins; activities for union and organisation admins', () => {
    expect(['member', 'branch_admin', 'org_admin', 'union_admin'].filter((r) => managesBranches(r as never))).toEqual([
      'branch_admin',
      'org_admin',
    ])
    expect(['member', 'branch_admin', 'org_admin', 'union_admin'].filter((r) => managesActivities(r as never))).toEqual(
      ['org_admin', 'union_admin'],
    )
  })
  it('only the organisation admin works beyond their own branch', () => {
    expect(confinedBranch({ role: 'org_admin', branchId: 'b1' })).toBeUndefined()
    expect(confinedBranch({ role: 'branch_admin', branchId: 'b1' })).toBe('b1')
  })
})
