import { useCallback } from 'react'
import type { MemberView } from '@/contract'
import { fetchInto, keyOf } from '@/remote/cache'
import { useEntry, useKeyLifecycle, type Remote } from '@/remote/use-procedure'
import { call } from '@/services/api-client'

const PAGE_SIZE = 20
/** A branch larger than this is not a branch; stop rather than loop on a bad total. */
const MAX_PAGES = 50

/**
 * Everyone in a branch or group, every page of member.list read in turn: a picker of the expected list needs everyone
 * to tick. Kept in the remote cache under member.list (key `page: 'all'`), so a roster change that invalidates
 * 'member' refreshes it, and sign-out drops it with the rest.
 */
export function useWholeRoster(orgId: string | null, enabled = true): Remote<MemberView[]> {
  const key = keyOf('member.list', { orgId, page: 'all' })
  const entry = useEntry<MemberView[]>(key)
  const refetch = useCallback(async () => {
    if (!orgId) return
    await fetchInto(key, async () => {
      const members: MemberView[] = []
      for (let page = 1; page <= MAX_PAGES; page++) {
        const out = await call('member.list', { orgId, page, pageSize: PAGE_SIZE })
        members.push(...out.items)
        if (out.items.length < PAGE_SIZE || members.length >= out.total) break
      }
      return members
    })
  }, [key, orgId])
  const on = enabled && !!orgId
  useKeyLifecycle(key, on, false, refetch)
  return {
    data: entry.data,
    error: entry.error,
    loading: on && entry.data === undefined && !entry.error,
    refreshing: entry.fetching && entry.data !== undefined,
    refetch,
  }
}
