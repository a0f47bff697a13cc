// Transactions as CloudBase runs them: snapshot isolation with write locks (see README "Modelled behaviours").
// - A transaction's snapshot is the store version when it starts.
// - Its first write to a document takes a lock on it. A write fails AT THE WRITE with DATABASE_TRANSACTION_CONFLICT
//   when another open transaction holds that lock, or when the document changed (or appeared, or went away) after
//   the snapshot. wx-server-sdk 4.0.2 surfaces that as a plain -501001 error, which @cloudbase/database's
//   runTransaction does not retry: the function sees the error.
// - A plain (non-transactional) write to a locked document waits until the transaction ends (request.ts).
// - Reads take no locks and are not checked at commit: two transactions that read the same document and write
//   different ones both commit (write skew), as under snapshot isolation.
// - Writes are staged in memory and applied by commit in one IMMEDIATE SQLite transaction; the locks make commit
//   conflict-free, so it fails only when the transaction is gone (timed out, rolled back) or a unique index refuses.
import { randomBytes } from 'crypto'
import { Doc } from './ejson'
import { DbError, writeConflict } from './errors'
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
  /** Store version when the transaction started: later versions are changes it must not overwrite. */
  snapshot: number
  writes: Map<string, Staged>
}

export const slot = (collection: string, key: string) => `${collection}\u0001${key}`

function expired(txn: TxnState, t = Date.now()): boolean {
  return t - txn.startedAt > TRANSACTION_TIMEOUT_MS
}

/** Ends a transaction: forgets its state and releases its locks. */
function end(store: SqliteStore, txn: TxnState): void {
  store.transactions.delete(txn.id)
  for (const s of txn.writes.keys()) if (store.locks.get(s) === txn.id) store.locks.delete(s)
}

/** The open transaction holding the write lock on a document, if any (expired holders release theirs). */
export function lockHolder(store: SqliteStore, collection: string, key: string): string | null {
  const s = slot(collection, key)
  const id = store.locks.get(s)
  if (!id) return null
  const txn = store.transactions.get(id)
  if (!txn || expired(txn)) {
    if (txn) end(store, txn)
    store.locks.delete(s)
    return null
  }
  return id
}

export function startTransaction(store: SqliteStore): string {
  const t = Date.now()
  // Forget transactions abandoned without commit or abort (a crashed or cut-off function): their locks lapse.
  for (const txn of [...store.transactions.values()]) if (expired(txn, t)) end(store, txn)
  const id = randomBytes(12).toString('hex')
  store.transactions.set(id, { id, startedAt: t, snapshot: store.currentVersion(), writes: new Map() })
  return id
}

export function openTransaction(store: SqliteStore, id: unknown): TxnState {
  const txn = typeof id === 'string' ? store.transactions.get(id) : undefined
  if (!txn) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} does not exist or has ended`)
  if (expired(txn)) {
    end(store, txn)
    throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${txn.id} timed out after ${TRANSACTION_TIMEOUT_MS} ms`)
  }
  return txn
}

export function commitTransaction(store: SqliteStore, id: unknown): void {
  const txn = openTransaction(store, id)
  // The transaction ends here whatever happens.
  try {
    if (txn.writes.size === 0) return
    store.write(() => {
      const version = store.nextVersion()
      for (const w of txn.writes.values()) {
        const existed = store.versionOf(w.collection, w.key) !== null
        if (w.doc === null) {
          if (existed) store.remove(w.collection, w.key)
        } else if (existed) store.replace(w.collection, w.key, w.doc, version)
        else store.insert(w.collection, w.key, w.doc, version)
      }
    })
  } finally {
    end(store, txn)
  }
}

export function abortTransaction(store: SqliteStore, id: unknown): void {
  end(store, openTransaction(store, id))
}

/** The database as seen from inside a transaction: store plus staged writes. */
export class TxnView implements View {
  constructor(
    private readonly store: SqliteStore,
    private readonly txn: TxnState,
  ) {}

  exists(collection: string): boolean {
    return this.store.hasCollection(collection)
  }

  get(collection: string, key: string): Doc | null {
    const staged = this.txn.writes.get(slot(collection, key))
    if (staged) return staged.doc
    const row = this.store.hasCollection(collection) ? this.store.getRow(collection, key) : null
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
    for (const row of base) {
      seen.add(row.key)
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

  /** Takes the write lock on a document, or fails with the conflict production reports at this write. */
  private lock(collection: string, key: string): void {
    const s = slot(collection, key)
    if (this.txn.writes.has(s)) return
    const holder = lockHolder(this.store, collection, key)
    if (holder && holder !== this.txn.id) throw writeConflict(collection, key)
    const changed = this.store.changedSince(collection, key)
    if (changed !== null && changed > this.txn.snapshot) throw writeConflict(collection, key)
    this.store.locks.set(s, this.txn.id)
  }

  put(collection: string, key: string, doc: Doc): void {
    this.lock(collection, key)
    this.txn.writes.set(slot(collection, key), { collection, key, doc })
  }

  remove(collection: string, key: string): void {
    this.lock(collection, key)
    this.txn.writes.set(slot(collection, key), { collection, key, doc: null })
  }
}
