// Bounded LRU of decoded documents keyed by (collection, key) and validated by version: a stale
// entry (another process wrote the row) simply misses. Cached objects are shared and never mutated.
import type { Doc } from './ejson'

interface Entry {
  version: number
  doc: Doc
}

export class DocCache {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly capacity: number) {}

  get(collection: string, key: string, version: number): Doc | undefined {
    const k = `${collection}\u0001${key}`
    const e = this.entries.get(k)
    if (!e || e.version !== version) return undefined
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.entries.delete(k)
    this.entries.set(k, e)
    return e.doc
  }

  set(collection: string, key: string, version: number, doc: Doc): void {
    const k = `${collection}\u0001${key}`
    this.entries.delete(k)
    this.entries.set(k, { version, doc })
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
  }

  delete(collection: string, key: string): void {
    this.entries.delete(`${collection}\u0001${key}`)
  }

  clear(): void {
    this.entries.clear()
  }
}
