import { createHash } from 'crypto'
import type { TestCloud } from '../local-cloud'

interface Sqlite {
  prepare(sql: string): { all(): unknown[]; raw(on: boolean): { all(): unknown[][] }; pluck(): { get(): unknown } }
}

/**
 * A digest of every collection, byte for byte: each SQLite table of the local cloud (documents as stored, their
 * versions, the bookkeeping tables), rows in key order. Cheap on a seeded database (a few hundred documents).
 */
export function dbHasher(t: TestCloud): () => string {
  const db = (t.cloud.store as unknown as { db: Sqlite }).db
  let tables: string[] = []
  let tablesAt = -1
  const schemaVersion = db.prepare('PRAGMA schema_version').pluck()
  return () => {
    const v = schemaVersion.get() as number
    if (v !== tablesAt) {
      tables = (
        db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
      ).map((r) => r.name)
      tablesAt = v
    }
    const h = createHash('sha1')
    h.update(`schema ${v}\n`)
    for (const name of tables) {
      h.update(`\u0001${name}\n`)
      for (const row of db
        .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}" ORDER BY 1, 2`)
        .raw(true)
        .all()) {
        h.update(JSON.stringify(row))
      }
    }
    return h.digest('hex')
  }
}

/**
 * SQLite's count of rows inserted, updated or deleted on this connection since it opened: if it has not moved, nothing
 * was written at all (stricter than an unchanged digest, and cheap enough to take around every single call).
 */
export function writeCounter(t: TestCloud): () => number {
  const db = (t.cloud.store as unknown as { db: Sqlite }).db
  const st = db.prepare('SELECT total_changes()').pluck()
  return () => st.get() as number
}
