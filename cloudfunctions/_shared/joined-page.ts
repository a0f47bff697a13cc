import type { CollectionName } from './collections'
import type { Aggregate, Db, Doc } from './db-types'
import { PAGE_SIZE } from './paging'

/**
 * One page of a list read in ONE request, each row carrying the caller's own documents about it (her attendance and
 * leave of a meeting, her receipt of an article, her sign-up to an activity): those are stored under the natural key
 * `${rowId}_${memberId}`, so an aggregation computes that key per row and joins each collection on it (issue 11:
 * a list costs the page, not the page and then one read per joined collection).
 *
 * CloudBase documents `Aggregate.lookup` (wx-server-sdk ≥ 1.3.0, 相等匹配: `from`, `localField`, `foreignField`,
 * `as`) and the aggregate expressions used here (`concat`, and in the callers' `extend` stages `filter`, `map`, `size`,
 * `setIntersection`); `match` takes the same query conditions as `where`. Sorting, skipping and limiting before the
 * joins keep them to the page's rows.
 */
export interface JoinedPageOptions<T, Own, O extends keyof T & string> {
  /** The order; fields computed by `prepare` (named `_x_<name>`) may be used. */
  orderBy: Array<[(keyof T & string) | `_x_${string}`, 'asc' | 'desc']>
  /** Stages before sorting, e.g. `addFields` of a computed sort key (`_x_<name>`, returned in `extra`). */
  prepare?: (a: Aggregate) => Aggregate
  page?: number
  pageSize?: number
  /** Fields left out of the rows (e.g. a meeting's expected list: thousands of ids the list does not show). */
  omit?: readonly O[]
  /** The caller's own documents to join, by output name: each read by `${row._id}_${memberId}`. */
  own?: { memberId: string; from: { [K in keyof Own]: CollectionName } }
  /**
   * More stages after the page and joins, before `omit`: fields they add named `_x_<name>` come back in `extra`
   * (computed from the omitted fields, or from further lookups).
   */
  extend?: (a: Aggregate) => Aggregate
}

export interface JoinedRow<T, Own> {
  /** The row, without the omitted fields. */
  row: T
  own: { [K in keyof Own]: Own[K] | null }
  /** Whatever `extend` added, by field name. */
  extra: Doc
}

/** The page's rows, joined; no count (callers that show a total count it beside, in parallel). */
export async function joinedPage<
  T extends { _id: string },
  Own extends Record<string, unknown> = Record<never, never>,
  O extends keyof T & string = never,
>(
  db: Db,
  collection: CollectionName,
  where: Doc,
  opts: JoinedPageOptions<T, Own, O>,
): Promise<JoinedRow<Omit<T, O>, Own>[]> {
  const page = opts.page ?? 1
  const pageSize = opts.pageSize ?? PAGE_SIZE
  const sort: Record<string, 1 | -1> = {}
  for (const [field, dir] of opts.orderBy) sort[field] = dir === 'asc' ? 1 : -1
  // Ties (two branches' meetings at the same hour) would leave skip/limit free to repeat or drop a row between pages:
  // the id breaks them, so every row has one place in the order.
  if (!('_id' in sort)) sort._id = 1
  let a = db.collection(collection).aggregate().match(where)
  if (opts.prepare) a = opts.prepare(a)
  a = a.sort(sort)
  if (page > 1) a = a.skip((page - 1) * pageSize)
  a = a.limit(pageSize)
  const joins = Object.entries(opts.own?.from ?? {}) as Array<[string, CollectionName]>
  if (joins.length) {
    a = a.addFields({ _ownKey: db.command.aggregate.concat(['$_id', `_${opts.own!.memberId}`]) })
    for (const [as, from] of joins) a = a.lookup({ from, localField: '_ownKey', foreignField: '_id', as: `_own_${as}` })
  }
  if (opts.extend) a = opts.extend(a)
  if (opts.omit?.length) a = a.project(Object.fromEntries(opts.omit.map((f) => [f, 0])))
  const { list } = await a.end()
  return list.map((d) => {
    const own: Record<string, unknown> = {}
    const extra: Doc = {}
    const row: Doc = {}
    for (const [k, v] of Object.entries(d)) {
      if (k === '_ownKey') continue
      if (k.startsWith('_own_')) own[k.slice(5)] = (v as unknown[])[0] ?? null
      else if (k.startsWith('_x_')) extra[k.slice(3)] = v
      else row[k] = v
    }
    return { row: row as Omit<T, O>, own: own as JoinedRow<T, Own>['own'], extra }
  })
}
