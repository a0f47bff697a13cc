/**
 * Who an item is for. Tests, study articles and activities name the branches they reach; an empty list means the
 * whole organisation. One rule, used by the cloud (what a member may open) and the app (what it shows as sent to).
 */
export function reachesBranch(audienceBranchIds: readonly string[] | null | undefined, branchId: string): boolean {
  return !audienceBranchIds?.length || audienceBranchIds.includes(branchId)
}

export interface Publishable {
  status: string
  publishAt: Date | string | null
  audienceBranchIds: readonly string[]
}

/** Whether a member of `branchId` may see a study article now: published, its publish time passed, and for them. */
export function articleVisibleTo(a: Publishable, branchId: string, now: Date): boolean {
  return (
    a.status === 'published' &&
    !!a.publishAt &&
    new Date(a.publishAt) <= now &&
    reachesBranch(a.audienceBranchIds, branchId)
  )
}
