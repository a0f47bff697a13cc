import { useCallback } from 'react'
import type { MemberView } from '@/contract'
import { fetchInto, keyOf } from '@/remote/cache'
import { useEntry, useKeyLifecycle, type Remote } from '@/remote/use-procedure'
import { call } from '@/services/api-client'

/** member.list's largest page (PAGE_SIZE_MAX in the contract). */
const PAGE_SIZE = 20
/** Pages asked for at once after the first: a 2,000-member org is 100 pages, read in 20 rounds instead of 100. */
const AT_ONCE = 5

interface Roster {
  members: MemberView[]
  /** How many members the org has, as member.list counted them. */
  total: number
}

/**
 * Everyone in a branch or group, every page of member.list read (the first tells how many there are, the rest are
 * asked for a few at a time): a picker of the expected list needs everyone to tick, so there is no cap — the picker
 * used to stop at 1,000 without saying so. `total` is member.list's count: when the roster changed while it was read
 * and fewer came back, the screen says so (members < total). Kept in the remote cache under member.list (key
 * `page: 'all'`), so a roster change that invalidates 'member' refreshes it, and sign-out drops it with the rest.
 */
export function useWholeRoster(orgId: string | null, enabled = true): Remote<MemberView[]> & { total: number | null } {
  const key = keyOf('member.list', { orgId, page: 'all' })
  const entry = useEntry<Roster>(key)
  const refetch = useCallback(async () => {
    if (!orgId) return
    await fetchInto<Roster>(key, async () => {
      const first = await call('member.list', { orgId, page: 1, pageSize: PAGE_SIZE })
      const pages = Math.ceil(first.total / PAGE_SIZE)
      const byId = new Map(first.items.map((m) => [m.id, m]))
      for (let from = 2; from <= pages; from += AT_ONCE) {
        const batch = Array.from({ length: Math.min(AT_ONCE, pages - from + 1) }, (_, i) =>
          call('member.list', { orgId, page: from + i, pageSize: PAGE_SIZE }),
        )
        for (const out of await Promise.all(batch)) for (const m of out.items) byId.set(m.id, m)
      }
      return { members: [...byId.values()], total: first.total }
    })
  }, [key, orgId])
  const on = enabled && !!orgId
  useKeyLifecycle(key, on, false, refetch)
  return {
    data: entry.data?.members,
    total: entry.data?.total ?? null,
    error: entry.error,
    loading: on && entry.data === undefined && !entry.error,
    refreshing: entry.fetching && entry.data !== undefined,
    refetch,
  }
}
