// What a request handler sees of the database. Plain requests read and write the store directly;
// requests inside a transaction see the store overlaid with the transaction's staged writes.
import type { Doc } from './ejson'
import { SqliteStore, Row, keyOf } from './store'
import { isPlainObject } from './match'
import { WriteBlocked } from './errors'
import { lockHolder } from './transactions'

export interface View {
  exists(collection: string): boolean
  get(collection: string, key: string): Doc | null
  /**
   * Candidate rows for `query` in natural order, a superset of its matches: by key when the query pins `_id`, through
   * the index entries when it constrains an indexed field (see prefilter.ts), else all.
   */
  candidates(collection: string, query: unknown): Row[]
  put(collection: string, key: string, doc: Doc, existed: boolean): void
  remove(collection: string, key: string): void
}

/**
 * Keys a query pins through `_id` (`'x'`, `{$eq:'x'}`, `{$in:[…]}`, also inside a top-level `$and`),
 * or null when it does not; then the caller must scan. mingo still checks the whole query afterwards.
 */
export function pinnedKeys(query: unknown): string[] | null {
  if (!isPlainObject(query)) return null
  const c = query._id
  const isId = (v: unknown) => typeof v === 'string' || typeof v === 'number'
  if (isId(c)) return [keyOf(c)]
  if (isPlainObject(c)) {
    if (isId(c.$eq)) return [keyOf(c.$eq)]
    if (Array.isArray(c.$in) && c.$in.every(isId)) return c.$in.map(keyOf)
  }
  if (Array.isArray(query.$and)) {
    for (const sub of query.$and) {
      const keys = pinnedKeys(sub)
      if (keys) return keys
    }
  }
  return null
}

export class DirectView implements View {
  private version: number | undefined

  constructor(private readonly store: SqliteStore) {}

  exists(collection: string): boolean {
    return this.store.hasCollection(collection)
  }

  /** A document a transaction has written is locked until it ends: the plain write waits (request.ts retries it). */
  private waitForLocks(collection: string, key: string): void {
    if (this.store.locks.size > 0 && lockHolder(this.store, collection, key)) throw new WriteBlocked(collection, key)
  }

  get(collection: string, key: string): Doc | null {
    return this.store.getRow(collection, key)?.doc ?? null
  }

  candidates(collection: string, query: unknown): Row[] {
    const keys = pinnedKeys(query)
    if (keys) return this.store.getRows(collection, keys)
    return this.store.narrowedRows(collection, query) ?? this.store.scan(collection)
  }

  put(collection: string, key: string, doc: Doc, existed: boolean): void {
    this.waitForLocks(collection, key)
    // One version per request is enough: a request writes each document at most once.
    this.version ??= this.store.nextVersion()
    if (existed) this.store.replace(collection, key, doc, this.version)
    else this.store.insert(collection, key, doc, this.version)
  }

  remove(collection: string, key: string): void {
    this.waitForLocks(collection, key)
    this.store.remove(collection, key)
  }
}
