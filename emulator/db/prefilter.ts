// Index narrowing: the fields the index manifest declares are kept, per document, as typed entries in a side table,
// so that a query with an equality, `$in` or range condition on one of them reads only the candidate rows instead of
// decoding the whole collection. mingo still decides every match: the entries only ever select a superset.
//
// Why the rules below keep the superset (mingo 7.2 semantics, checked in __tests__/emulator/db/prefilter.test.ts):
// - `{f: v}` / `$eq` matches a document whose `f` equals `v` (type-strict, Dates by time) or is an array holding an
//   element equal to `v`, at any nesting depth mingo flattens: so every scalar inside an array gets its own entry.
// - `$in` is equality with any listed value; a `null` in the list also matches missing fields, so it is not narrowed.
// - `$gt/$gte/$lt/$lte` compare only values of the same type (number with number, Date with Date); NaN and invalid
//   Dates compare "equal" to everything, so they are kept as entries with a NULL key that every range includes.
// - Strings are narrowed by equality only (SQLite orders UTF-8 bytes, JavaScript UTF-16 units); booleans likewise.
// - Nulls, missing fields, objects, regexes and exotic bson values get no entry, and conditions on them never narrow.
import type { Doc } from './ejson'
import { isPlainObject } from './match'

/** Type tag of an entry: number, string, boolean, date. Values of different tags never match each other. */
export type Tag = 'n' | 's' | 'b' | 'd'

export interface Entry {
  field: string
  tag: Tag
  /** null for NaN numbers and invalid Dates. */
  key: number | string | null
}

/** The typed key of a scalar, or undefined when the value gets no entry. */
function keyOf(v: unknown): { tag: Tag; key: number | string | null } | undefined {
  if (typeof v === 'string') return { tag: 's', key: v }
  if (typeof v === 'number') return { tag: 'n', key: Number.isNaN(v) ? null : v }
  if (typeof v === 'boolean') return { tag: 'b', key: v ? 1 : 0 }
  if (v instanceof Date) {
    const t = v.getTime()
    return { tag: 'd', key: Number.isNaN(t) ? null : t }
  }
  return undefined
}

/** The index entries of a document for the given top-level fields (deduplicated per field). */
export function entriesOf(doc: Doc, fields: readonly string[]): Entry[] {
  const out: Entry[] = []
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(doc, field)) continue
    const seen = new Set<string>()
    const add = (v: unknown, depth: number) => {
      if (Array.isArray(v)) {
        // Deep nesting is pathological; the cap only bounds recursion (deeper scalars are simply not matched by
        // mingo either, which flattens to the query path's depth).
        if (depth < 32) for (const x of v) add(x, depth + 1)
        return
      }
      const k = keyOf(v)
      if (!k) return
      const id = `${k.tag}:${k.key}`
      if (seen.has(id)) return
      seen.add(id)
      out.push({ field, tag: k.tag, key: k.key })
    }
    add(doc[field], 0)
  }
  return out
}

/** A condition the side table can answer: candidates are the documents with at least one matching entry. */
export type Condition =
  | { field: string; kind: 'eq'; tag: Tag; keys: (number | string)[] }
  | { field: string; kind: 'range'; tag: 'n' | 'd'; lo?: number; loOpen?: boolean; hi?: number; hiOpen?: boolean }

/** Key of a query value usable for equality, or undefined (null, NaN, invalid Date, objects, arrays, regexes…). */
function eqKey(v: unknown): { tag: Tag; key: number | string } | undefined {
  const k = keyOf(v)
  if (!k || k.key === null) return undefined
  return k as { tag: Tag; key: number | string }
}

function rangeKey(v: unknown): { tag: 'n' | 'd'; key: number } | undefined {
  const k = eqKey(v)
  if (!k || (k.tag !== 'n' && k.tag !== 'd')) return undefined
  return k as { tag: 'n' | 'd'; key: number }
}

/** Conditions on one field's query value (`v`, `{$eq}`, `{$in}`, ranges, a field-level `$and` of those). */
function fieldConditions(field: string, cond: unknown, out: Condition[]): void {
  if (!isPlainObject(cond)) {
    const k = eqKey(cond)
    if (k) out.push({ field, kind: 'eq', tag: k.tag, keys: [k.key] })
    return
  }
  const ops = Object.keys(cond)
  // A plain object value is whole-document equality; it is not narrowed.
  if (ops.length === 0 || !ops.every((o) => o.startsWith('$'))) return
  if ('$eq' in cond) {
    const k = eqKey(cond.$eq)
    if (k) out.push({ field, kind: 'eq', tag: k.tag, keys: [k.key] })
  }
  if (Array.isArray(cond.$in)) {
    const keys = cond.$in.map(eqKey)
    if (keys.every((k) => k !== undefined)) {
      // Grouped by tag; values of several types need several lookups, which is not worth it: narrow on one type only.
      const tags = new Set(keys.map((k) => k!.tag))
      if (tags.size <= 1) out.push({ field, kind: 'eq', tag: keys[0]?.tag ?? 's', keys: keys.map((k) => k!.key) })
    }
  }
  let range: Extract<Condition, { kind: 'range' }> | undefined
  const bound = (op: string, side: 'lo' | 'hi', open: boolean) => {
    if (!(op in cond)) return
    const k = rangeKey(cond[op])
    if (!k) return
    if (range && range.tag !== k.tag) return
    range ??= { field, kind: 'range', tag: k.tag }
    if (side === 'lo') {
      if (range.lo === undefined || k.key > range.lo || (k.key === range.lo && open))
        Object.assign(range, { lo: k.key, loOpen: open })
    } else if (range.hi === undefined || k.key < range.hi || (k.key === range.hi && open))
      Object.assign(range, { hi: k.key, hiOpen: open })
  }
  bound('$gt', 'lo', true)
  bound('$gte', 'lo', false)
  bound('$lt', 'hi', true)
  bound('$lte', 'hi', false)
  if (range) out.push(range)
  if (Array.isArray(cond.$and)) for (const sub of cond.$and) fieldConditions(field, sub, out)
}

/**
 * Every condition of `query` on an indexed top-level field that the side table can answer. All of them must hold
 * for a document to match (top-level fields and `$and` members are conjunctions), so any one of them narrows.
 */
export function conditionsOf(query: unknown, fields: ReadonlySet<string>): Condition[] {
  const out: Condition[] = []
  const visit = (q: unknown) => {
    if (!isPlainObject(q)) return
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) v.forEach(visit)
      else if (fields.has(k)) fieldConditions(k, v, out)
    }
  }
  visit(query)
  // The client library sends `_.gte(a).and(_.lte(b))` as two top-level `$and` members: both must hold, so ranges on
  // one field and type are intersected into one.
  const merged: Condition[] = []
  const ranges = new Map<string, Extract<Condition, { kind: 'range' }>>()
  for (const c of out) {
    if (c.kind !== 'range') {
      merged.push(c)
      continue
    }
    const id = `${c.field}\u0000${c.tag}`
    const r = ranges.get(id)
    if (!r) {
      const copy = { ...c }
      ranges.set(id, copy)
      merged.push(copy)
      continue
    }
    if (c.lo !== undefined && (r.lo === undefined || c.lo > r.lo || (c.lo === r.lo && c.loOpen)))
      Object.assign(r, { lo: c.lo, loOpen: c.loOpen })
    if (c.hi !== undefined && (r.hi === undefined || c.hi < r.hi || (c.hi === r.hi && c.hiOpen)))
      Object.assign(r, { hi: c.hi, hiOpen: c.hiOpen })
  }
  return merged
}

/** Top-level field names of a collection's declared indexes (dotted paths are not narrowed). */
export function indexedFields(specs: readonly { keys: Record<string, unknown> }[] | undefined): string[] {
  const out = new Set<string>()
  for (const s of specs ?? [])
    for (const f of Object.keys(s.keys)) if (f !== '_id' && !f.includes('.') && !f.startsWith('$')) out.add(f)
  return [...out].sort()
}
