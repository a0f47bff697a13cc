// aggregate(): the pipeline runs in mingo over the collection's documents, `$lookup` resolving other
// collections from the same store.
import { Aggregator } from 'mingo'
import { Doc, cloneDoc, decodeRequest, encode } from './ejson'
import { collectionNotExist, requestFailed } from './errors'
import { filterDocs, isPlainObject } from './match'
import type { Params } from './operations'
import type { SqliteStore } from './store'
import { DirectView } from './view'

/** Without a `$limit` stage, aggregate() returns at most 20 documents, as in production. */
export const AGGREGATE_DEFAULT_LIMIT = 20

export function aggregateDocuments(store: SqliteStore, params: Params): { list: string[] } {
  const collection = typeof params.collectionName === 'string' ? params.collectionName : ''
  if (!store.hasCollection(collection)) throw collectionNotExist(collection)
  const rawStages = Array.isArray(params.stages) ? (params.stages as { stageKey: string; stageValue: string }[]) : []
  const pipeline = rawStages.map(s => ({ [s.stageKey]: decodeRequest(s.stageValue, store.now) }) as Record<string, unknown>)

  // Leading $match stages only read, so they run on the shared cached documents (using the _id key
  // path when they pin it); only the survivors are copied, because later stages may mutate in place.
  const view = new DirectView(store)
  let docs: Doc[] | undefined
  while (pipeline.length > 0 && '$match' in pipeline[0]) {
    const query = pipeline.shift()!.$match
    docs = filterDocs(docs ?? view.candidates(collection, query).map(r => r.doc), query)
  }
  const input = (docs ?? view.candidates(collection, {}).map(r => r.doc)).map(d => cloneDoc(d))

  const hasLimit = rawStages.some(s => s.stageKey === '$limit')
  let out: Doc[]
  try {
    out = new Aggregator(pipeline, {
      collectionResolver: (name: string) =>
        store.hasCollection(name) ? store.scan(name).map(r => cloneDoc(r.doc)) : [],
    }).run<Doc>(input)
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e))
  }
  if (!hasLimit) out = out.slice(0, AGGREGATE_DEFAULT_LIMIT)
  return { list: out.map(d => encode(isPlainObject(d) ? d : { value: d })) }
}
