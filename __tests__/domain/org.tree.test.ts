import { branchOf, buildTree, canNest, type OrgNode } from '@/domain/org.tree'

const node = (id: string, type: OrgNode['type'], parentId: string | null, sort = 0, name = id): OrgNode => ({
  _id: id,
  name,
  type,
  parentId,
  ancestors: [],
  sort,
})

describe('the org tree', () => {
  it('allows 机关党委 → 党总支 → 党支部 → 党小组 and a branch directly under the committee', () => {
    expect(canNest(null, 'committee')).toBe(true)
    expect(canNest('committee', 'general_branch')).toBe(true)
    expect(canNest('committee', 'branch')).toBe(true)
    expect(canNest('general_branch', 'branch')).toBe(true)
    expect(canNest('branch', 'group')).toBe(true)
  })
  it('refuses nesting the wrong way round', () => {
    expect(canNest(null, 'branch')).toBe(false)
    expect(canNest('group', 'branch')).toBe(false)
    expect(canNest('general_branch', 'group')).toBe(false)
    expect(canNest('branch', 'branch')).toBe(false)
  })
  it('builds the nested tree in display order', () => {
    const tree = buildTree([
      node('b2', 'branch', 'r', 1),
      node('r', 'committee', null),
      node('b1', 'branch', 'r', 0),
      node('g', 'group', 'b1'),
    ])
    expect(tree.map((n) => n._id)).toEqual(['r'])
    expect(tree[0].children.map((n) => n._id)).toEqual(['b1', 'b2'])
    expect(tree[0].children[0].children.map((n) => n._id)).toEqual(['g'])
  })
  it('finds the branch of a group', () => {
    const b = node('b1', 'branch', 'r')
    const byId = new Map([['b1', b]])
    expect(branchOf(node('g', 'group', 'b1'), byId)).toBe(b)
    expect(branchOf(b, byId)).toBe(b)
    expect(branchOf(node('r', 'committee', null), byId)).toBeNull()
  })
})
