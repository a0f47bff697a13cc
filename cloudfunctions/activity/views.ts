import type { ActivityView } from '../../src/contract/activity.contract'
import type { Ctx } from '../_shared/context'
import { resolveUrls } from '../_shared/file-urls'
import { legacyWaitingCounts } from './activity.repo'
import { toActivityView, type ActivityDoc } from './docs'

/**
 * Activity views for a page of activities: covers resolved (storage, not the database) and waitlist sizes from each
 * activity's queue; only activities saved before the queue existed are counted, in one aggregation for the page.
 */
export async function activityViews(ctx: Ctx, list: ActivityDoc[]): Promise<ActivityView[]> {
  if (!list.length) return []
  const legacy = list.filter((a) => !Array.isArray(a.queue)).map((a) => a._id)
  const [urls, waiting] = await Promise.all([
    resolveUrls(
      ctx,
      list.map((a) => a.cover),
    ),
    legacy.length ? legacyWaitingCounts(ctx.db, legacy) : new Map<string, number>(),
  ])
  const counts = new Map(waiting)
  for (const a of list) if (Array.isArray(a.queue)) counts.set(a._id, a.queue.length)
  const now = ctx.clock.now()
  return list.map((a) =>
    toActivityView(a, a.cover ? (urls.get(a.cover) ?? a.cover) : null, counts.get(a._id) ?? 0, now),
  )
}
