import { isSinglePost, postOrder, rankRefusal } from '@/domain/staff.rules'

describe('who may act on whom', () => {
  const org = { id: 'a', role: 'org_admin' as const }
  const branch = { id: 'b', role: 'branch_admin' as const }
  const plain = { id: 'c', role: 'member' as const }

  it('a branch admin acts on members and fellow admins, never on an org admin', () => {
    expect(rankRefusal(branch, plain, 'move')).toBeNull()
    expect(rankRefusal(branch, { id: 'd', role: 'union_admin' }, 'status')).toBeNull()
    expect(rankRefusal(branch, org, 'move')).toMatch(/只有机关党委管理员/)
  })

  it('an org admin acts on anyone, but nobody marks themselves 转出/去世', () => {
    expect(rankRefusal(org, { id: 'e', role: 'org_admin' }, 'status')).toBeNull()
    expect(rankRefusal(org, org, 'status')).toMatch(/不能变更自己的党籍状态/)
    expect(rankRefusal(org, org, 'role')).toBeNull()
  })
})

describe('branch committee posts', () => {
  it('书记 is single, 副书记 may be several, and 书记 is listed first', () => {
    expect(isSinglePost('书记')).toBe(true)
    expect(isSinglePost('副书记')).toBe(false)
    expect(['组织委员', '书记', '副书记'].sort((a, b) => postOrder(a) - postOrder(b))).toEqual([
      '书记',
      '副书记',
      '组织委员',
    ])
  })
})
