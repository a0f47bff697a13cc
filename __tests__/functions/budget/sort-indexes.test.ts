// The index rule the budget test applies to every sorted read (sort-indexes.ts), on reads written out by hand.
import { indexFor, sortedReadOf, type SortedRead } from './sort-indexes'

const INDEXES = {
  meetings: [
    { name: 'branch_start', keys: { branchId: 1, startAt: -1, _id: 1 } as Record<string, 1 | -1> },
    { name: 'status_start', keys: { status: 1, startAt: 1 } as Record<string, 1 | -1> },
  ],
}
const read = (equal: string[], sort: Array<[string, 1 | -1]>, alternatives: string[][][] = []): SortedRead => ({
  collection: 'meetings',
  equal,
  alternatives,
  computed: [],
  sort,
  via: 'get',
})
/** The index that gives a plain query holding `equal` fields equal and sorting by `sort`, or why none does. */
const indexOfSort = (equal: string[], ...sort: Array<[string, 1 | -1]>) => indexFor(read(equal, sort), INDEXES)

it('an index gives a sort that follows its equality prefix, in its directions or all reversed', () => {
  expect(indexOfSort(['branchId'], ['startAt', -1], ['_id', 1])).toBe('branch_start')
  expect(indexOfSort(['branchId'], ['startAt', 1], ['_id', -1])).toBe('branch_start')
  // One field reversed and not the other: the index cannot give it (the 索引管理 page's own example).
  expect(indexOfSort(['branchId'], ['startAt', 1], ['_id', 1])).toBeNull()
  // The tie-break missing from the index: an in-memory sort.
  expect(indexOfSort(['status'], ['startAt', 1], ['_id', 1])).toBeNull()
  // The prefix not held equal (branchId is free): the sort is not in index order.
  expect(indexOfSort([], ['startAt', -1], ['_id', 1])).toBeNull()
  expect(indexOfSort(['status'], ['_id', 1])).toBe('_id_')
  // An $or whose every branch has an index in the sort's order (MongoDB merges them); one branch without: none.
  const byStart: Array<[string, 1 | -1]> = [
    ['startAt', -1],
    ['_id', 1],
  ]
  expect(indexFor(read([], byStart, [[['branchId'], ['branchId']]]), INDEXES)).toBe('branch_start')
  expect(indexFor(read([], byStart, [[['branchId'], ['status']]]), INDEXES)).toBeNull()
  expect(indexOfSort(['status', 'startAt'], ['startAt', 1])).toBe('no sort left')
})

it('reads the sort of a query and of an aggregation on the collection, not a sort of grouped results', () => {
  const get = sortedReadOf('database.getDocument', {
    collectionName: 'meetings',
    query: JSON.stringify({ branchId: 'org_office', startAt: { $gte: { $date: '2026-01-01T00:00:00Z' } } }),
    order: JSON.stringify({ startAt: -1, _id: 1 }),
  })
  expect(get).toEqual({
    collection: 'meetings',
    equal: ['branchId'],
    alternatives: [],
    computed: [],
    sort: [
      ['startAt', -1],
      ['_id', 1],
    ],
    via: 'get',
  })
  const stages = (list: Array<Record<string, unknown>>) =>
    list.map((s) => {
      const [[k, v]] = Object.entries(s)
      return { stageKey: k, stageValue: JSON.stringify(v) }
    })
  expect(
    sortedReadOf('database.aggregateDocuments', {
      collectionName: 'meetings',
      stages: stages([
        { $match: { branchId: { $in: ['a', 'b'] } } },
        { $project: { startAt: 1 } },
        { $sort: { _id: 1 } },
      ]),
    }),
  ).toMatchObject({ equal: ['branchId'], sort: [['_id', 1]], via: 'aggregate', computed: [] })
  // A sort on a field the aggregation computes: no index can give it.
  const computed = sortedReadOf('database.aggregateDocuments', {
    collectionName: 'meetings',
    stages: stages([
      { $match: { $or: [{ a: 1 }, { b: 2 }] } },
      { $addFields: { _x: { $gt: ['$startAt', 0] } } },
      { $sort: { _x: 1, _id: 1 } },
    ]),
  })
  expect(computed).toMatchObject({ alternatives: [[['a'], ['b']]], computed: ['_x'] })
  expect(indexFor(computed!, INDEXES)).toBeNull()
  expect(
    sortedReadOf('database.aggregateDocuments', {
      collectionName: 'meetings',
      stages: stages([{ $match: { branchId: 'a' } }, { $group: { _id: '$type' } }, { $sort: { _id: 1 } }]),
    }),
  ).toBeNull()
  expect(sortedReadOf('database.getDocument', { collectionName: 'meetings', query: '{}' })).toBeNull()
})
