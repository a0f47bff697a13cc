// aggregate() pipelines as reports use them: match/group/sort/project/lookup/unwind/count/skip/limit/addFields.
import { seed, useFixture } from './fixture'

const f = useFixture()

beforeEach(async () => {
  await seed(f.db, 'orgs', [
    { _id: 'b1', name: '第一支部' },
    { _id: 'b2', name: '第二支部' },
  ])
  await seed(f.db, 'attendance', [
    { meetingId: 'm1', branchId: 'b1', status: 'present', minutes: 60 },
    { meetingId: 'm1', branchId: 'b1', status: 'leave', minutes: 0 },
    { meetingId: 'm1', branchId: 'b2', status: 'present', minutes: 50 },
    { meetingId: 'm2', branchId: 'b2', status: 'present', minutes: 40 },
    { meetingId: 'm2', branchId: 'b2', status: 'late', minutes: 30 },
  ])
})

const agg = () => f.db.collection('attendance').aggregate()

it('match + group + sort counts and sums per key', async () => {
  const { data } = await agg()
    .match({ status: f._.in(['present', 'late']) })
    .group({ _id: '$branchId', n: { $sum: 1 }, minutes: { $sum: '$minutes' } })
    .sort({ _id: 1 })
    .end()
  expect(data).toEqual([
    { _id: 'b1', n: 1, minutes: 60 },
    { _id: 'b2', n: 3, minutes: 120 },
  ])
})

it('lookup + unwind + group joins another collection', async () => {
  const { data } = await agg()
    .lookup({ from: 'orgs', localField: 'branchId', foreignField: '_id', as: 'org' })
    .unwind('$org')
    .group({ _id: '$org.name', n: { $sum: 1 } })
    .sort({ n: -1 })
    .end()
  expect(data).toEqual([
    { _id: '第二支部', n: 3 },
    { _id: '第一支部', n: 2 },
  ])
})

it('lookup from a collection that does not exist joins nothing', async () => {
  const { data } = await agg()
    .lookup({ from: 'ghosts', localField: 'branchId', foreignField: '_id', as: 'g' })
    .limit(1)
    .end()
  expect(data[0].g).toEqual([])
})

describe('joins as the quiz reads use them (quiz/quiz.repo.ts)', () => {
  beforeEach(async () => {
    await seed(f.db, 'quizzes', [{ _id: 'z1', paper: ['b2', 'b1', 'gone'], who: 'm1' }])
    await seed(f.db, 'members', [
      { _id: 'm1', phone: '1', items: { q: 1 } },
      { _id: 'm2', phone: '2', items: { q: 2 } },
    ])
  })

  it('an array localField joins every element that exists; a pipeline join with a constant match and $expr', async () => {
    const { data } = await f.db
      .collection('quizzes')
      .aggregate()
      .match({ _id: 'z1' })
      .limit(1)
      .lookup({ from: 'orgs', localField: 'paper', foreignField: '_id', as: 'paperRows' })
      .lookup({
        from: 'attendance',
        let: { b: 'b2' },
        pipeline: [
          { $match: { meetingId: 'm2', $expr: { $eq: ['$branchId', '$$b'] } } },
          { $project: { _id: 0, status: 1 } },
        ],
        as: 'rows',
      })
      .lookup({ from: 'members', localField: 'who', foreignField: '_id', as: 'book' })
      .project({ 'book.items': 0 })
      .end()
    expect(data).toHaveLength(1)
    // MongoDB lists only the documents found; mingo puts null for 'gone' (quiz.repo.ts drops it either way).
    const found = (rows: Array<{ _id: string } | null>) => rows.filter((o) => o !== null)
    expect(
      found(data[0].paperRows)
        .map((o) => o!._id)
        .sort(),
    ).toEqual(['b1', 'b2'])
    expect(data[0].rows).toEqual([{ status: 'present' }, { status: 'late' }])
    expect(data[0].book).toEqual([{ _id: 'm1', phone: '1' }])
  })

  it('the joined documents are the same whether the local cloud narrows the join or reads the collection whole', async () => {
    const run = () =>
      f.db
        .collection('quizzes')
        .aggregate()
        .match({ _id: 'z1' })
        .lookup({ from: 'orgs', localField: 'paper', foreignField: '_id', as: 'narrowed' })
        .addFields({ again: '$who' })
        // A key computed by a stage before it: the join runs once that stage has, on the values it produced.
        .lookup({ from: 'members', localField: 'again', foreignField: '_id', as: 'whole' })
        .end()
    const { data } = await run()
    const names = (data[0].narrowed as Array<{ name: string } | null>).filter((o) => o !== null).map((o) => o!.name)
    expect(names.sort()).toEqual(['第一支部', '第二支部'])
    expect(data[0].whole.map((m: { _id: string }) => m._id)).toEqual(['m1'])
  })
})

it("a page joins each row's own document by a key computed after sort, skip and limit (lists, joined-page.ts)", async () => {
  await seed(f.db, 'a', [
    { _id: 'm1_me', note: 'first' },
    { _id: 'm2_me', note: 'second' },
    { _id: 'm2_other', note: 'not mine' },
  ])
  const { data } = await agg()
    .sort({ minutes: -1 })
    .skip(1)
    .limit(3)
    .addFields({ key: f._.aggregate.concat(['$meetingId', '_me']) })
    .lookup({ from: 'a', localField: 'key', foreignField: '_id', as: 'mine' })
    .project({ _id: 0, minutes: 1, mine: 1 })
    .end()
  expect(data).toEqual([
    { minutes: 50, mine: [{ _id: 'm1_me', note: 'first' }] },
    { minutes: 40, mine: [{ _id: 'm2_me', note: 'second' }] },
    { minutes: 30, mine: [{ _id: 'm2_me', note: 'second' }] },
  ])
  // A row without the local field joins the documents without the foreign one, as MongoDB does.
  await seed(f.db, 'b', [{ _id: 'l1' }, { _id: 'l2', meetingId: 'm1' }])
  const loose = await agg()
    .match({ status: 'leave' })
    .project({ meetingId: 0 })
    .lookup({
      from: 'b',
      localField: 'meetingId',
      foreignField: 'meetingId',
      as: 'l',
    })
    .end()
  expect(loose.data[0].l).toEqual([{ _id: 'l1' }])
})

it('project, addFields, skip, limit and count stages', async () => {
  const projected = await agg().match({ meetingId: 'm2' }).project({ _id: 0, status: 1 }).end()
  expect(projected.data).toEqual([{ status: 'present' }, { status: 'late' }])

  const added = await agg()
    .match({ meetingId: 'm2' })
    .addFields({ hours: { $divide: ['$minutes', 60] } })
    .project({ _id: 0, hours: 1 })
    .end()
  expect(added.data).toEqual([{ hours: 40 / 60 }, { hours: 0.5 }])

  const paged = await agg().sort({ minutes: -1 }).skip(1).limit(2).project({ _id: 0, minutes: 1 }).end()
  expect(paged.data).toEqual([{ minutes: 50 }, { minutes: 40 }])

  const counted = await agg().match({ branchId: 'b2' }).count('total').end()
  expect(counted.data).toEqual([{ total: 3 }])
})

it('match understands command operators, regex and serverDate', async () => {
  await f.db.collection('events').add([
    { title: '主题党日', at: new Date(f.clock.now.getTime() - 1000) },
    { title: '党课', at: new Date(f.clock.now.getTime() + 1000) },
  ])
  const past = await f.db
    .collection('events')
    .aggregate()
    .match({ at: f._.lt(f.db.serverDate()) })
    .end()
  expect(past.data.map((d: { title: string }) => d.title)).toEqual(['主题党日'])
  const re = await f.db.collection('events').aggregate().match({ title: /党课/ }).end()
  expect(re.data).toHaveLength(1)
})

it('returns 20 documents without a $limit stage, and up to the limit with one', async () => {
  await f.db.collection('big').add(Array.from({ length: 60 }, (_, i) => ({ i })))
  expect((await f.db.collection('big').aggregate().match({}).end()).data).toHaveLength(20)
  expect((await f.db.collection('big').aggregate().match({}).limit(50).end()).data).toHaveLength(50)
  expect((await f.db.collection('big').aggregate().match({}).limit(1000).end()).data).toHaveLength(60)
})

it('stages that reshape documents do not alter what is stored', async () => {
  await agg().addFields({ minutes: 999, extra: 1 }).unwind('$missing').end()
  await agg().project({ status: 0 }).end()
  const stored = await f.db.collection('attendance').where({ meetingId: 'm1', branchId: 'b1' }).get()
  expect(stored.data.map((d: { minutes: number }) => d.minutes)).toEqual([60, 0])
  expect(stored.data[0]).not.toHaveProperty('extra')
  expect(stored.data[0].status).toBe('present')

  // mingo writes dotted $addFields into nested objects in place; the cached documents must not see it.
  await f.db.collection('n').add({ _id: 'n', o: { a: 1 }, tags: ['x'] })
  const reshaped = await f.db.collection('n').aggregate().unwind('$tags').addFields({ 'o.b': 2 }).end()
  expect(reshaped.data[0].o).toEqual({ a: 1, b: 2 })
  expect((await f.db.collection('n').doc('n').get()).data[0].o).toEqual({ a: 1 })
})

it('Date values survive group accumulators', async () => {
  await f.db.collection('t').add([
    { k: 1, at: new Date('2024-01-01') },
    { k: 1, at: new Date('2024-02-01') },
  ])
  const { data } = await f.db
    .collection('t')
    .aggregate()
    .group({ _id: '$k', last: { $max: '$at' } })
    .end()
  expect(data[0].last).toEqual(new Date('2024-02-01'))
})

describe('result size caps', () => {
  beforeEach(async () => {
    await f.db.collection('big').add(Array.from({ length: 1200 }, (_x, i) => ({ i })))
  })

  it('returns 20 without a limit, up to 1000 with one, and refuses a larger limit', async () => {
    expect((await f.db.collection('big').aggregate().match({}).end()).data).toHaveLength(20)
    expect((await f.db.collection('big').aggregate().match({}).limit(1000).end()).data).toHaveLength(1000)
    await expect(f.db.collection('big').aggregate().match({}).limit(1001).end()).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    })
    // Paging with skip reaches the rest.
    expect((await f.db.collection('big').aggregate().match({}).skip(1000).limit(1000).end()).data).toHaveLength(200)
  })
})

it('folds a grouping into one result document, and refuses one above 16 MB (MongoDB document limit)', async () => {
  const folded = await agg()
    .group({ _id: '$branchId', n: { $sum: 1 } })
    .group({ _id: null, rows: { $push: '$$ROOT' } })
    .limit(1)
    .end()
  expect(folded.data).toHaveLength(1)
  expect(folded.data[0].rows).toHaveLength(2)
  const mb = 'x'.repeat(1024 * 1024)
  await f.db.collection('big').add(Array.from({ length: 17 }, (_, i) => ({ i, text: mb })))
  const fits = f.db
    .collection('big')
    .aggregate()
    .match({ i: f._.lt(15) })
    .group({ _id: null, all: { $push: '$text' } })
  expect((await fits.limit(1).end()).data[0].all).toHaveLength(15)
  const tooBig = f.db
    .collection('big')
    .aggregate()
    .group({ _id: null, all: { $push: '$text' } })
  await expect(tooBig.limit(1).end()).rejects.toThrow(/16MB/)
})
