import type { ActivityView } from '../../src/contract/activity.contract'
import { COL } from '../_shared/collections'
import type { Ctx } from '../_shared/context'
import { resolveUrls } from '../_shared/file-urls'
import { toActivityView, type ActivityDoc } from './docs'

/** Activity views for a page of activities: covers resolved and waitlist sizes from one aggregation. */
export async function activityViews(ctx: Ctx, list: ActivityDoc[]): Promise<ActivityView[]> {
  if (!list.length) return []
  const _ = ctx.db.command
  const [urls, waiting] = await Promise.all([
    resolveUrls(
      ctx,
      list.map((a) => a.cover),
    ),
    ctx.db
      .collection(COL.signups)
      .aggregate()
      .match({ activityId: _.in(list.map((a) => a._id)), status: 'waitlisted' })
      .group({ _id: '$activityId', n: _.aggregate.sum(1) })
      .limit(1000)
      .end(),
  ])
  const counts = new Map(waiting.list.map((r) => [r._id as string, r.n as number]))
  const now = ctx.clock.now()
  return list.map((a) =>
    toActivityView(a, a.cover ? (urls.get(a.cover) ?? a.cover) : null, counts.get(a._id) ?? 0, now),
  )
}
