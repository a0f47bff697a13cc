import { mayActOn, mayGrantRole, type Actor, type Subject } from '@/domain/rank'
import { scopeOf, type Role } from '@/domain/roles'

const actor = (role: Role, branchId = 'b1', id = 'me'): Actor => ({ id, role, scope: scopeOf({ role, branchId }) })
const subject = (role: Role, orgId = 'b1', ancestors = ['root'], id = 'them'): Subject => ({
  id,
  role,
  orgId,
  ancestors,
})

describe('who may act on whom', () => {
  it('a branch admin acts on plain members of their branch and its groups', () => {
    expect(mayActOn(actor('branch_admin'), subject('member'), 'unbind')).toEqual({ ok: true })
    expect(mayActOn(actor('branch_admin'), subject('member', 'g1', ['root', 'b1']), 'approve')).toEqual({ ok: true })
  })

  it('a branch admin never reaches the org admin, even in their own branch; peers may act on each other', () => {
    for (const act of ['unbind', 'approve', 'role', 'import', 'move', 'status', 'post'] as const) {
      expect(mayActOn(actor('branch_admin'), subject('org_admin'), act)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(mayActOn(actor('branch_admin'), subject('branch_admin'), act)).toEqual({ ok: true })
      expect(mayActOn(actor('branch_admin'), subject('union_admin'), act)).toEqual({ ok: true })
    }
  })

  it('scope comes first: another branch is out of scope whatever the rank', () => {
    expect(mayActOn(actor('branch_admin'), subject('member', 'b2'), 'unbind')).toMatchObject({
      ok: false,
      code: 'OUT_OF_SCOPE',
    })
    expect(mayActOn(actor('member'), subject('member'), 'unbind')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' })
    expect(mayActOn(actor('union_admin'), subject('member'), 'import')).toMatchObject({
      ok: false,
      code: 'OUT_OF_SCOPE',
    })
  })

  it("a secretary reads the year of everyone in her branch, the committee's officer included, and nobody else's", () => {
    expect(mayActOn(actor('branch_admin'), subject('org_admin'), 'year')).toEqual({ ok: true })
    expect(mayActOn(actor('branch_admin'), subject('member', 'b2'), 'year')).toMatchObject({ code: 'OUT_OF_SCOPE' })
    expect(mayActOn(actor('member'), subject('member'), 'year')).toMatchObject({ code: 'OUT_OF_SCOPE' })
  })

  it("a secretary opens the card of anyone on her branch's roster, the committee's officer included, and nobody else's", () => {
    expect(mayActOn(actor('branch_admin'), subject('org_admin'), 'view')).toEqual({ ok: true })
    expect(mayActOn(actor('branch_admin'), subject('member', 'b2'), 'view')).toMatchObject({ code: 'OUT_OF_SCOPE' })
  })

  it('an org admin acts on anyone, fellow org admins included', () => {
    expect(mayActOn(actor('org_admin'), subject('org_admin', 'b2'), 'role')).toEqual({ ok: true })
  })

  it('marking attendance ignores rank but nobody marks themselves', () => {
    expect(mayActOn(actor('branch_admin'), subject('org_admin'), 'mark')).toEqual({ ok: true })
    expect(mayActOn(actor('branch_admin'), subject('member', 'b1', ['root'], 'me'), 'mark')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect(mayActOn(actor('branch_admin'), subject('member', 'b2'), 'mark')).toMatchObject({
      ok: false,
      code: 'OUT_OF_SCOPE',
    })
  })

  it('only an org admin grants roles', () => {
    expect(mayGrantRole({ role: 'org_admin' }, 'org_admin')).toBe(true)
    expect(mayGrantRole({ role: 'branch_admin' }, 'member')).toBe(false)
  })
})
