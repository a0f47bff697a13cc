// Bounded cache of decoded documents keyed by (collection, key) and validated by version: a stale
// entry (another process wrote the row) simply misses. Cached objects are shared and never mutated.
//
// Eviction is CLOCK ("second chance") rather than strict LRU: a hit only sets a flag, where moving the entry to the
// end of the Map on every hit (delete + set) was most of the cost of a warm 500,000-document scan.
import type { Doc } from './ejson'

interface Entry {
  version: number
  doc: Doc
  used: boolean
}

export class DocCache {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size
  }

  get(collection: string, key: string, version: number): Doc | undefined {
    const e = this.entries.get(`${collection}\u0001${key}`)
    if (!e || e.version !== version) return undefined
    e.used = true
    return e.doc
  }

  set(collection: string, key: string, version: number, doc: Doc): void {
    const k = `${collection}\u0001${key}`
    const e = this.entries.get(k)
    if (e) {
      e.version = version
      e.doc = doc
      e.used = true
      return
    }
    this.entries.set(k, { version, doc, used: false })
    if (this.entries.size > this.capacity) this.evict()
  }

  /**
   * Frees a tenth of the capacity in one pass from the oldest end: entries used since they were last passed get a
   * second chance at the back, the others go. One pass per batch, because V8 leaves deleted entries as holes at the
   * front of a Map that every new iterator walks past (evicting one entry per insert went quadratic).
   */
  private evict(): void {
    let drop = this.entries.size - this.capacity + Math.ceil(this.capacity / 10)
    const keep: [string, Entry][] = []
    for (const [k, e] of this.entries) {
      if (drop <= 0) break
      this.entries.delete(k)
      if (e.used) {
        e.used = false
        keep.push([k, e])
      } else drop--
    }
    for (const [k, e] of keep) this.entries.set(k, e)
    // Everything was recently used: drop the oldest anyway, so the bound holds.
    if (this.entries.size > this.capacity) {
      for (const k of this.entries.keys()) {
        if (this.entries.size <= this.capacity) break
        this.entries.delete(k)
      }
    }
  }

  delete(collection: string, key: string): void {
    this.entries.delete(`${collection}\u0001${key}`)
  }

  clear(): void {
    this.entries.clear()
  }
}
