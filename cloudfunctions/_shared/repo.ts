import type { CollectionName } from './collections'
import type { Aggregate, Db, Doc, Query, Tx } from './db-types'
import { GET_PAGE } from './docs'
import { existingOnDuplicate } from './duplicate-key'
import { fetchPage, PAGE_SIZE } from './paging'
import { txGet } from './transaction'

/**
 * A typed view of one collection: the single place where untyped rows from the SDK become documents of a known
 * shape, so repositories and handlers never cast. Every method is one database request (the budget in
 * src/contract/budget.ts counts them), except `getMany` (one per 100 ids, the server-side cap).
 */
export interface TypedCollection<T extends { _id: string }> {
  /** The document with this id, or null. (`where({_id})` rather than `doc().get()`, which rejects when missing.) */
  get(id: string, fields?: Projection<T>): Promise<T | null>
  /** Documents by id, keyed by id; missing ones are simply absent. */
  getMany(ids: readonly string[]): Promise<Map<string, T>>
  findOne(where: Where<T>, opts?: FindOptions<T>): Promise<T | null>
  find(where: Where<T>, opts?: FindOptions<T>): Promise<T[]>
  count(where: Where<T>): Promise<number>
  /**
   * Creates the document under its natural key, once. When a document with that id already exists (a retry, a double
   * tap, a concurrent twin) it answers that document, which the caller answers from: one request for a first write,
   * two for a repeat (the duplicate is recognised by code, and wx-server-sdk's catch-all code needs the key read back,
   * which is the read the caller wants anyway).
   */
  create(doc: T): Promise<{ created: true } | { created: false; existing: T }>
  /** Writes the whole document under its id (created or replaced). */
  put(doc: T): Promise<void>
  /** Updates one document; answers how many changed (0: missing, or already so). */
  update(id: string, patch: Patch<T>): Promise<number>
  /** A conditional update: changes only documents matching `where` (e.g. `{ _id, status: 'waitlisted' }`). */
  updateWhere(where: Where<T>, patch: Patch<T>): Promise<number>
  remove(id: string): Promise<number>
  removeWhere(where: Where<T>): Promise<number>
  /**
   * One page of `where` in `order` (the id added last, so pages neither repeat nor drop) and the total beside it:
   * two requests sent together (paging.ts fetchPage).
   */
  page(
    where: Where<T>,
    order: Array<[keyof T & string, 'asc' | 'desc']>,
    page?: number,
    pageSize?: number,
  ): Promise<{ rows: T[]; total: number; page: number; pageSize: number }>
  /** A query to page through (with fetchPage) or order; rows still come back untyped, so prefer `find`. */
  query(where: Where<T>): Query
  aggregate(): Aggregate
}

/** Field conditions: values or query commands (`_.in`, `_.gte`, …), which the SDK types as `any`. */
export type Where<T> = { [K in keyof T]?: unknown } & Doc
/** Field values or update commands (`_.inc`, `_.push`, …). */
export type Patch<T> = { [K in keyof T]?: unknown } & Doc
export type Projection<T> = { [K in keyof T]?: boolean }

export interface FindOptions<T> {
  orderBy?: Array<[keyof T & string, 'asc' | 'desc']>
  skip?: number
  /** At most 100 (the server-side cap of one `get()`). */
  limit?: number
  fields?: Projection<T>
}

export function typedCollection<T extends { _id: string }>(db: Db, name: CollectionName): TypedCollection<T> {
  const c = () => db.collection(name)
  const find = async (where: Where<T>, opts: FindOptions<T> = {}): Promise<T[]> => {
    let q: Query = c().where(where)
    for (const [field, dir] of opts.orderBy ?? []) q = q.orderBy(field, dir)
    // Ties come back in any order, and in another on the next request (tie-order.ts in the emulator): the id makes
    // every order total, so paging with `skip` neither repeats nor drops a document.
    if (opts.orderBy?.length && !opts.orderBy.some(([f]) => f === '_id')) q = q.orderBy('_id', 'asc')
    if (opts.skip) q = q.skip(opts.skip)
    q = q.limit(opts.limit ?? 100)
    if (opts.fields) q = q.field(opts.fields as Record<string, boolean>)
    return (await q.get()).data as T[]
  }
  return {
    async get(id, fields) {
      return (await find({ _id: id } as Where<T>, { limit: 1, fields }))[0] ?? null
    },
    async getMany(ids) {
      const out = new Map<string, T>()
      const unique = [...new Set(ids)]
      const _ = db.command
      for (let i = 0; i < unique.length; i += GET_PAGE) {
        const ids = unique.slice(i, i + GET_PAGE)
        for (const d of await find({ _id: _.in(ids) } as Where<T>, { limit: GET_PAGE })) out.set(d._id, d)
      }
      return out
    },
    async findOne(where, opts) {
      return (await find(where, { ...opts, limit: 1 }))[0] ?? null
    },
    find,
    async count(where) {
      return (await c().where(where).count()).total
    },
    async create(doc) {
      try {
        await c().add({ data: doc })
        return { created: true }
      } catch (err) {
        // By the error's code (or the key read back), never by its message: duplicate-key.ts.
        const existing = await existingOnDuplicate<T>(db, name, doc._id, err)
        if (existing) return { created: false, existing }
        throw err
      }
    },
    async put(doc) {
      const { _id, ...rest } = doc
      await c().doc(_id).set({ data: rest })
    },
    async update(id, patch) {
      return (await c().where({ _id: id }).update({ data: patch })).stats.updated
    },
    async updateWhere(where, patch) {
      return (await c().where(where).update({ data: patch })).stats.updated
    },
    async remove(id) {
      return (await c().where({ _id: id }).remove()).stats.removed
    },
    async removeWhere(where) {
      return (await c().where(where).remove()).stats.removed
    },
    page: (where, order, page = 1, pageSize = PAGE_SIZE) => fetchPage<T>(c().where(where), order, page, pageSize),
    query: (where) => c().where(where),
    aggregate: () => c().aggregate(),
  }
}

/**
 * A typed view of one collection inside a transaction, where only `doc()` operations are transactional (as on
 * CloudBase; transaction.ts). Each method is one request of the transaction.
 */
export interface TxCollection<T extends { _id: string }> {
  /** The document with this id as the transaction's snapshot has it, or null. */
  get(id: string): Promise<T | null>
  /** Writes the whole document under its id (created or replaced). */
  set(id: string, doc: Omit<T, '_id'>): Promise<void>
  update(id: string, patch: Patch<T>): Promise<void>
}

export function txCollection<T extends { _id: string }>(t: Tx, name: CollectionName): TxCollection<T> {
  return {
    get: (id) => txGet<T>(t, name, id),
    async set(id, doc) {
      await t.collection(name).doc(id).set({ data: doc })
    },
    async update(id, patch) {
      await t.collection(name).doc(id).update({ data: patch })
    },
  }
}
