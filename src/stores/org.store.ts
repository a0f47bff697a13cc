import { create } from 'zustand'
import type { OrgTreeNode } from '@/domain/org.tree'
import { ApiError, call, toApiError } from '@/services/api-client'

export interface BranchOption {
  id: string
  name: string
}

interface State {
  tree: OrgTreeNode[]
  branches: BranchOption[]
  loaded: boolean
  loading: boolean
  error: ApiError | null
}

interface Actions {
  load(force?: boolean): Promise<void>
  reset(): void
}

const initial: State = { tree: [], branches: [], loaded: false, loading: false, error: null }

function collectBranches(nodes: OrgTreeNode[], out: BranchOption[] = []): BranchOption[] {
  for (const n of nodes) {
    if (n.type === 'branch') out.push({ id: n._id, name: n.name })
    collectBranches(n.children, out)
  }
  return out
}

/** The organisation tree, and the flat list of 党支部 the admin filters use. */
export const useOrgStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async load(force = false) {
    if (get().loading || (get().loaded && !force)) return
    set({ loading: true, error: null })
    try {
      const { tree } = await call('member.tree', {})
      set({ tree, branches: collectBranches(tree), loaded: true, loading: false })
    } catch (e) {
      set({ loading: false, error: toApiError(e) })
    }
  },

  reset() {
    set(initial)
  },
}))
