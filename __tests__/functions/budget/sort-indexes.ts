// Which sorted reads a function sends, and whether an index of the manifest (cloudfunctions/_shared/indexes.ts) gives
// their order, so the database never sorts a large collection in memory.
//
// The rule is the platform's. WeChat 云开发 索引管理 (developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/
// guide/database/index.md; docs.cloudbase.net/database/data-index): a composite index is hit by conditions on its
// prefix, field order matters, and a sort on several fields hits an index only in the index's directions or all of
// them reversed ("A 升序 B 降序 … 可以指定排序结果为 A 升序 B 降序或 A 降序 B 升序，但不能指定为 A 升序 B 升序"). The
// database is MongoDB underneath, whose manual adds what a sort after equality conditions needs ("Use Indexes to Sort
// Query Results", mongodb.com/docs/manual/tutorial/sort-results-with-indexes/: the sort keys follow the index's
// equality-matched prefix, in order, same or reversed directions; otherwise a blocking in-memory sort, which fails
// past its memory limit). A sort that ends on `_id` (every paged list's tie-break, emulator/db/tie-order.ts) needs
// `_id` in the index after the sort fields; a sort on `_id` alone is given by the `_id` index every collection has.
import { decodeRequest } from '../../../emulator/db/ejson'
import { INDEXES, type IndexSpec } from '../../../cloudfunctions/_shared/indexes'

export interface SortedRead {
  collection: string
  /** Fields the read pins to one value (or a short list): an index's prefix may be made of them. */
  equal: string[]
  /**
   * The branches of each `$or` of the read (top level or inside `$and`), each branch's own equal fields. MongoDB plans
   * each branch of an `$or` on its own index and merges them in sort order, so a read with an `$or` is also given its
   * order when every branch of one of them is (with the read's other equal fields).
   */
  alternatives: string[][][]
  /** Sort fields computed by the aggregation itself (`addFields`): no index can hold them. */
  computed: string[]
  /** The order asked, field by field. */
  sort: Array<[string, 1 | -1]>
  /** How the function asked: a query's orderBy, or an aggregation's first $sort on the collection's documents. */
  via: 'get' | 'aggregate'
}

const now = () => new Date(0)
const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)

/** The top-level fields a condition holds equal (a value, `$eq`, or `$in`: MongoDB merges a short `$in` in order). */
function equalFields(query: unknown): string[] {
  if (!isObject(query)) return []
  const out: string[] = []
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) out.push(...cond.flatMap(equalFields))
    else if (field.startsWith('$')) continue
    else if (!isObject(cond)) out.push(field)
    else if (Object.keys(cond).every((op) => op === '$eq' || op === '$in')) out.push(field)
  }
  return out
}

/** Each `$or` of a condition (top level or inside `$and`) as its branches' equal fields. */
function orsOf(query: unknown): string[][][] {
  if (!isObject(query)) return []
  const out: string[][][] = []
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) out.push(...cond.flatMap(orsOf))
    else if (field === '$or' && Array.isArray(cond)) out.push(cond.map(equalFields))
  }
  return out
}

/** Fields an `$addFields` / `$set` / `$project` stage computes (anything but keeping or dropping a field). */
function computedBy(stage: unknown): string[] {
  if (!isObject(stage)) return []
  return Object.entries(stage)
    .filter(([, v]) => !(v === 0 || v === 1 || v === true || v === false))
    .map(([k]) => k)
}

/** Stages MongoDB moves a following $sort ahead of (they neither drop nor reorder the collection's documents). */
const SORT_PASSES = new Set(['$project', '$addFields', '$set'])

/** The sorted read a database request makes of a collection's own documents, or null (none, or a sort of results). */
export function sortedReadOf(action: string, params: Record<string, unknown> | undefined): SortedRead | null {
  const collection = typeof params?.collectionName === 'string' ? params.collectionName : ''
  if (!collection) return null
  if (action === 'database.getDocument') {
    const order = decodeRequest(params!.order as string | undefined, now)
    if (!isObject(order) || !Object.keys(order).length) return null
    const query = decodeRequest(params!.query as string | undefined, now)
    return {
      collection,
      equal: equalFields(query),
      alternatives: orsOf(query),
      computed: [],
      sort: Object.entries(order).map(([f, d]) => [f, d === -1 ? -1 : 1]),
      via: 'get',
    }
  }
  if (action === 'database.aggregateDocuments' && Array.isArray(params!.stages)) {
    const stages = (params!.stages as Array<{ stageKey: string; stageValue: string }>).map((s) => ({
      key: s.stageKey,
      value: decodeRequest(s.stageValue, now),
    }))
    const equal: string[] = []
    const alternatives: string[][][] = []
    const computed: string[] = []
    for (const s of stages) {
      if (s.key === '$match') {
        equal.push(...equalFields(s.value))
        alternatives.push(...orsOf(s.value))
      } else if (s.key === '$sort' && isObject(s.value)) {
        const sort = Object.entries(s.value).map(([f, d]) => [f, d === -1 ? -1 : 1] as [string, 1 | -1])
        return {
          collection,
          equal,
          alternatives,
          computed: sort.map(([f]) => f).filter((f) => computed.includes(f)),
          sort,
          via: 'aggregate',
        }
      } else if (SORT_PASSES.has(s.key)) computed.push(...computedBy(s.value))
      else return null
    }
  }
  return null
}

/** The manifest's index that gives this read its order, `_id` for a sort on `_id` alone, or null: an in-memory sort. */
export function indexFor(read: SortedRead, indexes: Record<string, IndexSpec[]> = INDEXES): string | null {
  if (read.computed.length) return null
  const plain = indexForEqual(read.collection, read.equal, read.sort, indexes)
  if (plain) return plain
  for (const branches of read.alternatives) {
    const each = branches.map((b) => indexForEqual(read.collection, [...read.equal, ...b], read.sort, indexes))
    if (each.every((x) => !!x)) return [...new Set(each)].join(' + ')
  }
  return null
}

function indexForEqual(
  collection: string,
  equal: string[],
  wanted: Array<[string, 1 | -1]>,
  indexes: Record<string, IndexSpec[]>,
): string | null {
  const read = { collection, equal }
  // A field held to one value sorts nothing.
  const sort = wanted.filter(([f]) => !read.equal.includes(f))
  if (!sort.length) return 'no sort left'
  if (sort.length === 1 && sort[0][0] === '_id') return '_id_'
  for (const spec of indexes[read.collection] ?? []) {
    const keys = Object.entries(spec.keys)
    for (let p = 0; p + sort.length <= keys.length; p++) {
      // keys[0..p) are held equal by the read; keys[p..] are the sort, in order, all the same way or all reversed.
      if (p > 0 && !read.equal.includes(keys[p - 1][0])) break
      const window = keys.slice(p, p + sort.length)
      if (!window.every(([f], i) => f === sort[i][0])) continue
      const same = window.every(([, d], i) => d === sort[i][1])
      const reversed = window.every(([, d], i) => d === -sort[i][1])
      if (same || reversed) return spec.name
    }
  }
  return null
}

/** How a sorted read is shown in a failure: collection, fields held equal, order. */
export const describeRead = (r: SortedRead) =>
  `${r.collection} where {${r.equal.join(', ')}}${r.alternatives.map((o) => ` or-branches [${o.map((b) => `{${b.join(', ')}}`).join(' | ')}]`).join('')} sort {${r.sort.map(([f, d]) => `${f}: ${d}`).join(', ')}}${r.computed.length ? ' (computed)' : ''} (${r.via})`
