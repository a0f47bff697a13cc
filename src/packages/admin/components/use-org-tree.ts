import { useMemo } from 'react'
import type { OrgTreeNode } from '@/domain/org.tree'
import { useProcedure, type RemoteOptions } from '@/remote'

export interface BranchOption {
  id: string
  name: string
}

const NO_TREE: OrgTreeNode[] = []

function collectBranches(nodes: OrgTreeNode[], out: BranchOption[] = []): BranchOption[] {
  for (const n of nodes) {
    if (n.type === 'branch') out.push({ id: n._id, name: n.name })
    collectBranches(n.children, out)
  }
  return out
}

/**
 * The organisation tree (member.tree through the remote cache, so every admin screen shares one answer and an org
 * edit that invalidates 'member' refreshes them all), and the flat list of 党支部 the admin filters use.
 */
export function useOrgTree(options?: RemoteOptions) {
  const query = useProcedure('member.tree', {}, options)
  const tree = query.data?.tree ?? NO_TREE
  const branches = useMemo(() => collectBranches(tree), [tree])
  return { ...query, tree, branches }
}
