// aggregate(): the pipeline runs in mingo over the collection's documents, `$lookup` resolving other
// collections from the same store.
import { Aggregator } from 'mingo'
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
  const input = safe ? docs : docs.map((d) => cloneDoc(d))

  const hasLimit = rawStages.some((s) => s.stageKey === '$limit')
  for (const s of rawStages) {
    if (s.stageKey !== '$limit') continue
    const n = Number(decodeRequest(s.stageValue, store.now))
    if (!(n > 0) || n > AGGREGATE_MAX_LIMIT)
      throw new DbError('INVALID_PARAM', `aggregate limit must be between 1 and ${AGGREGATE_MAX_LIMIT}, got ${n}`)
  }
  let out: Doc[]
  try {
    out = new Aggregator(pipeline, {
      collectionResolver: (name: string) =>
        store.hasCollection(name) ? store.scan(name).map((r) => cloneDoc(r.doc)) : [],
    }).run<Doc>(input)
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e))
  }
  if (!hasLimit) out = out.slice(0, AGGREGATE_DEFAULT_LIMIT)
  return { list: out.map((d) => encode(isPlainObject(d) ? d : { value: d })) }
}
