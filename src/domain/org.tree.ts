/** 机关党委 → 党总支 (optional) → 党支部 → 党小组. */
export const ORG_TYPES = ['committee', 'general_branch', 'branch', 'group'] as const
export type OrgType = (typeof ORG_TYPES)[number]

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  committee: '机关党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
}

/** Which org types may sit directly under each type. */
const ALLOWED_CHILDREN: Record<OrgType, readonly OrgType[]> = {
  committee: ['general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
}

export interface OrgNode {
  _id: string
  name: string
  type: OrgType
  parentId: string | null
  /** Ancestor ids from the root down, excluding the org itself. */
  ancestors: string[]
  sort: number
  /**
   * The org's revision, moved on by each rename or move (cloudfunctions/_shared/revision.ts; missing = 0 on orgs saved
   * before): the tree editor sends it back, so an edit from a stale tree cannot undo another admin's change.
   */
  revision?: number
}

export interface OrgTreeNode extends OrgNode {
  children: OrgTreeNode[]
}

/** Whether an org of type `child` may be placed under a parent of type `parent` (null = root). */
export function canNest(parent: OrgType | null, child: OrgType): boolean {
  if (parent === null) return child === 'committee'
  return ALLOWED_CHILDREN[parent].includes(child)
}

/** Builds the nested tree from the flat list, ordered by `sort` then name; orphans are dropped. */
export function buildTree(nodes: readonly OrgNode[]): OrgTreeNode[] {
  const byId = new Map<string, OrgTreeNode>()
  for (const n of nodes) byId.set(n._id, { ...n, children: [] })
  const roots: OrgTreeNode[] = []
  for (const n of byId.values()) {
    if (n.parentId === null) roots.push(n)
    else byId.get(n.parentId)?.children.push(n)
  }
  const order = (list: OrgTreeNode[]) => {
    list.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh'))
    list.forEach((c) => order(c.children))
  }
  order(roots)
  return roots
}

/** The branch (党支部) an org belongs to: itself if a branch, its ancestor branch if a group, else null. */
export function branchOf(org: OrgNode, byId: ReadonlyMap<string, OrgNode>): OrgNode | null {
  if (org.type === 'branch') return org
  if (org.type === 'group' && org.parentId) return byId.get(org.parentId) ?? null
  return null
}
