import { coversOrg, isAdmin, scopeOf } from '@/domain/roles'

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
