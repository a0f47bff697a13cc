// The document actions of the CloudBase database API, answered against a View (the store, or the
// store seen through a transaction). Result shapes are the `data` the library unpacks at each call site.
import { randomBytes } from 'crypto'
import { update as applyUpdate } from 'mingo'
import { Doc, cloneDoc, decodeRequest, encode } from './ejson'
import { collectionNotExist, duplicateKey, requestFailed } from './errors'
import { findDocs, filterDocs, isPlainObject } from './match'
import { keyOf } from './store'
import { pinnedKeys, type View } from './view'

/** A cloud function's `get()` returns 100 documents when no limit is given… */
export const GET_LIMIT = 100
/** …and at most 1000 with `limit()` ("limit 在云函数端默认及最大上限为 1000"; README, Modelled behaviours). */
export const GET_MAX_LIMIT = 1000

export type Params = Record<string, unknown>

function collectionOf(params: Params): string {
  const name = params.collectionName
  if (typeof name !== 'string' || name === '') throw requestFailed('collectionName is required')
  return name
}

function decodeObject(text: unknown, now: () => Date): Record<string, unknown> {
  const v = decodeRequest(typeof text === 'string' ? text : undefined, now)
  return isPlainObject(v) ? v : {}
}

function requireCollection(view: View, collection: string): void {
  if (!view.exists(collection)) throw collectionNotExist(collection)
}

/** CloudBase-style document id: 32 hex characters. */
export function newDocId(): string {
  return randomBytes(16).toString('hex')
}

function withId(id: unknown, data: Record<string, unknown>): Doc {
  // Stored documents start with `_id`, as the server returns them.
  const { _id: _ignored, ...rest } = data
  return { _id: id, ...rest }
}

function matching(view: View, collection: string, query: unknown): Doc[] {
  return filterDocs(
    view.candidates(collection, query).map((r) => r.doc),
    query,
  )
}

/** `{_id: v}`, `{_id: {$eq: v}}` or `{_id: {$in: [...]}}` and nothing else: the key lookup is the whole answer. */
function onlyPinsId(query: Record<string, unknown>): boolean {
  if (Object.keys(query).length !== 1 || !pinnedKeys(query)) return false
  const c = query._id
  if (!isPlainObject(c)) return true
  const ops = Object.keys(c)
  return ops.length === 1 && (ops[0] === '$eq' || ops[0] === '$in')
}

export function getDocument(view: View, params: Params, now: () => Date): { list: string[] } {
  const collection = collectionOf(params)
  requireCollection(view, collection)
  const query = decodeObject(params.query, now)
  const order = decodeObject(params.order, now) as Record<string, 1 | -1>
  const projection = decodeObject(params.projection, now)
  const requested = Math.min(
    typeof params.limit === 'number' && params.limit > 0 ? params.limit : GET_LIMIT,
    GET_MAX_LIMIT,
  )
  const offset = typeof params.offset === 'number' ? params.offset : 0
  if (onlyPinsId(query) && Object.keys(order).length === 0 && Object.keys(projection).length === 0) {
    // Only `_id` pinned (the `doc(id).get()` and `where({_id}).get()` of every function): the rows read by key are
    // exactly the matches, in natural order, so mingo has nothing left to do.
    const docs = view.candidates(collection, query).map((r) => r.doc)
    return { list: docs.slice(offset, offset + requested).map((d) => encode(d)) }
  }
  const docs = findDocs(
    view.candidates(collection, query).map((r) => r.doc),
    query,
    {
      order,
      offset,
      limit: requested,
      projection,
    },
  )
  return { list: docs.map((d) => encode(d)) }
}

export function calculateDocument(view: View, params: Params, now: () => Date): { total: number } {
  const collection = collectionOf(params)
  requireCollection(view, collection)
  return { total: matching(view, collection, decodeObject(params.query, now)).length }
}

export function insertDocument(view: View, params: Params, now: () => Date): { insertedIds: unknown[] } {
  const collection = collectionOf(params)
  const texts = Array.isArray(params.data) ? params.data : [params.data]
  // Production refuses writes to a collection nobody created (-502005): deploy and seed create the manifest's.
  requireCollection(view, collection)
  const insertedIds: unknown[] = []
  for (const text of texts) {
    const data = decodeObject(text, now)
    const id = data._id ?? newDocId()
    const key = keyOf(id)
    if (view.get(collection, key)) throw duplicateKey(collection, '_id_', { _id: id })
    view.put(collection, key, withId(id, data), false)
    insertedIds.push(id)
  }
  return { insertedIds }
}

function hasOperators(data: Record<string, unknown>): boolean {
  return Object.keys(data).some((k) => k.startsWith('$'))
}

function valueAt(doc: Doc, path: string): unknown {
  let v: unknown = doc
  for (const part of path.split('.')) {
    if (!isPlainObject(v)) return undefined
    v = v[part]
  }
  return v
}

const NUMERIC_OPS = ['$inc', '$mul']
const ARRAY_OPS = ['$push', '$pull', '$pullAll', '$addToSet', '$pop']

/** MongoDB refuses these where mingo would silently skip them; a silent no-op would hide bugs. */
function checkOperandTypes(doc: Doc, ops: Record<string, unknown>): void {
  for (const op of [...NUMERIC_OPS, ...ARRAY_OPS]) {
    const fields = ops[op]
    if (!isPlainObject(fields)) continue
    for (const path of Object.keys(fields)) {
      const current = valueAt(doc, path)
      if (current === undefined) continue
      if (NUMERIC_OPS.includes(op) && typeof current !== 'number') {
        throw requestFailed(
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type`,
        )
      }
      if (ARRAY_OPS.includes(op) && !Array.isArray(current)) {
        throw requestFailed(
          `The field '${path}' must be an array but is of type ${current === null ? 'null' : typeof current} in document {_id: ${JSON.stringify(doc._id)}}`,
        )
      }
    }
  }
}

/** Applies Mongo update operators to a copy; null when nothing changed (Mongo's nModified = 0). */
function updatedCopy(doc: Doc, ops: Record<string, unknown>): Doc | null {
  checkOperandTypes(doc, ops)
  const copy = cloneDoc(doc)
  let changed: string[]
  try {
    changed = applyUpdate(copy, ops as Parameters<typeof applyUpdate>[1])
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e))
  }
  return changed.length > 0 ? copy : null
}

export function modifyDocument(view: View, params: Params, now: () => Date): { updated: number; upsert_id?: unknown } {
  const collection = collectionOf(params)
  const query = decodeObject(params.query, now)
  const data = decodeObject(params.data, now)

  if (params.merge === false) {
    // doc(id).set(): replace the whole document (except _id), creating it when absent.
    const id = query._id
    if (id === undefined) throw requestFailed('set() needs a document id')
    requireCollection(view, collection)
    const key = keyOf(id)
    const existing = view.get(collection, key)
    const next = withId(id, data)
    if (existing) {
      if (encode(existing) === encode(next)) return { updated: 0 }
      view.put(collection, key, next, true)
      return { updated: 1 }
    }
    if (!params.upsert) return { updated: 0 }
    view.put(collection, key, next, false)
    return { updated: 0, upsert_id: id }
  }

  requireCollection(view, collection)
  const ops = hasOperators(data) ? data : { $set: data }
  let targets = matching(view, collection, query)
  if (params.multi === false) targets = targets.slice(0, 1)
  let updated = 0
  for (const doc of targets) {
    const next = updatedCopy(doc, ops)
    if (!next) continue
    view.put(collection, keyOf(doc._id), next, true)
    updated++
  }
  return { updated }
}

export function modifyAndReturnDoc(
  view: View,
  params: Params,
  now: () => Date,
): { updated: number; doc: string | null } {
  const collection = collectionOf(params)
  requireCollection(view, collection)
  const data = decodeObject(params.data, now)
  const ops = hasOperators(data) ? data : { $set: data }
  const [target] = matching(view, collection, decodeObject(params.query, now))
  if (!target) return { updated: 0, doc: null }
  const next = updatedCopy(target, ops)
  if (next) view.put(collection, keyOf(target._id), next, true)
  return { updated: next ? 1 : 0, doc: encode(next ?? target) }
}

export function removeDocument(view: View, params: Params, now: () => Date): { deleted: number } {
  const collection = collectionOf(params)
  requireCollection(view, collection)
  let targets = matching(view, collection, decodeObject(params.query, now))
  if (params.multi === false) targets = targets.slice(0, 1)
  for (const doc of targets) view.remove(collection, keyOf(doc._id))
  return { deleted: targets.length }
}
