// Optimistic transactions, as the library expects them: reads record each document's version, writes
// are staged in memory, and commit applies everything in one IMMEDIATE SQLite transaction only if no
// recorded version moved. A moved version answers DATABASE_TRANSACTION_CONFLICT from commit, the one
// case where the library's runTransaction retries the whole callback.
import { randomBytes } from 'crypto'
import { Doc } from './ejson'
import { DbError } from './errors'
import { Row, SqliteStore } from './store'
import { View, pinnedKeys } from './view'

/** Production aborts a transaction that stays open longer than this. */
export const TRANSACTION_TIMEOUT_MS = 30_000

interface Staged {
  collection: string
  key: string
  doc: Doc | null // null: delete
}

export interface TxnState {
  id: string
  startedAt: number
  /** Version seen per `collection\u0001key`; null when the document was absent. */
  reads: Map<string, { collection: string; key: string; version: number | null }>
  writes: Map<string, Staged>
  /** Collections first written inside the transaction (created at commit). */
  created: Set<string>
}

const slot = (collection: string, key: string) => `${collection}\u0001${key}`

export function startTransaction(store: SqliteStore): string {
  const t = Date.now()
  // Forget transactions abandoned without commit or abort (a crashed function) so they do not pile up.
  for (const [id, txn] of store.transactions)
    if (t - txn.startedAt > TRANSACTION_TIMEOUT_MS) store.transactions.delete(id)
  const id = randomBytes(12).toString('hex')
  store.transactions.set(id, { id, startedAt: t, reads: new Map(), writes: new Map(), created: new Set() })
  return id
}

export function openTransaction(store: SqliteStore, id: unknown): TxnState {
  const txn = typeof id === 'string' ? store.transactions.get(id) : undefined
  if (!txn) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} does not exist or has ended`)
  if (Date.now() - txn.startedAt > TRANSACTION_TIMEOUT_MS) {
    store.transactions.delete(txn.id)
    throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${txn.id} timed out after ${TRANSACTION_TIMEOUT_MS} ms`)
  }
  return txn
}

export function commitTransaction(store: SqliteStore, id: unknown): void {
  const txn = openTransaction(store, id)
  // The transaction ends here whatever happens: on conflict the library starts a fresh one.
  store.transactions.delete(txn.id)
  store.write(() => {
    for (const r of txn.reads.values()) {
      if (store.versionOf(r.collection, r.key) !== r.version) {
        throw new DbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict')
      }
    }
    if (txn.writes.size === 0) return
    const version = store.nextVersion()
    for (const w of txn.writes.values()) {
      const existed = store.versionOf(w.collection, w.key) !== null
      if (w.doc === null) {
        if (existed) store.remove(w.collection, w.key)
      } else if (existed) store.replace(w.collection, w.key, w.doc, version)
      else store.insert(w.collection, w.key, w.doc, version)
    }
  })
}

export function abortTransaction(store: SqliteStore, id: unknown): void {
  openTransaction(store, id)
  store.transactions.delete(String(id))
}

/** The database as seen from inside a transaction: store plus staged writes; every read is recorded. */
export class TxnView implements View {
  constructor(
    private readonly store: SqliteStore,
    private readonly txn: TxnState,
  ) {}

  exists(collection: string): boolean {
    return this.txn.created.has(collection) || this.store.hasCollection(collection)
  }

  ensure(collection: string): void {
    if (!this.exists(collection)) this.txn.created.add(collection)
  }

  private record(collection: string, key: string, version: number | null): void {
    const s = slot(collection, key)
    if (!this.txn.reads.has(s)) this.txn.reads.set(s, { collection, key, version })
  }

  get(collection: string, key: string): Doc | null {
    const staged = this.txn.writes.get(slot(collection, key))
    if (staged) return staged.doc
    const row = this.store.hasCollection(collection) ? this.store.getRow(collection, key) : null
    this.record(collection, key, row ? row.version : null)
    return row ? row.doc : null
  }

  candidates(collection: string, query: unknown): Row[] {
    const keys = pinnedKeys(query)
    let base: Row[] = []
    if (this.store.hasCollection(collection)) {
      base = keys ? this.store.getRows(collection, keys) : this.store.scan(collection)
    }
    const out: Row[] = []
    const seen = new Set<string>()
    // Absence is a read too: a transaction that saw "no such document" conflicts with one creating it.
    if (keys) {
      const found = new Set(base.map((r) => r.key))
      for (const key of keys) if (!found.has(key)) this.record(collection, key, null)
    }
    for (const row of base) {
      seen.add(row.key)
      this.record(collection, row.key, row.version)
      const staged = this.txn.writes.get(slot(collection, row.key))
      if (!staged) out.push(row)
      else if (staged.doc) out.push({ ...row, doc: staged.doc })
    }
    // Documents inserted by this transaction come after the stored ones, as new rows would.
    for (const w of this.txn.writes.values()) {
      if (w.collection !== collection || !w.doc || seen.has(w.key)) continue
      if (keys && !keys.includes(w.key)) continue
      out.push({ key: w.key, rowid: Number.MAX_SAFE_INTEGER, version: 0, doc: w.doc })
    }
    return out
  }

  put(collection: string, key: string, doc: Doc): void {
    this.txn.writes.set(slot(collection, key), { collection, key, doc })
  }

  remove(collection: string, key: string): void {
    this.txn.writes.set(slot(collection, key), { collection, key, doc: null })
  }
}
