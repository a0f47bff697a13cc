// SQLite as a plain document store: one table per collection, one row per document
// (`_id` key, canonical EJSON text, version). Query semantics live in mingo, not in SQL.
import { randomBytes } from 'crypto'
import { INDEXES } from '../../cloudfunctions/_shared/indexes'
import { Doc, decodeStored, encode, rememberText } from './ejson'
import { DocCache } from './doc-cache'
import { collectionNotExist, duplicateKey } from './errors'
import { filterDocs } from './match'
import { Condition, conditionsOf, entriesOf, indexedFields } from './prefilter'
import { Database, SqliteDatabase, Statement } from './sqlite'
import type { TxnState } from './transactions'

/** Options of `openStore`. */
export interface StoreOptions {
  /** Fakes the server clock. */
  now?: () => Date
  /**
   * Top-level fields to keep index entries for, per collection. Defaults to the index manifest
   * (cloudfunctions/_shared/indexes.ts), which is what production indexes.
   */
  indexes?: Record<string, readonly string[]>
  /** Use the index entries to narrow queries; default true unless env LOCAL_DB_NO_INDEX is set (for comparisons). */
  narrow?: boolean
  /** How many decoded documents to keep (env LOCAL_DB_CACHE_DOCS; default DEFAULT_CACHE_DOCS). */
  cacheDocs?: number
  /** Unique indexes per collection (index name and fields). Defaults to the `unique: true` specs of the manifest. */
  uniqueIndexes?: Record<string, readonly { name: string; fields: readonly string[] }[]>
}

function manifestUniques(): Record<string, { name: string; fields: string[] }[]> {
  const out: Record<string, { name: string; fields: string[] }[]> = {}
  for (const [name, specs] of Object.entries(INDEXES)) {
    const unique = specs.filter((s) => s.unique).map((s) => ({ name: s.name, fields: Object.keys(s.keys) }))
    if (unique.length) out[name] = unique
  }
  return out
}

function valueAtPath(doc: Doc, path: string): unknown {
  let v: unknown = doc
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined
    v = (v as Record<string, unknown>)[part]
  }
  return v
}

/**
 * Enough for the report benchmark's 500,000 attendance records to stay decoded between reports (a few hundred MB);
 * a cache smaller than the scans it serves is rewritten by every scan and saves nothing.
 */
export const DEFAULT_CACHE_DOCS = 1_000_000

function manifestFields(): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [name, specs] of Object.entries(INDEXES)) {
    const fields = indexedFields(specs)
    if (fields.length) out[name] = fields
  }
  return out
}

/** Bumped when the entry encoding changes, so stored entries are rebuilt. */
const ENTRY_FORMAT = 1

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

type RawRow = [rowid: number, key: string, version: number, text: string]

const TABLE_PREFIX = 'coll_'
/** Side table of index entries per collection: (field, type tag, key) → document `_id`. */
const INDEX_PREFIX = 'idx_'

interface CollectionStatements {
  byKey: Statement
  all: Statement
  insert: Statement
  update: Statement
  remove: Statement
}

interface IndexStatements {
  insert: Statement
  removeKey: Statement
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
  /** Write locks of open transactions: `collection\u0001key` → transaction id (transactions.ts). */
  readonly locks = new Map<string, string>()
  /** Version at which a document was removed, so a transaction that started before sees the change (bounded). */
  private readonly tombstones = new Map<string, number>()
  private readonly uniques: Map<string, readonly { name: string; fields: readonly string[] }[]>
  private readonly readVersion: Statement
  private readonly cache: DocCache
  /** Documents written by the write transaction in progress, to un-cache if it rolls back. */
  private touched: [string, string][] | null = null
  private readonly statements = new Map<string, CollectionStatements>()
  private readonly indexStatements = new Map<string, IndexStatements>()
  private readonly narrowStatements = new Map<string, Statement>()
  private readonly hasTable: Statement
  private readonly listTables: Statement
  private readonly bumpVersion: Statement
  private readonly signatureOf: Statement
  /** Indexed fields per collection, and the signature stored beside the entries they produce. */
  private readonly fields: Map<string, { list: readonly string[]; set: ReadonlySet<string>; signature: string }>
  readonly narrow: boolean
  /** Documents decoded from their stored text (cache misses); lets tests see what a query really read. */
  decoded = 0

  constructor(
    readonly file: string,
    opts: StoreOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date())
    this.narrow = opts.narrow ?? !process.env.LOCAL_DB_NO_INDEX
    this.uniques = new Map(Object.entries(opts.uniqueIndexes ?? manifestUniques()))
    this.cache = new DocCache(opts.cacheDocs ?? (Number(process.env.LOCAL_DB_CACHE_DOCS) || DEFAULT_CACHE_DOCS))
    this.fields = new Map(
      Object.entries(opts.indexes ?? manifestFields())
        .filter(([, list]) => list.length > 0)
        .map(([name, list]) => [
          name,
          {
            list: [...list],
            set: new Set(list),
            signature: JSON.stringify({ format: ENTRY_FORMAT, fields: [...list] }),
          },
        ]),
    )
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
    this.readVersion = this.db.prepare(`SELECT value FROM "__meta" WHERE key = 'version'`)
    // Which fields a collection's entries were built for. A collection is narrowed only when this matches what this
    // process would write; a writer with other fields deletes it, so nobody narrows on entries that miss documents.
    this.db.exec('CREATE TABLE IF NOT EXISTS "__indexes" (collection TEXT PRIMARY KEY, signature TEXT NOT NULL)')
    this.signatureOf = this.db.prepare('SELECT signature FROM "__indexes" WHERE collection = ?')
    this.syncIndexes()
  }

  /** Builds the entries of existing collections whose stored signature differs from this process's fields. */
  private syncIndexes(): void {
    const stale = this.collections().filter((name) => {
      const f = this.fields.get(name)
      const stored = (this.signatureOf.get(name) as { signature: string } | undefined)?.signature
      return f ? stored !== f.signature : stored !== undefined
    })
    if (stale.length === 0) return
    this.write(() => {
      for (const name of stale) {
        this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(INDEX_PREFIX + name)}`)
        this.db.prepare('DELETE FROM "__indexes" WHERE collection = ?').run(name)
        if (!this.fields.has(name)) continue
        this.createIndexTable(name)
        for (const row of this.scan(name)) this.writeEntries(name, row.key, row.doc)
      }
    })
  }

  private createIndexTable(name: string): void {
    const f = this.fields.get(name)
    if (!f) return
    const t = quoteIdent(INDEX_PREFIX + name)
    // `k` has no declared type, so SQLite keeps numbers as numbers and text as text, compared without coercion.
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${t} (f TEXT NOT NULL, t TEXT NOT NULL, k, id TEXT NOT NULL)`)
    this.db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(INDEX_PREFIX + name + '_ftk')} ON ${t} (f, t, k)`)
    this.db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(INDEX_PREFIX + name + '_id')} ON ${t} (id)`)
    this.db.prepare('INSERT OR REPLACE INTO "__indexes" (collection, signature) VALUES (?, ?)').run(name, f.signature)
  }

  /** Whether the stored entries of `collection` were built for this process's fields (checked per use: cheap). */
  private entriesValid(collection: string): boolean {
    const f = this.fields.get(collection)
    if (!f) return false
    return (this.signatureOf.get(collection) as { signature: string } | undefined)?.signature === f.signature
  }

  private idxStmts(collection: string): IndexStatements {
    let s = this.indexStatements.get(collection)
    if (s) return s
    const t = quoteIdent(INDEX_PREFIX + collection)
    s = {
      insert: this.db.prepare(`INSERT INTO ${t} (f, t, k, id) VALUES (?, ?, ?, ?)`),
      removeKey: this.db.prepare(`DELETE FROM ${t} WHERE id = ?`),
    }
    this.indexStatements.set(collection, s)
    return s
  }

  private writeEntries(collection: string, key: string, doc: Doc): void {
    const s = this.idxStmts(collection)
    for (const e of entriesOf(doc, this.fields.get(collection)!.list)) s.insert.run(e.field, e.tag, e.key, key)
  }

  /** Keeps the entries of one document in step with a write (inside the write's transaction). */
  private reindex(collection: string, key: string, doc: Doc | null): void {
    if (!this.fields.has(collection)) return
    if (!this.entriesValid(collection)) {
      // Entries built for other fields (another build on the same file): stop everyone narrowing on them.
      this.db.prepare('DELETE FROM "__indexes" WHERE collection = ?').run(collection)
      return
    }
    this.idxStmts(collection).removeKey.run(key)
    if (doc) this.writeEntries(collection, key, doc)
  }

  /**
   * Candidate rows for `query` through the index entries, in natural order: a superset of the matches, which mingo
   * filters afterwards. Null when no condition can narrow, or when the best one still selects most of the
   * collection (a plain scan is cheaper then).
   */
  narrowedRows(collection: string, query: unknown): Row[] | null {
    const f = this.fields.get(collection)
    if (!this.narrow || !f) return null
    const conditions = conditionsOf(query, f.set)
    if (conditions.length === 0 || !this.entriesValid(collection)) return null
    return this.guard(collection, () => {
      const size =
        (
          this.narrowStatement(`SELECT max(rowid) AS n FROM ${quoteIdent(TABLE_PREFIX + collection)}`).get() as {
            n: number | null
          }
        ).n ?? 0
      const cap = Math.floor(size / 2) + 1
      let best: { sql: string; params: unknown[]; n: number } | undefined
      for (const c of conditions) {
        const { sql, params } = this.conditionSql(collection, c)
        const n = (
          this.narrowStatement(`SELECT count(*) AS n FROM (${sql} LIMIT ?)`).get(...params, cap) as { n: number }
        ).n
        if (!best || n < best.n) best = { sql, params, n }
        if (n === 0) break
      }
      if (!best || best.n >= cap) return null
      const rows = this.narrowStatement(
        `SELECT rowid, _id, version, doc FROM ${quoteIdent(TABLE_PREFIX + collection)} WHERE _id IN (${best.sql}) ORDER BY rowid`,
        true,
      )
      return this.readRows(collection, rows.iterate(...best.params) as Iterable<RawRow>)
    })
  }

  private narrowStatement(sql: string, raw = false): Statement {
    let st = this.narrowStatements.get(sql)
    if (!st) {
      st = this.db.prepare(sql)
      if (raw) st.raw(true)
      if (this.narrowStatements.size > 500) this.narrowStatements.clear()
      this.narrowStatements.set(sql, st)
    }
    return st
  }

  private conditionSql(collection: string, c: Condition): { sql: string; params: unknown[] } {
    const t = quoteIdent(INDEX_PREFIX + collection)
    if (c.kind === 'eq') {
      if (c.keys.length === 0) return { sql: `SELECT id FROM ${t} WHERE 0`, params: [] }
      return {
        sql: `SELECT id FROM ${t} WHERE f = ? AND t = ? AND k IN (${c.keys.map(() => '?').join(', ')})`,
        params: [c.field, c.tag, ...c.keys],
      }
    }
    const parts = ['f = ?', 't = ?']
    const params: unknown[] = [c.field, c.tag]
    if (c.lo !== undefined) {
      parts.push(c.loOpen ? 'k > ?' : 'k >= ?')
      params.push(c.lo)
    }
    if (c.hi !== undefined) {
      parts.push(c.hiOpen ? 'k < ?' : 'k <= ?')
      params.push(c.hi)
    }
    if (c.lo === undefined && c.hi === undefined) parts.push('k IS NOT NULL')
    // NaN and invalid Dates (NULL keys) compare as equal to any bound in mingo, so every range includes them.
    return {
      sql: `SELECT id FROM ${t} WHERE ${parts.join(' AND ')} UNION ALL SELECT id FROM ${t} WHERE f = ? AND t = ? AND k IS NULL`,
      params: [...params, c.field, c.tag],
    }
  }

  private tombstone(collection: string, key: string): void {
    if (this.tombstones.size > 10_000) {
      // Only transactions still open can be affected by a removal: keep what is newer than the oldest snapshot.
      const oldest = Math.min(...[...this.transactions.values()].map((t) => t.snapshot))
      for (const [s, v] of this.tombstones) if (!(v > oldest)) this.tombstones.delete(s)
    }
    this.tombstones.set(`${collection}\u0001${key}`, this.nextVersion())
  }

  close(): void {
    if (this.db.open) this.db.close()
    this.statements.clear()
    this.cache.clear()
    this.transactions.clear()
    this.locks.clear()
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

  /** The latest version written: a transaction's snapshot. */
  currentVersion(): number {
    return (this.readVersion.get() as { value: number }).value
  }

  /** Version of the last change to a document (its write, or its removal), or null when there was none we know of. */
  changedSince(collection: string, key: string): number | null {
    return this.versionOf(collection, key) ?? this.tombstones.get(`${collection}\u0001${key}`) ?? null
  }

  /**
   * Refuses a document that repeats the key of a unique index on another document. Missing fields count as null,
   * as in MongoDB (a non-sparse unique index holds one document without the field).
   */
  private checkUnique(collection: string, key: string, doc: Doc): void {
    const specs = this.uniques.get(collection)
    if (!specs) return
    for (const spec of specs) {
      const query: Record<string, unknown> = {}
      for (const f of spec.fields) query[f] = valueAtPath(doc, f) ?? null
      const rows = (this.narrowedRows(collection, query) ?? this.scan(collection)).filter((r) => r.key !== key)
      if (
        rows.length &&
        filterDocs(
          rows.map((r) => r.doc),
          query,
        ).length
      )
        throw duplicateKey(collection, spec.name, query)
    }
  }

  collections(): string[] {
    return (this.listTables.all() as { name: string }[]).map((r) => r.name.slice(TABLE_PREFIX.length))
  }

  hasCollection(name: string): boolean {
    return this.hasTable.get(TABLE_PREFIX + name) !== undefined
  }

  ensureCollection(name: string): void {
    if (this.hasCollection(name)) return
    // A rowid table (not WITHOUT ROWID) so that a full scan in rowid order is insertion order,
    // which is what callers see as natural order without orderBy.
    this.write(() => {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${quoteIdent(TABLE_PREFIX + name)} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL)`,
      )
      this.createIndexTable(name)
    })
  }

  dropCollections(): void {
    this.write(() => {
      for (const name of this.collections()) {
        this.db.exec(`DROP TABLE ${quoteIdent(TABLE_PREFIX + name)}`)
        this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(INDEX_PREFIX + name)}`)
      }
      this.db.exec('DELETE FROM "__indexes"')
    })
    this.statements.clear()
    this.indexStatements.clear()
    this.narrowStatements.clear()
    this.cache.clear()
    this.transactions.clear()
    this.locks.clear()
    this.tombstones.clear()
  }

  private stmts(collection: string): CollectionStatements {
    let s = this.statements.get(collection)
    if (s) return s
    if (!this.hasCollection(collection)) throw collectionNotExist(collection)
    const t = quoteIdent(TABLE_PREFIX + collection)
    s = {
      byKey: this.db.prepare(`SELECT rowid, version, doc FROM ${t} WHERE _id = ?`),
      all: this.db.prepare(`SELECT rowid, _id, version, doc FROM ${t} ORDER BY rowid`).raw(true),
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
        this.indexStatements.delete(collection)
        this.narrowStatements.clear()
        throw collectionNotExist(collection)
      }
      throw e
    }
  }

  /** The document under `key`, decoded (from cache when its version is unchanged), or null. */
  getRow(collection: string, key: string): Row | null {
    return this.guard(collection, (s) => {
      const r = s.byKey.get(key) as { rowid: number; version: number; doc: string } | undefined
      if (!r) return null
      const cached = this.cache.get(collection, key, r.version)
      const doc = cached ?? this.decode(r.doc, true)
      if (!cached) this.cache.set(collection, key, r.version, doc)
      return { key, rowid: r.rowid, version: r.version, doc }
    })
  }

  /** Current version of the document under `key`, or null when absent; used to validate transactions. */
  versionOf(collection: string, key: string): number | null {
    if (!this.hasCollection(collection)) return null
    const row = this.guard(collection, (s) => s.byKey.get(key) as { version: number } | undefined)
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
   * Every row in natural order, in one pass: documents the cache holds at their current version are taken from it,
   * the others decoded. (Reading keys and versions first to skip the text of cached rows costs as much as reading
   * the rows: SQLite reads the same pages either way.)
   */
  scan(collection: string): Row[] {
    return this.guard(collection, (s) => this.readRows(collection, s.all.iterate() as Iterable<RawRow>))
  }

  private readRows(collection: string, raw: Iterable<RawRow>): Row[] {
    const rows: Row[] = []
    // No other statement may run on the connection while this one iterates; the cache and decoding do not touch it.
    for (const [rowid, key, version, text] of raw) {
      let doc = this.cache.get(collection, key, version)
      if (!doc) {
        doc = this.decode(text, false)
        this.cache.set(collection, key, version, doc)
      }
      rows.push({ key, rowid, version, doc })
    }
    return rows
  }

  /**
   * Decodes stored text. Point reads remember the text, so that answering with the unchanged document reuses it;
   * scans do not (their documents go to mingo, and holding every text would double their memory).
   */
  private decode(text: string, remember: boolean): Doc {
    this.decoded++
    const doc = decodeStored(text)
    if (remember) rememberText(doc, text)
    return doc
  }

  /** Inserts a document the caller has checked is absent; `doc` must not be mutated afterwards. */
  insert(collection: string, key: string, doc: Doc, version: number): void {
    this.checkUnique(collection, key, doc)
    const text = encode(doc)
    this.guard(collection, (s) => s.insert.run(key, text, version))
    rememberText(doc, text)
    this.reindex(collection, key, doc)
    this.touched?.push([collection, key])
    this.cache.set(collection, key, version, doc)
  }

  replace(collection: string, key: string, doc: Doc, version: number): void {
    this.checkUnique(collection, key, doc)
    const text = encode(doc)
    this.guard(collection, (s) => s.update.run(text, version, key))
    rememberText(doc, text)
    this.reindex(collection, key, doc)
    this.touched?.push([collection, key])
    this.cache.set(collection, key, version, doc)
  }

  remove(collection: string, key: string): boolean {
    this.cache.delete(collection, key)
    return this.guard(collection, (s) => {
      const removed = s.remove.run(key).changes > 0
      if (removed) {
        this.reindex(collection, key, null)
        this.tombstone(collection, key)
      }
      return removed
    })
  }
}
