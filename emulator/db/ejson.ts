// Wire and storage encoding. The library sends queries, updates and documents as canonical EJSON
// (bson 4.x, the copy @cloudbase/database itself requires) and parses every document we return
// with EJSON.parse, so we speak the same dialect and store documents in it (Dates round-trip).
import { createRequire } from 'module'
import type * as BsonModule from 'bson'

const requireFromDatabase = createRequire(require.resolve('@cloudbase/database'))
const bson = requireFromDatabase('bson') as typeof BsonModule
const { EJSON } = bson

export type Doc = Record<string, unknown>

// Stored text of documents the store hands out (decoded or written by it). Those objects are shared and never
// mutated, so their text stays true and a response can reuse it instead of encoding the document again.
const storedText = new WeakMap<object, string>()

/** Records the canonical text of a shared, never-mutated document (store use only). */
export function rememberText(doc: Doc, text: string): void {
  storedText.set(doc, text)
}

/** Canonical EJSON text of a value (Dates as $date, numbers typed), as stored and as sent back. */
export function encode(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const known = storedText.get(value)
    if (known !== undefined) return known
  }
  const fast = fastCanonical(value, 0)
  return fast === BAIL ? EJSON.stringify(value as BsonModule.Document, { relaxed: false }) : JSON.stringify(fast)
}

/** Parses stored document text: plain JS numbers, Dates, bson objects for the rare exotic types. */
export function decodeStored(text: string): Doc {
  const parsed = JSON.parse(text) as unknown
  const fast = fastRelaxed(parsed, 0)
  return (fast === BAIL ? EJSON.parse(text) : fast) as Doc
}

// Decoding and encoding dominate scans and responses, and bson's EJSON goes through a reviver/replacer for every
// value. Documents hold plain values, numbers and Dates almost always, so those are converted here exactly as
// bson 4.7 does (relaxed parse, canonical stringify; compared in __tests__/emulator/db/ejson.test.ts) and anything
// else falls back to EJSON itself.
const BAIL = Symbol('bail')
const INT32_MIN = -0x80000000
const INT32_MAX = 0x7fffffff
const INT64_MIN = -(2 ** 63)
const INT64_MAX = 2 ** 63
const MAX_DEPTH = 100

function fastCanonical(v: unknown, depth: number): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v
  // bson writes undefined as null, in documents and arrays alike.
  if (v === undefined) return null
  if (typeof v === 'number') {
    // bson: an integer is written as the smallest BSON integer type holding it exactly, anything else as a double.
    if (Math.floor(v) === v) {
      if (v >= INT32_MIN && v <= INT32_MAX) return { $numberInt: v.toString() }
      if (v >= INT64_MIN && v <= INT64_MAX) return { $numberLong: v.toString() }
    }
    return { $numberDouble: v.toString() }
  }
  if (depth > MAX_DEPTH || typeof v !== 'object') return BAIL
  if (Array.isArray(v)) {
    const out = new Array(v.length)
    for (let i = 0; i < v.length; i++) {
      const x = fastCanonical(v[i], depth + 1)
      if (x === BAIL) return BAIL
      out[i] = x
    }
    return out
  }
  if (v instanceof Date) {
    const t = v.getTime()
    return Number.isNaN(t) ? BAIL : { $date: { $numberLong: t.toString() } }
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return BAIL
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v)) {
    if (k === '_bsontype' || k === '__proto__' || k === 'toJSON') return BAIL
    const x = fastCanonical((v as Record<string, unknown>)[k], depth + 1)
    if (x === BAIL) return BAIL
    out[k] = x
  }
  return out
}

/** Converts parsed canonical EJSON in place into relaxed values; BAIL for anything but numbers and Dates. */
function fastRelaxed(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== 'object') return v
  if (depth > MAX_DEPTH) return BAIL
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]
      if (x !== null && typeof x === 'object') {
        const y = fastRelaxed(x, depth + 1)
        if (y === BAIL) return BAIL
        v[i] = y
      }
    }
    return v
  }
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
  if (keys.length === 1 && keys[0].charCodeAt(0) === 36 /* $ */) {
    const k = keys[0]
    const x = o[k]
    if (k === '$numberInt' && typeof x === 'string') return parseInt(x, 10)
    if (k === '$numberDouble' && typeof x === 'string') return parseFloat(x)
    if (k === '$numberLong' && typeof x === 'string') return safeLong(x)
    if (k === '$date' && x !== null && typeof x === 'object') {
      const inner = x as Record<string, unknown>
      const ik = Object.keys(inner)
      if (ik.length === 1 && ik[0] === '$numberLong' && typeof inner.$numberLong === 'string') {
        const t = safeLong(inner.$numberLong)
        if (t !== BAIL) return new Date(t as number)
      }
    }
    return BAIL
  }
  for (const k of keys) {
    if (k.charCodeAt(0) === 36 || k === '__proto__' || k.includes('\u0000')) return BAIL
    const x = o[k]
    if (x !== null && typeof x === 'object') {
      const y = fastRelaxed(x, depth + 1)
      if (y === BAIL) return BAIL
      o[k] = y
    }
  }
  return o
}

/** A $numberLong as bson's relaxed parse gives it (Long → number); beyond 2^53 bson's rounding is left to bson. */
function safeLong(s: string): number | typeof BAIL {
  if (!/^(0|-?[1-9]\d{0,14})$/.test(s)) return BAIL
  return Number(s)
}

/**
 * Parses a request payload (query, update, document, stage) and resolves what the backend resolves:
 * `{$tcb_server_date:{offset}}` becomes the server's time plus offset, bson regexes become RegExp
 * so that mingo can match them.
 */
export function decodeRequest(text: string | undefined, now: () => Date): unknown {
  if (text === undefined || text === '') return undefined
  return resolveSpecials(EJSON.parse(text), now)
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

// JS RegExp knows i, m, s, u; Mongo's x (extended) has no JS counterpart and is dropped.
const JS_REGEX_FLAGS = /[imsu]/g

export function resolveSpecials(value: unknown, now: () => Date): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveSpecials(v, now))
  if (value instanceof bson.BSONRegExp) {
    return new RegExp(value.pattern, (value.options.match(JS_REGEX_FLAGS) ?? []).join(''))
  }
  if (!isPlainObject(value)) return value
  const serverDate = value.$tcb_server_date
  if (serverDate !== undefined && Object.keys(value).length === 1) {
    const offset = isPlainObject(serverDate) && typeof serverDate.offset === 'number' ? serverDate.offset : 0
    return new Date(now().getTime() + offset)
  }
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) out[key] = resolveSpecials(value[key], now)
  return out
}

/**
 * Deep copy of a decoded document. Cached documents are shared between requests and must never be
 * mutated, so every update works on a copy. Dates are copied; bson value objects are immutable and kept.
 */
export function cloneDoc<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneDoc(v)) as unknown as T
  if (value instanceof Date) return new Date(value.getTime()) as unknown as T
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) out[key] = cloneDoc(value[key])
  return out as T
}
