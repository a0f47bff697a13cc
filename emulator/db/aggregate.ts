// aggregate(): the pipeline runs in mingo over the collection's documents, `$lookup` resolving other
// collections from the same store.
import { Aggregator } from 'mingo'
import { tieOrderFor } from './tie-order'
import { Doc, cloneDoc, decodeRequest, encode } from './ejson'
import { DbError, collectionNotExist, requestFailed } from './errors'
import { filterDocs, isPlainObject } from './match'
import type { Params } from './operations'
import type { SqliteStore } from './store'
import { DirectView } from './view'

// Stages that, in mingo 7, build new output objects and leave their input documents untouched
// (checked when this was written; $addFields/$set on a dotted path write into the input in place).
// When every stage is one of these, the shared cached documents can be fed in without copying.
const NON_MUTATING_STAGES = new Set([
  '$match',
  '$group',
  '$count',
  '$sort',
  '$limit',
  '$skip',
  '$sortByCount',
  '$project',
  '$bucket',
  '$bucketAuto',
  '$sample',
  '$unwind',
  '$replaceRoot',
  '$replaceWith',
])

/** Without a `$limit` stage, aggregate() returns at most 20 documents, as in production. */
export const AGGREGATE_DEFAULT_LIMIT = 20
/**
 * The largest `$limit` accepted. The aggregate docs name no maximum; a cloud function's query is documented as capped
 * at 1000 and community reports for aggregate vary, so the local cloud refuses more than 1000 (stricter: code that
 * pages in 1000s works on either). README, Modelled behaviours.
 */
export const AGGREGATE_MAX_LIMIT = 1000

/** The largest result document an aggregation may return (MongoDB's BSON document limit). */
export const AGGREGATE_MAX_DOC_BYTES = 16 * 1024 * 1024

export function aggregateDocuments(store: SqliteStore, params: Params): { list: string[] } {
  const collection = typeof params.collectionName === 'string' ? params.collectionName : ''
  if (!store.hasCollection(collection)) throw collectionNotExist(collection)
  const rawStages = Array.isArray(params.stages) ? (params.stages as { stageKey: string; stageValue: string }[]) : []
  const pipeline = rawStages.map(
    (s) => ({ [s.stageKey]: decodeRequest(s.stageValue, store.now) }) as Record<string, unknown>,
  )

  // Leading $match stages only read, so they run on the shared cached documents (using the _id key
  // path when they pin it); the survivors are copied only if a later stage may mutate in place.
  const view = new DirectView(store)
  let docs: Doc[] | undefined
  while (pipeline.length > 0 && '$match' in pipeline[0]) {
    const query = pipeline.shift()!.$match
    docs = filterDocs(docs ?? view.candidates(collection, query).map((r) => r.doc), query)
  }
  docs ??= view.candidates(collection, {}).map((r) => r.doc)
  const safe = pipeline.every((stage) => Object.keys(stage).every((k) => NON_MUTATING_STAGES.has(k)))
  const input = tieOrderFor(safe ? docs : docs.map((d) => cloneDoc(d)), skipAfterSort(pipeline))

  const hasLimit = rawStages.some((s) => s.stageKey === '$limit')
  for (const s of rawStages) {
    if (s.stageKey !== '$limit') continue
    const n = Number(decodeRequest(s.stageValue, store.now))
    if (!(n > 0) || n > AGGREGATE_MAX_LIMIT)
      throw new DbError('INVALID_PARAM', `aggregate limit must be between 1 and ${AGGREGATE_MAX_LIMIT}, got ${n}`)
  }
  const narrowed = lookupNarrowing(pipeline, docs)
  const resolved = new Map<string, Doc[]>()
  const resolver = (name: string) => {
    if (!store.hasCollection(name)) return []
    // Read once per request (nothing writes while it runs); each use gets its own copies, as stages may mutate.
    let rows = resolved.get(name)
    if (!rows) {
      const query = narrowed.get(name)
      rows = (query ? view.candidates(name, query) : store.scan(name)).map((r) => r.doc)
      resolved.set(name, rows)
    }
    return rows.map((d) => cloneDoc(d))
  }
  let out: Doc[]
  try {
    // An equality `$lookup` runs on its own, once the stages before it have run: the values it joins on are then
    // known exactly (a page's 20 rows, a key computed by `addFields`), so only the documents carrying them are read.
    // A local-only speed-up, never a change of answer: mingo still does the join, over a superset of what matches.
    out = input
    let segment: Record<string, unknown>[] = []
    const flush = () => {
      if (segment.length) out = new Aggregator(segment, { collectionResolver: resolver }).run<Doc>(out)
      segment = []
    }
    for (const stage of pipeline) {
      const join = joinedValues(stage)
      if (!join) {
        segment.push(stage)
        continue
      }
      flush()
      const values = out.flatMap((d) => {
        const v = join.localField.split('.').reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), d)
        return Array.isArray(v) ? v : [v]
      })
      // Null or missing local values (which join documents lacking the field) and compound ones: read it all. So
      // too past a page's worth of values (a join after a grouping of thousands): matching each foreign document
      // against a long `$in` list costs more than mingo's own hash join over the whole collection.
      const distinct = new Set(values)
      if (distinct.size > NARROW_MAX_VALUES || !values.every((v) => typeof v === 'string' || typeof v === 'number')) {
        segment.push(stage)
        continue
      }
      const query = { [join.foreignField]: { $in: [...distinct] } }
      const rows =
        values.length && store.hasCollection(join.from)
          ? filterDocs(
              view.candidates(join.from, query).map((r) => r.doc),
              query,
            )
          : []
      out = new Aggregator([stage], {
        collectionResolver: (name: string) => (name === join.from ? rows.map((d) => cloneDoc(d)) : resolver(name)),
      }).run<Doc>(out)
    }
    flush()
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e))
  }
  if (!hasLimit) out = out.slice(0, AGGREGATE_DEFAULT_LIMIT)
  const list = out.map((d) => encode(isPlainObject(d) ? d : { value: d }))
  // Each result document is held to MongoDB's 16 MB document limit (code that folds a grouping into one document must
  // stay under it); the encoded text stands in for its BSON size (README, "Modelled behaviours").
  for (const text of list)
    if (text.length > AGGREGATE_MAX_DOC_BYTES)
      throw requestFailed(`BSONObj size: ${text.length} is invalid. Size must be between 0 and 16793600(16MB)`)
  return { list }
}

/** The rows a pipeline skips after its first $sort (0 without one): ties then come in their own order (tie-order.ts). */
function skipAfterSort(pipeline: Record<string, unknown>[]): number {
  const sortAt = pipeline.findIndex((stage) => '$sort' in stage)
  if (sortAt < 0) return 0
  const skip = pipeline.slice(sortAt + 1).find((stage) => '$skip' in stage)
  return skip ? Number(skip.$skip) || 0 : 0
}

/** Stages that keep their input documents' fields as they are (they only drop or reorder documents). */
const KEEPS_FIELDS = new Set(['$limit', '$skip', '$sort'])

/** The most distinct local values a join is narrowed to (a list page is at most 100 rows). */
const NARROW_MAX_VALUES = 100

/** A top-level equality `$lookup` (`from`, `localField`, `foreignField`, no `pipeline`), or null for any other stage. */
function joinedValues(
  stage: Record<string, unknown>,
): { from: string; localField: string; foreignField: string } | null {
  const spec = stage.$lookup
  if (!isPlainObject(spec) || spec.pipeline !== undefined) return null
  const { from, localField, foreignField } = spec
  if (typeof from !== 'string' || typeof localField !== 'string' || typeof foreignField !== 'string') return null
  return { from, localField, foreignField }
}

/**
 * Which documents each `$lookup` needs from the collection it joins, where that is known before running: a local-only
 * speed-up (the join of a 2,000-member benchmark read every attempt for every submit), never a change of answer —
 * the query found is a superset of what the stage joins, and mingo still matches. Known for a collection joined once
 * in the whole pipeline, at the top level:
 * - equality form (`localField`/`foreignField`) reached only through stages that keep the input's fields: the
 *   foreign documents whose `foreignField` is one of the input's local values (arrays give each element);
 * - `pipeline` form whose first stage is a `$match`: its conditions other than `$expr` (which alone may use `let`
 *   variables) do not depend on the input document.
 * Any other join of a collection (nested, repeated, after a reshaping stage, null or compound values) reads it whole.
 */
function lookupNarrowing(pipeline: Record<string, unknown>[], input: Doc[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>()
  const joins = new Map<string, number>()
  const countJoins = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(countJoins)
    else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$lookup' && isPlainObject(x) && typeof x.from === 'string')
          joins.set(x.from, (joins.get(x.from) ?? 0) + 1)
        countJoins(x)
      }
    }
  }
  countJoins(pipeline)
  const added = new Set<string>()
  let fieldsKept = true
  for (const stage of pipeline) {
    const [name] = Object.keys(stage)
    const spec = stage.$lookup
    if (name !== '$lookup' || !isPlainObject(spec)) {
      if (!KEEPS_FIELDS.has(name)) fieldsKept = false
      continue
    }
    const from = spec.from
    if (typeof from !== 'string' || joins.get(from) !== 1) continue
    const { localField, foreignField } = spec
    if (typeof localField === 'string' && typeof foreignField === 'string' && !spec.pipeline) {
      const path = localField.split('.')
      if (fieldsKept && !added.has(path[0])) {
        const values = input.flatMap((d) => {
          const v = path.reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), d)
          return Array.isArray(v) ? v : [v]
        })
        if (values.every((v) => typeof v === 'string' || typeof v === 'number'))
          out.set(from, { [foreignField]: { $in: [...new Set(values)] } })
      }
    } else if (
      Array.isArray(spec.pipeline) &&
      isPlainObject(spec.pipeline[0]) &&
      isPlainObject(spec.pipeline[0].$match)
    ) {
      const { $expr: _expr, ...constant } = spec.pipeline[0].$match
      if (Object.keys(constant).length) out.set(from, constant)
    }
    if (typeof spec.as === 'string') added.add(spec.as.split('.')[0])
  }
  return out
}
