import type { Aggregate, Doc } from './db-types'

/**
 * The most one aggregate() call may return: the local cloud refuses a larger `$limit` (emulator/db/README.md,
 * "Modelled behaviours": the platform documents 1000 as a cloud function query's cap and no larger one for aggregate).
 */
export const AGGREGATE_PAGE = 1000

/**
 * Every result of an aggregation, page by page. `pipeline` must end in a total order (a `sort` that ends on `_id`),
 * so the pages neither overlap nor skip; each page re-runs it. Callers whose results are bounded in the hundreds
 * (groups per branch, questions per type) pay one call; larger ones one per thousand.
 */
export async function aggregateAll<T = Doc>(pipeline: () => Aggregate): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += AGGREGATE_PAGE) {
    const res = await pipeline().skip(skip).limit(AGGREGATE_PAGE).end()
    out.push(...(res.list as T[]))
    if (res.list.length < AGGREGATE_PAGE) return out
  }
}
