// Wire and storage encoding. The library sends queries, updates and documents as canonical EJSON
// (bson 4.x, the copy @cloudbase/database itself requires) and parses every document we return
// with EJSON.parse, so we speak the same dialect and store documents in it (Dates round-trip).
import { createRequire } from 'module'
import type * as BsonModule from 'bson'

const requireFromDatabase = createRequire(require.resolve('@cloudbase/database'))
const bson = requireFromDatabase('bson') as typeof BsonModule
const { EJSON } = bson

export type Doc = Record<string, unknown>

/** Canonical EJSON text of a value (Dates as $date, numbers typed), as stored and as sent back. */
export function encode(value: unknown): string {
  return EJSON.stringify(value as BsonModule.Document, { relaxed: false })
}

/** Parses stored document text: plain JS numbers, Dates, bson objects for the rare exotic types. */
export function decodeStored(text: string): Doc {
  return EJSON.parse(text) as Doc
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
  if (Array.isArray(value)) return value.map(v => resolveSpecials(v, now))
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
  if (Array.isArray(value)) return value.map(v => cloneDoc(v)) as unknown as T
  if (value instanceof Date) return new Date(value.getTime()) as unknown as T
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) out[key] = cloneDoc(value[key])
  return out as T
}
