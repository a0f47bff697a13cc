// The real wx-server-sdk, with the request class pinned, reaches the local store: its own
// cloud.database() works unchanged and surfaces errors with production's codes.
import * as path from 'path'
import {
  LocalStore,
  STORE_CONFIG_KEY,
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
  const added = await db.collection('members').add({ data: { name: '王', n: 1 } })
  expect(added).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' })
  await db
    .collection('members')
    .doc(added._id)
    .update({ data: { n: _.inc(2) } })
  expect(await db.collection('members').doc(added._id).get()).toEqual({
    data: { _id: added._id, name: '王', n: 3 },
    errMsg: 'document.get:ok',
  })
  const list = await db
    .collection('members')
    .where({ n: _.gt(1) })
    .get()
  expect(list.data).toHaveLength(1)
  expect((await db.collection('members').count()).total).toBe(1)
  const set = await db
    .collection('members')
    .doc('fixed')
    .set({ data: { name: '赵' } })
  expect(set.stats).toEqual({ updated: 0, created: 1 })
  const agg = await db
    .collection('members')
    .aggregate()
    .group({ _id: null, n: { $sum: 1 } })
    .end()
  expect(agg.list).toEqual([{ _id: null, n: 2 }])
  expect(store.stats.requests).toBe(7)
})

it('surfaces production error codes: -502005 missing collection, -502001 duplicate key, not-found doc', async () => {
  const db = cloud.database()
  await expect(db.collection('nope').get()).rejects.toMatchObject({ errCode: -502005 })
  await db.collection('c').add({ data: { _id: 'k' } })
  await expect(db.collection('c').add({ data: { _id: 'k' } })).rejects.toMatchObject({
    errCode: -502001,
    errMsg: expect.stringContaining('duplicate key'),
  })
  await expect(db.collection('c').doc('missing').get()).rejects.toMatchObject({
    errMsg: expect.stringContaining('document with _id missing does not exist'),
  })
  const lenient = cloud.database({ throwOnNotFound: false })
  expect((await lenient.collection('c').doc('missing').get()).data).toBeNull()
})

it('runTransaction through wx-server-sdk commits, and retries on conflict', async () => {
  const db = cloud.database()
  await db.collection('acts').add({ data: { _id: 'a', taken: 0 } })
  type T = {
    collection(n: string): {
      doc(id: string): { get(): Promise<{ data: { taken: number } }>; update(o: object): Promise<unknown> }
    }
  }
  const bump = () =>
    db.runTransaction(async (t: T) => {
      const { data } = await t.collection('acts').doc('a').get()
      await new Promise((r) => setTimeout(r, 5))
      await t
        .collection('acts')
        .doc('a')
        .update({ data: { taken: data.taken + 1 } })
    })
  await Promise.all([bump(), bump()])
  expect((await db.collection('acts').doc('a').get()).data.taken).toBe(2)
})

it('an instance initialised with a store id talks to that store, not the default one', async () => {
  const other = openStore(':memory:')
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
