// Index narrowing (emulator/db/prefilter.ts): the entries kept for indexed fields may only ever narrow a query to a
// superset of its matches. Every query here runs twice on the same file, with and without narrowing, and must give
// the same documents; the tricky values are the ones where MongoDB and SQL disagree (missing vs null, arrays,
// numbers vs strings vs Dates, NaN, invalid Dates).
import fs from 'fs'
import os from 'os'
import path from 'path'
import { Db } from '@cloudbase/database'
import { LocalStore, createCollectionsNow, createDatabase, openStore } from '../../../emulator/db'
import type { SqliteStore } from '../../../emulator/db/store'

let dir: string
const opened: LocalStore[] = []

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prefilter-'))
})

afterEach(() => {
  while (opened.length) opened.pop()!.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

function open(opts: { indexes?: Record<string, string[]>; narrow?: boolean } = {}): { store: SqliteStore; db: Db } {
  const store = openStore(path.join(dir, 'db.sqlite'), { indexes: { things: ['a', 'b', 'd'] }, ...opts }) as SqliteStore
  createCollectionsNow(store, ['things'])
  opened.push(store)
  return { store, db: createDatabase(store) }
}

const D1 = new Date('2024-01-01T00:00:00Z')
const D2 = new Date('2024-06-01T00:00:00Z')
const D3 = new Date('2025-01-01T00:00:00Z')

// Values a field may hold; each document takes one for `a` and one for `d` (or leaves them out).
const VALUES: unknown[] = [
  'missing',
  null,
  0,
  -0,
  1,
  1.5,
  2,
  10,
  -3,
  NaN,
  Infinity,
  '1',
  '10',
  'x',
  '',
  true,
  false,
  D1,
  D2,
  D3,
  new Date(NaN),
  [1, 'x'],
  [[1]],
  [2, [10]],
  [],
  [null],
  [D1, D3],
  ['x', 'y'],
  { v: 1 },
  [{ v: 1 }],
  { $date: 1 },
]

async function seedThings(db: Db) {
  const docs = VALUES.flatMap((a, i) => [
    {
      _id: `t${i}`,
      ...(a === 'missing' ? {} : { a }),
      b: i % 3 === 0 ? 'even' : 'odd',
      d: VALUES[(i * 7) % VALUES.length] === 'missing' ? undefined : VALUES[(i * 7) % VALUES.length],
    },
  ])
  for (const doc of docs) {
    const { _id, ...data } = doc
    if (data.d === undefined) delete data.d
    await db.collection('things').doc(_id).set(data)
  }
  return docs.length
}

async function ids(db: Db, query: Record<string, unknown>): Promise<string[]> {
  // get() with the largest limit (1000) keeps natural order; the tricky datasets stay below it.
  const res = await db.collection('things').where(query).limit(1000).get()
  return (res as unknown as { data: { _id: string }[] }).data.map((d) => d._id)
}

it('gives the same documents with and without narrowing, for equality, $in and ranges on tricky values', async () => {
  const { db: on, store } = open()
  await seedThings(on)
  const { db: off } = open({ narrow: false })
  const _ = on.command
  const queries: Record<string, unknown>[] = [
    ...VALUES.filter(
      (v) => v !== 'missing' && !(Array.isArray(v) || (v !== null && typeof v === 'object' && !(v instanceof Date))),
    ).map((v) => ({ a: v })),
    ...VALUES.filter(
      (v) => v !== 'missing' && !(v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)),
    ).map((v) => ({ a: _.eq(v) })),
    { a: _.in([1, 2]) },
    { a: _.in(['x', '1']) },
    { a: _.in([1, 'x']) },
    { a: _.in([null, 1]) },
    { a: _.in([]) },
    { a: _.in([D1, D3]) },
    { a: _.gt(1) },
    { a: _.gte(1) },
    { a: _.lt(2) },
    { a: _.lte(-0) },
    { a: _.gt(1).and(_.lt(10)) },
    { a: _.gte(NaN) },
    { a: _.gte(D1).and(_.lte(D2)) },
    { a: _.gt(D1) },
    { a: _.lt(D3) },
    { a: _.gte('1') },
    { a: _.gt(false) },
    { a: _.lt(Infinity) },
    { a: _.neq(1) },
    { a: _.exists(false) },
    { a: _.nin([1]) },
    { a: 1, b: 'even' },
    { b: 'odd', d: _.gte(D1) },
    { a: _.or(_.eq(1), _.eq('x')) },
    { a: _.gte(1).and(_.in([2, 'x'])) },
    { d: [1, 'x'] },
    { a: [] },
    { a: { v: 1 } },
  ]
  const before = store.decoded
  for (const q of queries) {
    expect({ q, got: await ids(on, q) }).toEqual({ q, got: await ids(off, q) })
  }
  // The narrowed store really took the index path for most of them (it decodes only what it reads).
  expect(store.decoded - before).toBeLessThan(queries.length * VALUES.length)
})

it('an equality query on an indexed field decodes the matching documents, not the whole collection', async () => {
  const file = path.join(dir, 'db.sqlite')
  const writer = openStore(file) as SqliteStore
  createCollectionsNow(writer, ['attendance'])
  const w = createDatabase(writer)
  for (let i = 0; i < 600; i++) {
    await w
      .collection('attendance')
      .doc(`r${i}`)
      .set({
        meetingId: `m${i % 20}`,
        branchId: `b${i % 6}`,
        memberId: `u${i}`,
        status: 'present',
        meetingStartAt: new Date(Date.UTC(2025, 0, 1 + (i % 300))),
        cancelled: false,
      })
  }
  writer.close()

  const store = openStore(file) as SqliteStore
  opened.push(store)
  const db = createDatabase(store)
  const _ = db.command
  const res = await db
    .collection('attendance')
    .where({ meetingId: 'm3', status: _.in(['present', 'late']) })
    .count()
  expect(res.total).toBe(30)
  expect(store.decoded).toBe(30)

  // The branch-period match of the reports: branch equality with a Date range, through aggregate().
  const agg = await db
    .collection('attendance')
    .aggregate()
    .match({
      branchId: 'b2',
      meetingStartAt: _.gte(new Date('2025-02-01T00:00:00Z')).and(_.lte(new Date('2025-03-01T00:00:00Z'))),
      cancelled: false,
    })
    .count('n')
    .end()
  const expected = Array.from({ length: 600 }, (_x, i) => i).filter(
    (i) => i % 6 === 2 && 1 + (i % 300) >= 32 && 1 + (i % 300) <= 60,
  ).length
  expect((agg as unknown as { data: { n: number }[] }).data[0].n).toBe(expected)
  expect(store.decoded).toBeLessThan(30 + 100)
})

it('keeps the entries in step with updates, removes and transactions', async () => {
  const { db } = open()
  const { db: off } = open({ narrow: false })
  await seedThings(db)
  const _ = db.command
  await db
    .collection('things')
    .where({ a: 1 })
    .update({ a: 'moved', b: _.set([1, 2]) })
  await db.collection('things').doc('t3').remove()
  await db.runTransaction(async (t: any) => {
    await t.collection('things').doc('t5').set({ a: D2, b: 'tx' })
    await t.collection('things').doc('new').set({ a: 1, b: 'tx' })
  })
  for (const q of [
    { a: 1 },
    { a: 'moved' },
    { b: 1 },
    { b: 2 },
    { b: 'tx' },
    { a: D2 },
    { a: _.gte(D2) },
    { b: _.in(['even', 'odd']) },
  ]) {
    expect({ q, got: await ids(db, q) }).toEqual({ q, got: await ids(off, q) })
  }
  expect(await ids(db, { a: 1 })).toEqual(['new'])
})

it('rebuilds the entries when the declared fields change, and stops narrowing when a writer declares others', async () => {
  const first = open({ indexes: { things: ['a'] } })
  await seedThings(first.db)
  first.store.close()
  opened.length = 0

  // Reopened with one more field: the entries are rebuilt, so `b` narrows correctly at once.
  const second = open({ indexes: { things: ['a', 'b'] } })
  const off = open({ indexes: { things: ['a', 'b'] }, narrow: false })
  const before = second.store.decoded
  expect(await ids(second.db, { b: 'even' })).toEqual(await ids(off.db, { b: 'even' }))
  expect(second.store.decoded).toBe(before)

  // A process with other fields writes: its document has no entries, so nobody may narrow on them any more.
  const other = open({ indexes: { things: ['d'] } })
  await other.db.collection('things').doc('late').set({ a: 'x', b: 'even' })
  expect(await ids(second.db, { b: 'even' })).toContain('late')
  expect(await ids(second.db, { a: 'x' })).toEqual(await ids(off.db, { a: 'x' }))
})
