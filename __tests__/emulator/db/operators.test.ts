// db.command query and update operators behave as in CloudBase (MongoDB semantics).
import { seed, useFixture } from './fixture'

const f = useFixture()

const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id)

describe('query operators', () => {
  beforeEach(async () => {
    await seed(f.db, 'p', [
      { _id: 'a', n: 1, tags: ['x', 'y'], role: 'member', scores: [{ s: 90, k: 'q1' }], info: { city: 'BJ' } },
      {
        _id: 'b',
        n: 5,
        tags: ['y'],
        role: 'admin',
        scores: [
          { s: 50, k: 'q1' },
          { s: 70, k: 'q2' },
        ],
      },
      { _id: 'c', n: 10, tags: [], role: 'member', info: { city: 'SH' } },
      { _id: 'd', n: null, role: 'member' },
    ])
  })
  const where = async (q: object) => ids(await f.db.collection('p').where(q).get())

  it('eq / neq / gt / gte / lt / lte', async () => {
    expect(await where({ n: f._.eq(5) })).toEqual(['b'])
    expect(await where({ n: f._.neq(5) })).toEqual(['a', 'c', 'd'])
    expect(await where({ n: f._.gt(1) })).toEqual(['b', 'c'])
    expect(await where({ n: f._.gte(5) })).toEqual(['b', 'c'])
    expect(await where({ n: f._.lt(5) })).toEqual(['a'])
    expect(await where({ n: f._.lte(5) })).toEqual(['a', 'b'])
    expect(await where({ n: f._.gt(1).and(f._.lt(10)) })).toEqual(['b'])
  })

  it('in / nin, also against array fields', async () => {
    expect(await where({ role: f._.in(['admin']) })).toEqual(['b'])
    expect(await where({ role: f._.nin(['admin']) })).toEqual(['a', 'c', 'd'])
    expect(await where({ tags: f._.in(['x']) })).toEqual(['a'])
  })

  it('and / or / nor across fields', async () => {
    expect(await where(f._.or([{ n: 1 }, { role: 'admin' }]))).toEqual(['a', 'b'])
    expect(await where(f._.and([{ role: 'member' }, { n: f._.gte(1) }]))).toEqual(['a', 'c'])
    expect(await where(f._.nor([{ role: 'admin' }, { n: 10 }]))).toEqual(['a', 'd'])
    expect(await where({ n: f._.lt(2).or(f._.gt(8)) })).toEqual(['a', 'c'])
  })

  it('exists, and null matching null or missing', async () => {
    expect(await where({ info: f._.exists(true) })).toEqual(['a', 'c'])
    expect(await where({ tags: f._.exists(false) })).toEqual(['d'])
    expect(await where({ n: null })).toEqual(['d'])
  })

  it('size / all / elemMatch / array element equality', async () => {
    expect(await where({ tags: f._.size(0) })).toEqual(['c'])
    expect(await where({ tags: f._.all(['x', 'y']) })).toEqual(['a'])
    expect(await where({ tags: 'y' })).toEqual(['a', 'b'])
    expect(await where({ scores: f._.elemMatch({ s: f._.gte(60), k: 'q2' }) })).toEqual(['b'])
  })

  it('nested fields by object and by dotted path', async () => {
    expect(await where({ info: { city: 'SH' } })).toEqual(['c'])
    expect(await where({ 'info.city': 'BJ' })).toEqual(['a'])
    expect(await where({ 'scores.s': f._.gt(80) })).toEqual(['a'])
  })
})

describe('update operators', () => {
  const base = {
    _id: 'k',
    n: 2,
    price: 3,
    arr: [1, 2, 3, 4],
    set: ['a'],
    q: [1, 2, 3],
    obj: { keep: 1, x: 1 },
    gone: 1,
    old: 'v',
    lo: 5,
    hi: 5,
  }
  beforeEach(async () => {
    await f.db.collection('u').add(base)
  })
  const after = async (data: object) => {
    await f.db.collection('u').doc('k').update(data)
    return (await f.db.collection('u').doc('k').get()).data[0]
  }

  it('inc / mul / set / remove / rename / min / max', async () => {
    expect((await after({ n: f._.inc(3) })).n).toBe(5)
    expect((await after({ price: f._.mul(2.5) })).price).toBe(7.5)
    expect((await after({ obj: f._.set({ only: 1 }) })).obj).toEqual({ only: 1 })
    expect(await after({ gone: f._.remove() })).not.toHaveProperty('gone')
    const renamed = await after({ old: f._.rename('renamed') })
    expect(renamed).not.toHaveProperty('old')
    expect(renamed.renamed).toBe('v')
    expect((await after({ lo: f._.min(2) })).lo).toBe(2)
    expect((await after({ lo: f._.min(9) })).lo).toBe(2)
    expect((await after({ hi: f._.max(9) })).hi).toBe(9)
  })

  it('inc on a missing field starts from zero', async () => {
    expect((await after({ fresh: f._.inc(1) })).fresh).toBe(1)
  })

  it('push / pop / shift / unshift', async () => {
    expect((await after({ q: f._.push([4, 5]) })).q).toEqual([1, 2, 3, 4, 5])
    expect((await after({ q: f._.pop() })).q).toEqual([1, 2, 3, 4])
    expect((await after({ q: f._.shift() })).q).toEqual([2, 3, 4])
    expect((await after({ q: f._.unshift([0, 1]) })).q).toEqual([0, 1, 2, 3, 4])
    expect((await after({ q: f._.push({ each: [9], position: 1 }) })).q).toEqual([0, 9, 1, 2, 3, 4])
  })

  it('pull / pullAll / addToSet', async () => {
    expect((await after({ arr: f._.pull(f._.gt(2)) })).arr).toEqual([1, 2])
    expect((await after({ arr: f._.pullAll([1]) })).arr).toEqual([2])
    expect((await after({ set: f._.addToSet('a') })).set).toEqual(['a'])
    expect((await after({ set: f._.addToSet('b') })).set).toEqual(['a', 'b'])
    expect((await after({ set: f._.addToSet({ $each: ['b', 'c'] }) })).set).toEqual(['a', 'b', 'c'])
  })

  it('nested objects in update data merge by dotted path, operators inside them work', async () => {
    const doc = await after({ obj: { x: f._.inc(1), y: 'new' } })
    expect(doc.obj).toEqual({ keep: 1, x: 2, y: 'new' })
    expect((await after({ 'obj.keep': 7 })).obj.keep).toBe(7)
  })

  it('an invalid update fails with DATABASE_REQUEST_FAILED and changes nothing', async () => {
    await expect(
      f.db
        .collection('u')
        .doc('k')
        .update({ arr: f._.inc(1) }),
    ).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    })
    expect((await f.db.collection('u').doc('k').get()).data[0].arr).toEqual(base.arr)
  })
})

describe('where().update with operators', () => {
  it('applies to every match and counts them', async () => {
    await seed(f.db, 'w', [
      { g: 1, n: 0 },
      { g: 1, n: 0 },
      { g: 2, n: 0 },
    ])
    const res = await f.db
      .collection('w')
      .where({ g: 1 })
      .update({ n: f._.inc(2) })
    expect(res.updated).toBe(2)
    const all = (await f.db.collection('w').orderBy('g', 'asc').get()).data
    expect(all.map((d: { n: number }) => d.n)).toEqual([2, 2, 0])
  })
})
