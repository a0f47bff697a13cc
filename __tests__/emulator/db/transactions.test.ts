// Transactions and concurrent conditional updates: all-or-nothing, snapshot-isolated, conflicts reported at the write.
// (Through wx-server-sdk a conflict is not retried: wx-server-sdk.test.ts pins that; the raw library used here throws
// the backend code itself, which its runTransaction does retry, as node-sdk users see it.)
import { useFixture } from './fixture'

const f = useFixture()

// The library types transactions as `any`; this is the part of their surface the tests use.
interface TxnDoc {
  get(): Promise<{ data: Record<string, unknown> | null }>
  set(data: object): Promise<{ updated: number }>
  update(data: object): Promise<{ updated: number }>
  remove(): Promise<{ deleted: number }>
  create(data: object): Promise<{ id: string }>
}
interface Txn {
  collection(name: string): {
    doc(id: string): TxnDoc
    add(data: object): Promise<{ id: string }>
    where(q: object): { get(): Promise<{ data: Record<string, unknown>[] }> }
  }
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

const getDoc = async (coll: string, id: string) => (await f.db.collection(coll).doc(id).get()).data[0]

beforeEach(async () => {
  await f.db.collection('acts').add({ _id: 'a1', taken: 0, capacity: 10 })
})

it('runTransaction commits reads and writes together and returns the callback result', async () => {
  const result = await f.db.runTransaction(async (t: Txn) => {
    const { data } = await t.collection('acts').doc('a1').get()
    expect(data).toEqual({ _id: 'a1', taken: 0, capacity: 10 })
    await t
      .collection('acts')
      .doc('a1')
      .update({ taken: f._.inc(1) })
    await t.collection('signups').doc('a1_u1').set({ status: 'ok' })
    await t.collection('signups').doc('a1_u2').create({ status: 'waitlist' })
    return 'done'
  })
  expect(result).toBe('done')
  expect((await getDoc('acts', 'a1')).taken).toBe(1)
  expect(await getDoc('signups', 'a1_u1')).toEqual({ _id: 'a1_u1', status: 'ok' })
  expect(await getDoc('signups', 'a1_u2')).toEqual({ _id: 'a1_u2', status: 'waitlist' })
})

it('a transaction reads its own staged writes; others see nothing until commit', async () => {
  const t = (await f.db.startTransaction()) as Txn
  await t
    .collection('acts')
    .doc('a1')
    .update({ taken: f._.inc(2) })
  await t.collection('acts').doc('a2').set({ taken: 5 })
  expect((await t.collection('acts').doc('a1').get()).data).toMatchObject({ taken: 2 })
  expect((await t.collection('acts').doc('a2').get()).data).toMatchObject({ taken: 5 })
  const inTxn = await t
    .collection('acts')
    .where({ taken: f._.gt(1) })
    .get()
  expect(inTxn.data.map((d) => d._id)).toEqual(['a1', 'a2'])
  expect((await getDoc('acts', 'a1')).taken).toBe(0)
  expect(await getDoc('acts', 'a2')).toBeUndefined()
  await t.commit()
  expect((await getDoc('acts', 'a1')).taken).toBe(2)
  expect((await getDoc('acts', 'a2')).taken).toBe(5)
})

it('a missing document reads as null inside a transaction', async () => {
  await f.db.runTransaction(async (t: Txn) => {
    expect((await t.collection('acts').doc('nope').get()).data).toBeNull()
  })
})

it('a thrown error rolls everything back and reaches the caller', async () => {
  await expect(
    f.db.runTransaction(async (t: Txn) => {
      await t
        .collection('acts')
        .doc('a1')
        .update({ taken: f._.inc(1) })
      await t.collection('signups').add({ x: 1 })
      throw new Error('full')
    }),
  ).rejects.toThrow('full')
  expect((await getDoc('acts', 'a1')).taken).toBe(0)
  expect((await f.db.collection('signups').count()).total).toBe(0)
})

it('t.rollback(reason) discards staged writes and rejects with the reason', async () => {
  await expect(
    f.db.runTransaction(async (t: Txn) => {
      await t.collection('acts').doc('a1').remove()
      await t.rollback('no places')
    }),
  ).rejects.toBe('no places')
  expect(await getDoc('acts', 'a1')).toBeDefined()
})

it('startTransaction can be rolled back by hand', async () => {
  const t = (await f.db.startTransaction()) as Txn
  await t.collection('acts').doc('a1').set({ taken: 9 })
  await t.rollback()
  expect((await getDoc('acts', 'a1')).taken).toBe(0)
  await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
})

it('create of an existing id inside a transaction fails with duplicate key', async () => {
  await expect(
    f.db.runTransaction(async (t: Txn) => {
      await t.collection('acts').doc('a1').create({ taken: 1 })
    }),
  ).rejects.toMatchObject({ message: expect.stringContaining('duplicate key') })
})

it('of two transactions writing one document, the second fails at its write, not at commit', async () => {
  let runs = 0
  const writes: string[] = []
  const bump = () =>
    f.db.runTransaction(async (t: Txn) => {
      const run = ++runs
      const { data } = await t.collection('acts').doc('a1').get()
      await new Promise((r) => setTimeout(r, 5))
      try {
        await t
          .collection('acts')
          .doc('a1')
          .update({ taken: (data!.taken as number) + 1, by: run })
        writes.push(`run ${run} wrote`)
      } catch (e) {
        writes.push(`run ${run} refused at the write: ${(e as { code: string }).code}`)
        throw e
      }
    })
  f.store.resetStats()
  await Promise.all([bump(), bump()])
  expect(writes.slice(0, 2).sort()).toEqual([
    'run 1 wrote',
    'run 2 refused at the write: DATABASE_TRANSACTION_CONFLICT',
  ])
  // The raw library retries on that code (run 3); every commit it sends succeeds: locks leave nothing to detect there.
  expect(runs).toBe(3)
  expect((await getDoc('acts', 'a1')).taken).toBe(2)
  expect(f.store.stats.byAction['database.commitTransaction']).toBe(2)
})

it('a transaction that only read a document commits even when it changed meanwhile (snapshot isolation: reads are not checked)', async () => {
  const t = (await f.db.startTransaction()) as Txn
  await t.collection('acts').doc('a1').get()
  await f.db.collection('acts').doc('a1').update({ taken: 7 })
  await t.collection('signups').doc('s1').set({ seen: true })
  await t.commit()
  expect((await getDoc('signups', 's1')).seen).toBe(true)
  expect((await getDoc('acts', 'a1')).taken).toBe(7)
})

it('a plain write between a transaction read and its commit is a conflict, and the retry sees it', async () => {
  let first = true
  await f.db.runTransaction(async (t: Txn) => {
    const { data } = await t.collection('acts').doc('a1').get()
    if (first) {
      first = false
      await f.db
        .collection('acts')
        .doc('a1')
        .update({ taken: f._.inc(5) })
    }
    await t
      .collection('acts')
      .doc('a1')
      .update({ taken: (data!.taken as number) + 1 })
  })
  expect((await getDoc('acts', 'a1')).taken).toBe(6)
})

it('50 concurrent conditional updates claim exactly the 10 places', async () => {
  const claim = () =>
    f.db
      .collection('acts')
      .where({ _id: 'a1', taken: f._.lt(10) })
      .update({ taken: f._.inc(1) })
  const results = await Promise.all(Array.from({ length: 50 }, claim))
  expect(results.filter((r) => r.updated === 1)).toHaveLength(10)
  expect(results.filter((r) => r.updated === 0)).toHaveLength(40)
  expect((await getDoc('acts', 'a1')).taken).toBe(10)
})
