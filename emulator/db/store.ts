// SQLite as a plain document store: one table per collection, one row per document
// (`_id` key, canonical EJSON text, version). Query semantics live in mingo, not in SQL.
import { randomBytes } from 'crypto'
import { Doc, decodeStored, encode } from './ejson'
import { DocCache } from './doc-cache'
import { collectionNotExist } from './errors'
import { Database, SqliteDatabase, Statement } from './sqlite'
import type { TxnState } from './transactions'

/** Public face of a store; everything else on `SqliteStore` is for the emulator's own modules. */
export interface LocalStore {
  close(): void
  readonly file: string
  stats: { requests: number; byAction: Record<string, number> }
  resetStats(): void
}

/** A document as read from a table: its key, natural-order position and version travel with it. */
export interface Row {
  key: string
  rowid: number
  version: number
  doc: Doc
}

const TABLE_PREFIX = 'coll_'

interface CollectionStatements {
  byKey: Statement
  versions: Statement
  docByKey: Statement
  all: Statement
  insert: Statement
  update: Statement
  remove: Statement
}

/** Stable text key of an `_id`: strings as they are, anything else (numbers) tagged so `1` ≠ `'1'`. */
export function keyOf(id: unknown): string {
  return typeof id === 'string' ? id : `\u0000${encode({ v: id })}`
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export class SqliteStore implements LocalStore {
  readonly id = randomBytes(8).toString('hex')
  readonly db: Database
  readonly now: () => Date
  stats: { requests: number; byAction: Record<string, number> } = { requests: 0, byAction: {} }
  /** Open transactions of this store, by transaction id (state lives with the process running it). */
  readonly transactions = new Map<string, TxnState>()
  private readonly cache = new DocCache(100_000)
  /** Documents written by the write transaction in progress, to un-cache if it rolls back. */
  private touched: [string, string][] | null = null
  private readonly statements = new Map<string, CollectionStatements>()
  private readonly hasTable: Statement
  private readonly listTables: Statement
  private readonly bumpVersion: Statement

  constructor(
    readonly file: string,
    opts: { now?: () => Date } = {},
  ) {
    this.now = opts.now ?? (() => new Date())
    // A generous busy timeout lets several processes (gateway, scripts, tests) share one file.
    this.db = new SqliteDatabase(file, { timeout: 10_000 })
    if (file !== ':memory:' && file !== '') {
      this.db.pragma('journal_mode = WAL')
      // NORMAL under WAL survives process crashes; only an OS crash can lose the last commits.
      this.db.pragma('synchronous = NORMAL')
    }
    this.db.exec('CREATE TABLE IF NOT EXISTS "__meta" (key TEXT PRIMARY KEY, value INTEGER NOT NULL)')
    this.db.exec(`INSERT OR IGNORE INTO "__meta" (key, value) VALUES ('version', 0)`)
    this.hasTable = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
    this.listTables = this.db.prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'coll\\_%' ESCAPE '\\' ORDER BY name`,
    )
    // Versions come from one file-wide sequence, so a deleted and re-created document never reuses a
    // version: cache entries and transaction read-sets stay valid across processes.
    this.bumpVersion = this.db.prepare(`UPDATE "__meta" SET value = value + 1 WHERE key = 'version' RETURNING value`)
  }

  close(): void {
    if (this.db.open) this.db.close()
    this.statements.clear()
    this.cache.clear()
    this.transactions.clear()
  }

  resetStats(): void {
    this.stats = { requests: 0, byAction: {} }
  }

  countRequest(action: string): void {
    this.stats.requests++
    this.stats.byAction[action] = (this.stats.byAction[action] ?? 0) + 1
  }

  /** Runs `fn` in one SQLite read transaction (a consistent snapshot under WAL). */
  read<R>(fn: () => R): R {
    return this.db.inTransaction ? fn() : this.db.transaction(fn).deferred()
  }

  /** Runs `fn` in one IMMEDIATE transaction: the write lock is taken up front, so no upgrade deadlocks. */
  write<R>(fn: () => R): R {
    if (this.db.inTransaction) return fn()
    const touched: [string, string][] = []
    this.touched = touched
    try {
      return this.db.transaction(fn).immediate()
    } catch (e) {
      // SQLite rolled back, version sequence included, so a later write may reuse a version that
      // the cache already associates with a document that never landed: forget those entries.
      for (const [collection, key] of touched) this.cache.delete(collection, key)
      throw e
    } finally {
      this.touched = null
    }
  }

  nextVersion(): number {
    return (this.bumpVersion.get() as { value: number }).value
  }

  collections(): string[] {
    return (this.listTables.all() as { name: string }[]).map(r => r.name.slice(TABLE_PREFIX.length))
  }

  hasCollection(name: string): boolean {
    return this.hasTable.get(TABLE_PREFIX + name) !== undefined
  }

  ensureCollection(name: string): void {
    if (this.hasCollection(name)) return
    // A rowid table (not WITHOUT ROWID) so that a full scan in rowid order is insertion order,
    // which is what callers see as natural order without orderBy.
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${quoteIdent(TABLE_PREFIX + name)} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL)`,
    )
  }

  dropCollections(): void {
    this.write(() => {
      for (const name of this.collections()) this.db.exec(`DROP TABLE ${quoteIdent(TABLE_PREFIX + name)}`)
    })
    this.statements.clear()
    this.cache.clear()
    this.transactions.clear()
  }

  private stmts(collection: string): CollectionStatements {
    let s = this.statements.get(collection)
    if (s) return s
    if (!this.hasCollection(collection)) throw collectionNotExist(collection)
    const t = quoteIdent(TABLE_PREFIX + collection)
    s = {
      byKey: this.db.prepare(`SELECT rowid, version, doc FROM ${t} WHERE _id = ?`),
      versions: this.db.prepare(`SELECT rowid, _id, version FROM ${t} ORDER BY rowid`),
      docByKey: this.db.prepare(`SELECT doc FROM ${t} WHERE _id = ?`),
      all: this.db.prepare(`SELECT rowid, _id, version, doc FROM ${t} ORDER BY rowid`),
      insert: this.db.prepare(`INSERT INTO ${t} (_id, doc, version) VALUES (?, ?, ?)`),
      update: this.db.prepare(`UPDATE ${t} SET doc = ?, version = ? WHERE _id = ?`),
      remove: this.db.prepare(`DELETE FROM ${t} WHERE _id = ?`),
    }
    this.statements.set(collection, s)
    return s
  }

  /** Runs a statement, turning "the table went away" (dropped by another process) into the production error. */
  private guard<R>(collection: string, fn: (s: CollectionStatements) => R): R {
    try {
      return fn(this.stmts(collection))
    } catch (e) {
      if (e instanceof Error && /no such table/.test(e.message)) {
        this.statements.delete(collection)
        throw collectionNotExist(collection)
      }
      throw e
    }
  }

  /** The document under `key`, decoded (from cache when its version is unchanged), or null. */
  getRow(collection: string, key: string): Row | null {
    return this.guard(collection, s => {
      const r = s.byKey.get(key) as { rowid: number; version: number; doc: string } | undefined
      if (!r) return null
      const cached = this.cache.get(collection, key, r.version)
      const doc = cached ?? decodeStored(r.doc)
      if (!cached) this.cache.set(collection, key, r.version, doc)
      return { key, rowid: r.rowid, version: r.version, doc }
    })
  }

  /** Current version of the document under `key`, or null when absent; used to validate transactions. */
  versionOf(collection: string, key: string): number | null {
    if (!this.hasCollection(collection)) return null
    const row = this.guard(collection, s => s.byKey.get(key) as { version: number } | undefined)
    return row ? row.version : null
  }

  /** Rows with the given keys, in natural order. */
  getRows(collection: string, keys: string[]): Row[] {
    const rows: Row[] = []
    for (const key of new Set(keys)) {
      const row = this.getRow(collection, key)
      if (row) rows.push(row)
    }
    return rows.sort((a, b) => a.rowid - b.rowid)
  }

  /**
   * Every row in natural order. Reads only keys and versions first and decodes just the documents
   * the cache does not hold at that version: decoding, not SQLite, dominates a scan.
   */
  scan(collection: string): Row[] {
    return this.guard(collection, s => {
      const heads = s.versions.all() as { rowid: number; _id: string; version: number }[]
      const rows: Row[] = new Array(heads.length)
      const missing: number[] = []
      heads.forEach((h, i) => {
        const doc = this.cache.get(collection, h._id, h.version)
        if (doc) rows[i] = { key: h._id, rowid: h.rowid, version: h.version, doc }
        else missing.push(i)
      })
      if (missing.length === 0) return rows
      if (missing.length > 64 && missing.length > heads.length / 4) {
        const texts = new Map<string, string>()
        for (const r of s.all.all() as { _id: string; doc: string }[]) texts.set(r._id, r.doc)
        for (const i of missing) rows[i] = this.decodeHead(collection, heads[i], texts.get(heads[i]._id)!)
      } else {
        for (const i of missing) {
          const r = s.docByKey.get(heads[i]._id) as { doc: string }
          rows[i] = this.decodeHead(collection, heads[i], r.doc)
        }
      }
      return rows
    })
  }

  private decodeHead(collection: string, h: { rowid: number; _id: string; version: number }, text: string): Row {
    const doc = decodeStored(text)
    this.cache.set(collection, h._id, h.version, doc)
    return { key: h._id, rowid: h.rowid, version: h.version, doc }
  }

  /** Inserts a document the caller has checked is absent; `doc` must not be mutated afterwards. */
  insert(collection: string, key: string, doc: Doc, version: number): void {
    this.ensureCollection(collection)
    this.guard(collection, s => s.insert.run(key, encode(doc), version))
    this.touched?.push([collection, key])
    this.cache.set(collection, key, version, doc)
  }

  replace(collection: string, key: string, doc: Doc, version: number): void {
    this.guard(collection, s => s.update.run(encode(doc), version, key))
    this.touched?.push([collection, key])
    this.cache.set(collection, key, version, doc)
  }

  remove(collection: string, key: string): boolean {
    this.cache.delete(collection, key)
    return this.guard(collection, s => s.remove.run(key).changes > 0)
  }
}
