// A file-backed store: durable across close/reopen, and correct when several connections (processes)
// share the file; plus reseeding and request statistics.
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import {
  LocalStore,
  createCollectionsNow,
  createDatabase,
  dropAll,
  listCollections,
  openStore,
} from '../../../emulator/db'

let dir: string
let file: string
const open: LocalStore[] = []
// The collections these tests write to, created as deploy would (writes to missing collections fail).
const COLLECTIONS = ['members', 'c', 'acts', 'a', 'b']
const openFile = () => {
  const s = openStore(file)
  createCollectionsNow(s, COLLECTIONS)
  open.push(s)
  return s
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localdb-'))
  file = path.join(dir, 'cloud.db')
})
afterEach(() => {
  for (const s of open.splice(0)) s.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

it('keeps documents across close and reopen, in WAL mode', async () => {
  const a = openFile()
  const db = createDatabase(a)
  await db.collection('members').add({ _id: 'u1', name: '李', at: new Date('2024-05-04T00:00:00Z') })
  a.close()

  const b = openStore(file)
  open.push(b)
  expect(b.file).toBe(file)
  expect(listCollections(b)).toEqual([...COLLECTIONS].sort())
  const got = await createDatabase(b).collection('members').doc('u1').get()
  expect(got.data).toEqual([{ _id: 'u1', name: '李', at: new Date('2024-05-04T00:00:00Z') }])
  expect(fs.existsSync(`${file}-wal`)).toBe(true)
})

it('two connections on one file see each other’s writes, never a stale cached copy', async () => {
  const one = createDatabase(openFile())
  const two = createDatabase(openFile())
  await one.collection('c').add({ _id: 'k', n: 1 })
  expect((await two.collection('c').doc('k').get()).data[0].n).toBe(1)
  expect((await two.collection('c').where({ n: 1 }).count()).total).toBe(1)

  await one.collection('c').doc('k').update({ n: 2 })
  expect((await two.collection('c').doc('k').get()).data[0].n).toBe(2)
  expect((await two.collection('c').where({ n: 2 }).get()).data).toHaveLength(1)

  // Deleted and re-created with other content: versions are never reused, so no stale cache hit.
  await one.collection('c').doc('k').remove()
  await one.collection('c').add({ _id: 'k', n: 3 })
  expect((await two.collection('c').get()).data).toEqual([{ _id: 'k', n: 3 }])
})

it('conditional claims from two connections never oversell', async () => {
  const one = createDatabase(openFile())
  const two = createDatabase(openFile())
  await one.collection('acts').add({ _id: 'a', taken: 0 })
  const _ = one.command
  const claim = (db: typeof one) =>
    db
      .collection('acts')
      .where({ _id: 'a', taken: _.lt(5) })
      .update({ taken: _.inc(1) })
  const results = await Promise.all(Array.from({ length: 20 }, (_x, i) => claim(i % 2 ? one : two)))
  expect(results.filter((r) => r.updated === 1)).toHaveLength(5)
  expect((await two.collection('acts').doc('a').get()).data[0].taken).toBe(5)
})

it('a write made through another connection after a transaction started makes its write conflict', async () => {
  const one = createDatabase(openFile())
  const two = createDatabase(openFile())
  await one.collection('acts').add({ _id: 'a', taken: 0 })
  let attempts = 0
  await one.runTransaction(
    async (t: {
      collection(n: string): {
        doc(id: string): { get(): Promise<{ data: { taken: number } }>; update(d: object): Promise<unknown> }
      }
    }) => {
      attempts++
      const { data } = await t.collection('acts').doc('a').get()
      if (attempts === 1) await two.collection('acts').doc('a').update({ taken: 10 })
      await t
        .collection('acts')
        .doc('a')
        .update({ taken: data.taken + 1 })
    },
  )
  expect(attempts).toBe(2)
  expect((await two.collection('acts').doc('a').get()).data[0].taken).toBe(11)
})

it('dropAll empties the store for reseeding', async () => {
  const s = openFile()
  const db = createDatabase(s)
  await db.collection('a').add({ x: 1 })
  await db.collection('b').add({ x: 1 })
  dropAll(s)
  expect(listCollections(s)).toEqual([])
  await expect(db.collection('a').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
  await expect(db.collection('a').add({ x: 2 })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
  await db.createCollection('a')
  await db.collection('a').add({ x: 2 })
  expect((await db.collection('a').get()).data.map((d: { x: number }) => d.x)).toEqual([2])
})

it('counts database calls per action for benchmarks', async () => {
  const s = openStore(':memory:')
  open.push(s)
  createCollectionsNow(s, ['a'])
  const db = createDatabase(s)
  await db.collection('a').add({ x: 1 })
  await db.collection('a').get()
  await db.collection('a').count()
  await db.collection('a').aggregate().match({}).end()
  expect(s.stats.requests).toBe(4)
  expect(s.stats.byAction).toEqual({
    'database.insertDocument': 1,
    'database.getDocument': 1,
    'database.calculateDocument': 1,
    'database.aggregateDocuments': 1,
  })
  s.resetStats()
  expect(s.stats).toEqual({ requests: 0, byAction: {} })
})

it('separate in-memory stores do not share data', async () => {
  const a = openStore(':memory:')
  const b = openStore(':memory:')
  open.push(a, b)
  createCollectionsNow(a, ['c'])
  await createDatabase(a).collection('c').add({ _id: 'only-in-a' })
  await expect(createDatabase(b).collection('c').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
})

it('a Db whose store was closed fails clearly instead of touching another store', async () => {
  const s = openStore(':memory:')
  const db = createDatabase(s)
  s.close()
  await expect(db.collection('c').get()).rejects.toMatchObject({
    message: expect.stringContaining('closed or unknown'),
  })
})
