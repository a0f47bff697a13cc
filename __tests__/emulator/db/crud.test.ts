// Basic reads and writes through a genuine @cloudbase/database Db answer as CloudBase documents them.
import { listCollections } from '../../../emulator/db'
import { SqliteStore } from '../../../emulator/db/store'
import { seed, useFixture } from './fixture'

const f = useFixture()

describe('add', () => {
  it('returns a generated 32-hex id and stores the document under it', async () => {
    const res = await f.db.collection('members').add({ name: '张三', age: 30 })
    expect(res.id).toMatch(/^[0-9a-f]{32}$/)
    expect(res.requestId).toEqual(expect.any(String))
    const got = await f.db.collection('members').doc(res.id!).get()
    expect(got.data).toEqual([{ _id: res.id, name: '张三', age: 30 }])
  })

  it('keeps a caller-chosen _id (natural keys) and refuses a second insert of it', async () => {
    await f.db.collection('attendance').add({ _id: 'm1_u1', at: 1 })
    await expect(f.db.collection('attendance').add({ _id: 'm1_u1', at: 2 })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
      message: 'E11000 duplicate key error collection: attendance index: _id_ dup key: { _id: "m1_u1" }',
    })
    const got = await f.db.collection('attendance').doc('m1_u1').get()
    expect(got.data[0].at).toBe(1)
  })

  it('adds an array of documents and returns all their ids', async () => {
    const res = await f.db.collection('orgs').add([{ n: 1 }, { n: 2 }])
    expect(res.ids).toHaveLength(2)
    expect((await f.db.collection('orgs').count()).total).toBe(2)
  })

  it('refuses every write to a collection nobody created, and creates nothing', async () => {
    const before = listCollections(f.store)
    await expect(f.db.collection('log').add({ x: 1 })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    await expect(f.db.collection('log').doc('k').set({ x: 1 })).rejects.toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
    })
    await expect(
      f.db.runTransaction(
        async (t: { collection(n: string): { doc(id: string): { set(d: object): Promise<unknown> } } }) => {
          await t.collection('log').doc('k').set({ x: 1 })
        },
      ),
    ).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    expect(listCollections(f.store)).toEqual(before)
  })

  it('round-trips Dates, nested objects, arrays, null and booleans', async () => {
    const doc = {
      at: new Date('2024-01-02T03:04:05.678Z'),
      o: { a: [1, 'b', { c: null }] },
      ok: true,
      f: 1.5,
      big: 2 ** 40,
    }
    const { id } = await f.db.collection('c').add(doc)
    const [got] = (await f.db.collection('c').doc(id!).get()).data
    expect(got).toEqual({ _id: id, ...doc })
    expect(got.at).toBeInstanceOf(Date)
  })
})

describe('missing collections and documents', () => {
  it('reading a collection that does not exist fails like production (DATABASE_COLLECTION_NOT_EXIST)', async () => {
    const notExist = { code: 'DATABASE_COLLECTION_NOT_EXIST', message: expect.stringContaining('not exist') }
    await expect(f.db.collection('nope').get()).rejects.toMatchObject(notExist)
    await expect(f.db.collection('nope').count()).rejects.toMatchObject(notExist)
    await expect(f.db.collection('nope').doc('x').get()).rejects.toMatchObject(notExist)
    await expect(f.db.collection('nope').where({}).update({ a: 1 })).rejects.toMatchObject(notExist)
    await expect(f.db.collection('nope').doc('x').update({ a: 1 })).rejects.toMatchObject(notExist)
    await expect(f.db.collection('nope').where({ a: 1 }).remove()).rejects.toMatchObject(notExist)
    await expect(f.db.collection('nope').aggregate().match({}).end()).rejects.toMatchObject(notExist)
  })

  it('doc(id).get() of a missing document answers an empty list (wx-server-sdk turns that into its not-found error)', async () => {
    await f.db.collection('c').add({ _id: 'a' })
    const res = await f.db.collection('c').doc('missing').get()
    expect(res.data).toEqual([])
  })

  it('createCollection creates once and then reports that the collection exists', async () => {
    await f.db.createCollection('fresh')
    expect(listCollections(f.store)).toContain('fresh')
    expect((await f.db.collection('fresh').get()).data).toEqual([])
    await expect(f.db.createCollection('fresh')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' })
  })
})

describe('doc(id).set / update / remove', () => {
  it('set creates a missing document and reports its id as upserted', async () => {
    const res = await f.db.collection('c').doc('k1').set({ a: 1 })
    expect(res).toMatchObject({ updated: 0, upsertedId: 'k1' })
    expect((await f.db.collection('c').doc('k1').get()).data).toEqual([{ _id: 'k1', a: 1 }])
  })

  it('set replaces the whole document except _id', async () => {
    await f.db.collection('c').add({ _id: 'k1', a: 1, b: 2 })
    const res = await f.db.collection('c').doc('k1').set({ c: 3 })
    expect(res.updated).toBe(1)
    expect(res.upsertedId).toBeUndefined()
    expect((await f.db.collection('c').doc('k1').get()).data).toEqual([{ _id: 'k1', c: 3 }])
  })

  it('update merges nested objects field by field and leaves the rest', async () => {
    await f.db.collection('c').add({ _id: 'k', profile: { name: 'a', phone: '1' }, n: 1 })
    const res = await f.db
      .collection('c')
      .doc('k')
      .update({ profile: { name: 'b' } })
    expect(res.updated).toBe(1)
    expect((await f.db.collection('c').doc('k').get()).data[0]).toEqual({
      _id: 'k',
      profile: { name: 'b', phone: '1' },
      n: 1,
    })
  })

  it('update of a missing document updates nothing (updated: 0) and creates nothing', async () => {
    await f.db.collection('c').add({ _id: 'a' })
    expect((await f.db.collection('c').doc('missing').update({ x: 1 })).updated).toBe(0)
    expect((await f.db.collection('c').count()).total).toBe(1)
  })

  it('an update that changes nothing reports updated: 0 (MongoDB nModified)', async () => {
    await f.db.collection('c').add({ _id: 'k', s: 'done' })
    expect((await f.db.collection('c').doc('k').update({ s: 'done' })).updated).toBe(0)
  })

  it('remove deletes once', async () => {
    await f.db.collection('c').add({ _id: 'k' })
    expect((await f.db.collection('c').doc('k').remove()).deleted).toBe(1)
    expect((await f.db.collection('c').doc('k').remove()).deleted).toBe(0)
  })

  it('field() on a document projects', async () => {
    await f.db.collection('c').add({ _id: 'k', a: 1, b: 2 })
    expect((await f.db.collection('c').doc('k').field({ a: true }).get()).data).toEqual([{ _id: 'k', a: 1 }])
  })
})

describe('where().get / count / update / remove', () => {
  beforeEach(async () => {
    await seed(f.db, 'm', [
      { _id: 'a', branch: 'b1', age: 30, name: 'Li' },
      { _id: 'b', branch: 'b2', age: 25, name: 'Wang' },
      { _id: 'c', branch: 'b1', age: 41, name: 'Zhao' },
      { _id: 'd', branch: 'b1', age: 25, name: 'Sun' },
    ])
  })

  it('returns documents in insertion order without orderBy', async () => {
    expect((await f.db.collection('m').get()).data.map((d: { _id: string }) => d._id)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('orders by several fields, skips and limits', async () => {
    const res = await f.db.collection('m').orderBy('age', 'asc').orderBy('name', 'desc').get()
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['b', 'd', 'a', 'c'])
    const page = await f.db.collection('m').orderBy('age', 'desc').orderBy('_id', 'asc').skip(1).limit(2).get()
    expect(page.data.map((d: { _id: string }) => d._id)).toEqual(['a', 'b'])
  })

  it('field() includes or excludes fields; _id comes along unless excluded', async () => {
    const inc = await f.db.collection('m').where({ _id: 'a' }).field({ name: true }).get()
    expect(inc.data).toEqual([{ _id: 'a', name: 'Li' }])
    const exc = await f.db.collection('m').where({ _id: 'a' }).field({ name: false, _id: false }).get()
    expect(exc.data).toEqual([{ branch: 'b1', age: 30 }])
  })

  it('count() counts what where() matches', async () => {
    expect((await f.db.collection('m').where({ branch: 'b1' }).count()).total).toBe(3)
    expect((await f.db.collection('m').count()).total).toBe(4)
  })

  it('where().update updates every match and reports how many', async () => {
    const res = await f.db.collection('m').where({ branch: 'b1' }).update({ flagged: true })
    expect(res.updated).toBe(3)
    expect((await f.db.collection('m').where({ flagged: true }).count()).total).toBe(3)
  })

  it('where().remove removes every match', async () => {
    expect((await f.db.collection('m').where({ age: 25 }).remove()).deleted).toBe(2)
    expect((await f.db.collection('m').count()).total).toBe(2)
  })

  it('where on _id by value or by in([...]) finds the documents', async () => {
    expect((await f.db.collection('m').where({ _id: 'c' }).get()).data.map((d: { _id: string }) => d._id)).toEqual([
      'c',
    ])
    const res = await f.db
      .collection('m')
      .where({ _id: f._.in(['d', 'a', 'zz']) })
      .get()
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['a', 'd'])
    const both = await f.db
      .collection('m')
      .where({ _id: 'c', age: f._.gt(50) })
      .get()
    expect(both.data).toEqual([])
  })
})

describe('result size limits', () => {
  beforeEach(async () => {
    await f.db.collection('many').add(Array.from({ length: 150 }, (_, i) => ({ i })))
  })

  it('get() returns 100 without limit() and at most 1000 with it', async () => {
    await f.db.collection('big').add(Array.from({ length: 1200 }, (_, i) => ({ i })))
    expect((await f.db.collection('big').get()).data).toHaveLength(100)
    expect((await f.db.collection('big').limit(500).get()).data).toHaveLength(500)
    expect((await f.db.collection('big').limit(1000).get()).data).toHaveLength(1000)
    expect((await f.db.collection('big').limit(1200).get()).data).toHaveLength(1000)
  })

  it('get() returns 100 by default, what is asked up to the cap, and no more than there is', async () => {
    expect((await f.db.collection('many').get()).data).toHaveLength(100)
    expect((await f.db.collection('many').limit(120).get()).data).toHaveLength(120)
    expect((await f.db.collection('many').limit(1000).get()).data).toHaveLength(150)
    expect((await f.db.collection('many').limit(30).get()).data).toHaveLength(30)
  })

  it('skip pages through the rest, and count sees everything', async () => {
    const rest = await f.db.collection('many').skip(100).get()
    expect(rest.data.map((d: { i: number }) => d.i)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i))
    expect((await f.db.collection('many').count()).total).toBe(150)
  })
})

describe('serverDate', () => {
  it('is replaced by the server clock in inserts, updates (with offset) and queries', async () => {
    const { id } = await f.db.collection('c').add({ at: f.db.serverDate() })
    expect((await f.db.collection('c').doc(id!).get()).data[0].at).toEqual(f.clock.now)

    await f.db
      .collection('c')
      .doc(id!)
      .update({ due: f.db.serverDate({ offset: 60_000 }) })
    const [doc] = (await f.db.collection('c').doc(id!).get()).data
    expect(doc.due).toEqual(new Date(f.clock.now.getTime() + 60_000))

    f.clock.now = new Date(f.clock.now.getTime() + 30_000)
    expect(
      (
        await f.db
          .collection('c')
          .where({ due: f._.gt(f.db.serverDate()) })
          .count()
      ).total,
    ).toBe(1)
    f.clock.now = new Date(f.clock.now.getTime() + 60_000)
    expect(
      (
        await f.db
          .collection('c')
          .where({ due: f._.gt(f.db.serverDate()) })
          .count()
      ).total,
    ).toBe(0)
  })

  it('works inside set() too', async () => {
    await f.db.collection('c').doc('k').set({ at: f.db.serverDate() })
    expect((await f.db.collection('c').doc('k').get()).data[0].at).toEqual(f.clock.now)
  })
})

describe('regular expressions', () => {
  beforeEach(async () => {
    await seed(f.db, 'a', [{ t: '学习二十大精神' }, { t: 'Party Day' }, { t: 'party lecture' }])
  })

  it('matches JS regex literals, with flags', async () => {
    expect(
      (
        await f.db
          .collection('a')
          .where({ t: /^party/ })
          .count()
      ).total,
    ).toBe(1)
    expect(
      (
        await f.db
          .collection('a')
          .where({ t: /^party/i })
          .count()
      ).total,
    ).toBe(2)
    expect(
      (
        await f.db
          .collection('a')
          .where({ t: /二十大/ })
          .count()
      ).total,
    ).toBe(1)
  })

  it('matches db.RegExp with options', async () => {
    const res = await f.db
      .collection('a')
      .where({ t: f.db.RegExp({ regexp: 'DAY', options: 'i' }) })
      .get()
    expect(res.data.map((d: { t: string }) => d.t)).toEqual(['Party Day'])
  })
})

describe('Dates in queries', () => {
  it('compares Date fields with Date operands', async () => {
    await seed(f.db, 'e', [{ at: new Date('2024-01-01') }, { at: new Date('2024-06-01') }])
    const res = await f.db
      .collection('e')
      .where({ at: f._.gte(new Date('2024-03-01')) })
      .get()
    expect(res.data.map((d: { at: Date }) => d.at.toISOString())).toEqual(['2024-06-01T00:00:00.000Z'])
  })
})

describe('lookups by _id', () => {
  it('numeric and string ids are different documents', async () => {
    await f.db.collection('n').add([
      { _id: 1, v: 'number' },
      { _id: '1', v: 'string' },
    ])
    expect((await f.db.collection('n').doc(1).get()).data).toEqual([{ _id: 1, v: 'number' }])
    expect((await f.db.collection('n').doc('1').get()).data).toEqual([{ _id: '1', v: 'string' }])
  })

  it('go by key, never by a scan of the collection', async () => {
    await f.db.collection('k').add(Array.from({ length: 20 }, (_, i) => ({ _id: `id${i}`, i })))
    const scan = jest.spyOn(SqliteStore.prototype, 'scan')
    try {
      await f.db.collection('k').doc('id3').get()
      await f.db
        .collection('k')
        .doc('id3')
        .update({ i: f._.inc(1) })
      await f.db
        .collection('k')
        .where({ _id: 'id4', i: f._.lt(100) })
        .update({ i: f._.inc(1) })
      await f.db
        .collection('k')
        .where({ _id: f._.in(['id1', 'id2']) })
        .get()
      await f.db
        .collection('k')
        .where({ _id: f._.eq('id5') })
        .count()
      await f.db.collection('k').doc('id6').remove()
      expect(scan).not.toHaveBeenCalled()
      await f.db.collection('k').where({ i: 7 }).get()
      expect(scan).toHaveBeenCalledTimes(1)
    } finally {
      scan.mockRestore()
    }
  })
})

describe('unique indexes of the manifest', () => {
  // cloudfunctions/_shared/indexes.ts declares members.phone and questions.key unique; the fixture's store uses it.
  it('refuses a second member with the same phone, by add, by update and at commit, and keeps the first', async () => {
    await f.db.collection('members').add({ _id: 'm1', name: '甲', phone: '13900001111' })
    await f.db.collection('members').add({ _id: 'm2', name: '乙', phone: '13900002222' })
    const dup = {
      code: 'DATABASE_DUPLICATE_WRITE',
      message: expect.stringContaining('index: phone dup key: { phone: "13900001111" }'),
    }
    await expect(f.db.collection('members').add({ _id: 'm3', name: '丙', phone: '13900001111' })).rejects.toMatchObject(
      dup,
    )
    await expect(f.db.collection('members').doc('m2').update({ phone: '13900001111' })).rejects.toMatchObject(dup)
    await expect(
      f.db.runTransaction(
        async (t: { collection(n: string): { doc(id: string): { set(d: object): Promise<unknown> } } }) => {
          await t.collection('members').doc('m4').set({ name: '丁', phone: '13900001111' })
        },
      ),
    ).rejects.toMatchObject(dup)
    const all = (await f.db.collection('members').orderBy('_id', 'asc').get()).data
    expect(all.map((m: { _id: string; phone: string }) => `${m._id}:${m.phone}`)).toEqual([
      'm1:13900001111',
      'm2:13900002222',
    ])
    // Rewriting a document with its own key is no clash.
    await f.db.collection('members').doc('m1').update({ name: '甲甲' })
  })
})
