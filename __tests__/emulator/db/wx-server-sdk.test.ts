// The real wx-server-sdk, with the request class pinned, reaches the local store: its own
// cloud.database() works unchanged and surfaces errors with production's codes.
import * as path from 'path'
import {
  LocalStore,
  STORE_CONFIG_KEY,
  createCollectionsNow,
  openStore,
  pinRequestClass,
  setDefaultStore,
  storeIdOf,
} from '../../../emulator/db'

// Required by file path so that a jest mapping of 'wx-server-sdk' to the emulator's stand-in cannot
// swap it out: this test is about the genuine package.
const cloud = require(path.resolve(__dirname, '../../../node_modules/wx-server-sdk/index.js'))

let store: LocalStore
const opened: LocalStore[] = []

beforeAll(() => {
  pinRequestClass()
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
})
beforeEach(() => {
  store = openStore(':memory:')
  createCollectionsNow(store, ['people', 'c', 'acts'])
  opened.push(store)
  setDefaultStore(store)
})
afterEach(() => {
  setDefaultStore(null)
  for (const s of opened.splice(0)) s.close()
})

it('cloud.database() reads and writes the default store', async () => {
  const db = cloud.database()
  const _ = db.command
  const added = await db.collection('people').add({ data: { name: '王', n: 1 } })
  expect(added).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' })
  await db
    .collection('people')
    .doc(added._id)
    .update({ data: { n: _.inc(2) } })
  expect(await db.collection('people').doc(added._id).get()).toEqual({
    data: { _id: added._id, name: '王', n: 3 },
    errMsg: 'document.get:ok',
  })
  const list = await db
    .collection('people')
    .where({ n: _.gt(1) })
    .get()
  expect(list.data).toHaveLength(1)
  expect((await db.collection('people').count()).total).toBe(1)
  const set = await db
    .collection('people')
    .doc('fixed')
    .set({ data: { name: '赵' } })
  expect(set.stats).toEqual({ updated: 0, created: 1 })
  const agg = await db
    .collection('people')
    .aggregate()
    .group({ _id: null, n: { $sum: 1 } })
    .end()
  expect(agg.list).toEqual([{ _id: null, n: 2 }])
  expect(store.stats.requests).toBe(7)
})

it('surfaces production error codes: -502005 missing collection (reads and writes), duplicate key, not-found doc', async () => {
  const db = cloud.database()
  await expect(db.collection('nope').get()).rejects.toMatchObject({ errCode: -502005 })
  await expect(db.collection('nope').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 })
  await db.collection('c').add({ data: { _id: 'k' } })
  // CloudBase answers DATABASE_DUPLICATE_WRITE, a code wx-server-sdk 4.0.2 has no number for: it becomes -501001.
  await expect(db.collection('c').add({ data: { _id: 'k' } })).rejects.toMatchObject({
    errCode: -501001,
    errMsg: expect.stringContaining('E11000 duplicate key error collection: c index: _id_'),
  })
  await expect(db.collection('c').doc('missing').get()).rejects.toMatchObject({
    errMsg: expect.stringContaining('document with _id missing does not exist'),
  })
  const lenient = cloud.database({ throwOnNotFound: false })
  expect((await lenient.collection('c').doc('missing').get()).data).toBeNull()
})

type T = {
  collection(n: string): {
    doc(id: string): { get(): Promise<{ data: { taken: number } }>; update(o: object): Promise<unknown> }
  }
}

it('a write conflict inside runTransaction fails at the write, as a plain -501001 error that is not retried', async () => {
  // Production: snapshot isolation, a transaction's write locks the document, and another transaction's write to it
  // fails at once. wx-server-sdk turns the backend's conflict into an errCode @cloudbase/database's runTransaction
  // does not recognise, so it rolls back and rethrows instead of running the callback again.
  const db = cloud.database()
  await db.collection('acts').add({ data: { _id: 'a', taken: 0 } })
  let runs = 0
  const bump = () =>
    db.runTransaction(async (t: T) => {
      const run = ++runs
      const { data } = await t.collection('acts').doc('a').get()
      await new Promise((r) => setTimeout(r, 5))
      // `by` makes each run's write a real change (an update that changes nothing writes nothing, so cannot conflict).
      await t
        .collection('acts')
        .doc('a')
        .update({ data: { taken: data.taken + 1, by: run } })
    })
  const results = await Promise.allSettled([bump(), bump()])
  expect(runs).toBe(2)
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  const [failed] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
  expect(failed.reason).toMatchObject({ errCode: -501001, errMsg: expect.stringContaining('WriteConflict') })
  expect((await db.collection('acts').doc('a').get()).data.taken).toBe(1)
  // The failed transaction was rolled back: its lock is gone and a later transaction writes freely.
  await bump()
  expect((await db.collection('acts').doc('a').get()).data.taken).toBe(2)
})

it('a plain write to a document a transaction has written waits for the commit, then applies on top', async () => {
  const db = cloud.database()
  const _ = db.command
  await db.collection('acts').add({ data: { _id: 'a', taken: 0 } })
  const order: string[] = []
  const txn = db.runTransaction(async (t: T) => {
    await t
      .collection('acts')
      .doc('a')
      .update({ data: { taken: 10 } })
    order.push('txn wrote')
    await new Promise((r) => setTimeout(r, 30))
    order.push('txn commits')
  })
  await new Promise((r) => setTimeout(r, 5))
  const plain = db
    .collection('acts')
    .doc('a')
    .update({ data: { taken: _.inc(1) } })
    .then(() => order.push('plain write done'))
  await Promise.all([txn, plain])
  expect(order).toEqual(['txn wrote', 'txn commits', 'plain write done'])
  expect((await db.collection('acts').doc('a').get()).data.taken).toBe(11)
})

it('a transaction whose document changed after it started cannot write it, even without reading it first', async () => {
  const db = cloud.database()
  await db.collection('acts').add({ data: { _id: 'a', taken: 0 } })
  const t = await db.startTransaction()
  await db
    .collection('acts')
    .doc('a')
    .update({ data: { taken: 5 } })
  await expect(
    t
      .collection('acts')
      .doc('a')
      .update({ data: { taken: 1 } }),
  ).rejects.toMatchObject({ errCode: -501001 })
  await t.rollback()
  expect((await db.collection('acts').doc('a').get()).data.taken).toBe(5)
})

it('an instance initialised with a store id talks to that store, not the default one', async () => {
  const other = openStore(':memory:')
  createCollectionsNow(other, ['x'])
  opened.push(other)
  const instance = cloud.createNewInstance({ env: 'other', [STORE_CONFIG_KEY]: storeIdOf(other) })
  await instance
    .database()
    .collection('x')
    .add({ data: { a: 1 } })
  expect(other.stats.byAction['database.insertDocument']).toBe(1)
  expect(store.stats.requests).toBe(0)
})

it('without any store, calls fail with a clear message instead of reaching the network', async () => {
  setDefaultStore(null)
  await expect(cloud.database().collection('x').get()).rejects.toMatchObject({
    errMsg: expect.stringContaining('no local database store'),
  })
})
