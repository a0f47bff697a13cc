import type { Doc, Query } from './db-types'

/** Lists page at most 20 rows (DESIGN §2: the client's own limit, and a phone screen's worth). */
export const PAGE_SIZE = 20

/** One page of a query and the total it came from, in two calls made together. */
export async function fetchPage<T = Doc>(
  query: Query,
  order: Array<[string, 'asc' | 'desc']>,
  page = 1,
  pageSize = PAGE_SIZE,
): Promise<{ rows: T[]; total: number; page: number; pageSize: number }> {
  // The id last: ties come back in any order, and in another on the next page's request (emulator/db/tie-order.ts).
  const totalOrder = order.some(([f]) => f === '_id') ? order : [...order, ['_id', 'asc'] as [string, 'asc']]
  const sorted = totalOrder.reduce((q, [field, dir]) => q.orderBy(field, dir), query)
  const [{ total }, res] = await Promise.all([
    query.count(),
    sorted
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
  ])
  return { rows: res.data as T[], total, page, pageSize }
}
