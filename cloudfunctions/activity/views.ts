import type { ActivityView } from '../../src/contract/activity.contract'
import { COL } from '../_shared/collections'
import type { Ctx } from '../_shared/context'
import { resolveUrls } from '../_shared/file-urls'
import { toActivityView, type ActivityDoc } from './docs'

/**
 * Activity views for a page of activities: covers resolved (storage, not the database) and waitlist sizes from each
 * activity's queue; only activities saved before the queue existed are counted, in one aggregation for the page.
 */
export async function activityViews(ctx: Ctx, list: ActivityDoc[]): Promise<ActivityView[]> {
  if (!list.length) return []
  const _ = ctx.db.command
  const legacy = list.filter((a) => !Array.isArray(a.queue)).map((a) => a._id)
  const [urls, waiting] = await Promise.all([
    resolveUrls(
      ctx,
      list.map((a) => a.cover),
    ),
    legacy.length
      ? ctx.db
          .collection(COL.signups)
          .aggregate()
          .match({ activityId: _.in(legacy), status: 'waitlisted' })
          .group({ _id: '$activityId', n: _.aggregate.sum(1) })
          .limit(1000)
          .end()
      : { list: [] as Array<Record<string, unknown>> },
  ])
  const counts = new Map(waiting.list.map((r) => [r._id as string, r.n as number]))
  for (const a of list) if (Array.isArray(a.queue)) counts.set(a._id, a.queue.length)
  const now = ctx.clock.now()
  return list.map((a) =>
    toActivityView(a, a.cover ? (urls.get(a.cover) ?? a.cover) : null, counts.get(a._id) ?? 0, now),
  )
}
