// Query evaluation with mingo: filter, order, skip, limit and projection as MongoDB does them.
import { Query } from 'mingo'
import type { Doc } from './ejson'
import { tieOrderFor } from './tie-order'

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

export function compileQuery(query: unknown): Query {
  return new Query(isPlainObject(query) ? query : {}, {})
}

export function filterDocs(docs: Doc[], query: unknown): Doc[] {
  if (!isPlainObject(query) || Object.keys(query).length === 0) return docs
  const q = compileQuery(query)
  return docs.filter((d) => q.test(d))
}

export interface FindOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Record<string, unknown>
}

export function findDocs(docs: Doc[], query: unknown, opts: FindOptions): Doc[] {
  const q = compileQuery(query)
  const projection = opts.projection && Object.keys(opts.projection).length > 0 ? opts.projection : undefined
  const sorted = !!opts.order && Object.keys(opts.order).length > 0
  let cursor = q.find<Doc>(sorted ? tieOrderFor(docs, opts.offset ?? 0) : docs, projection)
  if (sorted) cursor = cursor.sort(opts.order!)
  if (opts.offset) cursor = cursor.skip(opts.offset)
  if (opts.limit !== undefined) cursor = cursor.limit(opts.limit)
  return cursor.all()
}
