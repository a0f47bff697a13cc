// The 错题本 as one document per member (issue 11): what members see of it is what they saw before — every wrong answer
// in it once, a repeat counted up, a corrected one kept until removed — and 错题本s written in the older shape (one
// document per question) still show, folded into the member's document the first time she opens it.
import type { PaperQuestion } from '../../../src/contract/quiz.contract'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { importBank, publishedQuiz, rightChoice } from './fixtures'

jest.setTimeout(60_000)

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await importBank(t)
})
afterEach(() => t.close())

const memberId = async (name: string) =>
  (await t.cloud.db().collection('members').where({ name }).get()).data[0]._id as string
const questionIds = async () =>
  (await t.cloud.db().collection('questions').orderBy('_id', 'asc').limit(100).get()).data.map((q) => q._id as string)
const stored = async (id: string) => (await t.cloud.db().collection('wrong_book').where({ memberId: id }).get()).data

function wrongChoice(q: PaperQuestion): number[] {
  const right = rightChoice(q)
  return [q.options.findIndex((_o, k) => !right.includes(k))]
}

it('a 错题本 kept in the older shape shows as before, merged with new mistakes, and is folded into one document', async () => {
  const me = await t.openidOf('钱文静')
  const id = await memberId('钱文静')
  const [a, b, c] = await questionIds()
  const db = t.cloud.db()
  const old = (qid: string, n: number, at: string) =>
    db
      .collection('wrong_book')
      .doc(`${id}_${qid}`)
      .set({ data: { memberId: id, questionId: qid, wrongCount: n, lastWrongAt: new Date(at), source: 'quiz' } })
  await old(a, 2, '2026-06-01T02:00:00Z')
  await old(b, 1, '2026-06-02T02:00:00Z')
  // A new mistake on `b` and a first one on `c`, written the new way (practice from the 错题本 and from today's).
  await t.ok(me, 'quiz.practiceAnswer', { questionId: b, choice: [3], source: 'wrong_book' })

  const first = await t.ok(me, 'quiz.wrongBook', {})
  const seen = first.items.map((i) => ({ id: i.id, n: i.wrongCount }))
  expect(seen).toEqual([
    { id: b, n: 2 },
    { id: a, n: 2 },
  ])
  expect(first.total).toBe(2)
  // Folded: one document now, and the same 错题本 read from it.
  const rows = await stored(id)
  expect(rows.map((r) => r._id)).toEqual([id])
  const again = await t.ok(me, 'quiz.wrongBook', {})
  expect(again.items.map((i) => ({ id: i.id, n: i.wrongCount }))).toEqual(seen)
  expect(again.items.map((i) => i.lastWrongAt)).toEqual(first.items.map((i) => i.lastWrongAt))
  // An old-shape entry can be practised and removed like any other.
  expect(c).toBeDefined()
  expect((await t.ok(me, 'quiz.removeWrong', { questionId: a })).removed).toBe(true)
  expect((await t.ok(me, 'quiz.wrongBook', {})).items.map((i) => i.id)).toEqual([b])
  expect((await t.ok(me, 'quiz.removeWrong', { questionId: a })).removed).toBe(false)
})

it('a corrected answer stays in the 错题本 until removed; removing one leaves the others', async () => {
  const me = await t.openidOf('钱文静')
  const today = await t.ok(me, 'quiz.practiceToday', {})
  const [q1, q2] = today.questions
  for (const q of [q1, q2])
    await t.ok(me, 'quiz.practiceAnswer', { questionId: q.id, choice: wrongChoice(q), source: 'daily' })
  const redo = await t.ok(me, 'quiz.practiceAnswer', {
    questionId: q1.id,
    choice: rightChoice(q1),
    source: 'wrong_book',
  })
  expect(redo.correct).toBe(true)
  const book = await t.ok(me, 'quiz.wrongBook', {})
  expect(book.items.map((i) => i.id).sort()).toEqual([q1.id, q2.id].sort())
  expect(book.items.every((i) => i.wrongCount === 1)).toBe(true)
  await t.ok(me, 'quiz.removeWrong', { questionId: q1.id })
  expect((await t.ok(me, 'quiz.wrongBook', {})).items.map((i) => i.id)).toEqual([q2.id])
})

it('two submits of one paper and a practice mistake at the same moment: every wrong answer counted once, no error', async () => {
  const ids = await questionIds()
  const paperIds = ids.slice(0, 6)
  const { quiz } = await publishedQuiz(t, { mode: 'fixed', draw: null, fixedQuestionIds: paperIds })
  const me = await t.openidOf('钱文静')
  const id = await memberId('钱文静')
  // A question of today's practice that is not on the paper: practice gives its verdict (nothing held back).
  const today = await t.ok(me, 'quiz.practiceToday', {})
  const free = today.questions.find((q) => !paperIds.includes(q.id) && !today.held.includes(q.id))!
  expect(free).toBeDefined()
  const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
  for (const q of attempt.questions)
    await t.ok(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: wrongChoice(q) })
  // Her 错题本 does not exist yet: all three calls race to create it.
  expect(await stored(id)).toEqual([])
  const [s1, s2, p] = await Promise.all([
    t.call(me, 'quiz.submit', { attemptId: attempt.attemptId }),
    t.call(me, 'quiz.submit', { attemptId: attempt.attemptId }),
    t.call(me, 'quiz.practiceAnswer', { questionId: free.id, choice: wrongChoice(free), source: 'daily' }),
  ])
  expect([s1.ok, s2.ok, p.ok]).toEqual([true, true, true])
  if (!s1.ok || !s2.ok) return
  expect(s1.data.result.score).toBe(s2.data.result.score)
  const rows = await stored(id)
  expect(rows).toHaveLength(1)
  const items = rows[0].items as Record<string, { wrongCount: number }>
  expect(Object.keys(items).sort()).toEqual([...paperIds, free.id].sort())
  expect(Object.values(items).every((e) => e.wrongCount === 1)).toBe(true)
  const book = await t.ok(me, 'quiz.wrongBook', {})
  expect(book.total).toBe(7)
})

/** Her 错题本 in the old shape, one document per question: a wrong twice, b once. */
async function oldShapeMistakes(memberId: string, a: string, b: string) {
  const db = t.cloud.db()
  for (const [qid, n] of [
    [a, 2],
    [b, 1],
  ] as const)
    await db
      .collection('wrong_book')
      .doc(`${memberId}_${qid}`)
      .set({ data: { memberId, questionId: qid, wrongCount: n, lastWrongAt: new Date(), source: 'quiz' } })
}

/** Her first look at the 错题本, held just before it writes the fold; answers once it is held. */
async function firstLookHeldAtFold(me: string) {
  let release!: () => void
  let arrived!: () => void
  const reached = new Promise<void>((r) => (arrived = r))
  const gate = new Promise<void>((r) => (release = r))
  let held = false
  const look = t.call(
    me,
    'quiz.wrongBook',
    {},
    {
      beforeRequest: async (action: string, params: unknown) => {
        if (held || action !== 'database.modifyDocument') return
        if ((params as { collectionName?: string }).collectionName !== 'wrong_book') return
        held = true
        arrived()
        await gate
      },
    },
  )
  await reached
  return { look, release }
}

it('a fold that dies before the old documents are removed does not count those mistakes twice', async () => {
  const me = await t.openidOf('钱文静')
  const id = await memberId('钱文静')
  const [a, b] = await questionIds()
  await oldShapeMistakes(id, a, b)
  await t.ok(me, 'quiz.practiceAnswer', { questionId: b, choice: [3], source: 'wrong_book' })
  const counts = async () =>
    Object.fromEntries((await t.ok(me, 'quiz.wrongBook', {})).items.map((i) => [i.id, i.wrongCount]))

  // The first look folds them into her document and is cut off just before removing the old ones.
  const cut = await t.call(
    me,
    'quiz.wrongBook',
    {},
    {
      beforeRequest: async (action: string, params: unknown) => {
        if (
          action === 'database.removeDocument' &&
          (params as { collectionName?: string }).collectionName === 'wrong_book'
        )
          throw new Error('cut off')
      },
    },
  )
  expect(cut.ok).toBe(false)
  expect((await stored(id)).length).toBe(3)
  // The next looks count each mistake once, and tidy the old documents away.
  expect(await counts()).toEqual({ [a]: 2, [b]: 2 })
  expect(await counts()).toEqual({ [a]: 2, [b]: 2 })
  expect((await stored(id)).map((r) => r._id)).toEqual([id])
})

it('a practice mistake landing while the first look folds old documents is counted, not overwritten by the fold', async () => {
  const me = await t.openidOf('钱文静')
  const id = await memberId('钱文静')
  const [a, b] = await questionIds()
  await oldShapeMistakes(id, a, b)
  await t.ok(me, 'quiz.practiceAnswer', { questionId: b, choice: [3], source: 'wrong_book' })

  // Her first look has read both shapes and is held just before it writes the fold (b: 1 old + 1 new = 2) …
  const { look, release } = await firstLookHeldAtFold(me)
  // … while she answers b wrong again on another screen (its $inc lands first).
  await t.ok(me, 'quiz.practiceAnswer', { questionId: b, choice: [3], source: 'daily' })
  release()
  expect((await look).ok).toBe(true)
  // Three mistakes on b: the fold did not write its count over the new one (before: 2).
  const counts = Object.fromEntries((await t.ok(me, 'quiz.wrongBook', {})).items.map((i) => [i.id, i.wrongCount]))
  expect(counts).toEqual({ [a]: 2, [b]: 3 })
  expect((await stored(id)).map((r) => r._id)).toEqual([id])
})

it('an old-shape question removed while the first look folds old documents stays removed, not written back by the fold', async () => {
  const me = await t.openidOf('钱文静')
  const id = await memberId('钱文静')
  const [a, b] = await questionIds()
  await oldShapeMistakes(id, a, b)
  // Her document exists (a new mistake on b), so the fold is the rev-conditional update.
  await t.ok(me, 'quiz.practiceAnswer', { questionId: b, choice: [3], source: 'wrong_book' })

  // Her first look has read both shapes and is held just before it writes the fold (a: 2 from its old document) …
  const { look, release } = await firstLookHeldAtFold(me)
  // … while she removes a on another screen: it is only in its old document, which goes.
  expect((await t.ok(me, 'quiz.removeWrong', { questionId: a })).removed).toBe(true)
  release()
  expect((await look).ok).toBe(true)
  // a stays out of her 错题本 (before: the fold wrote it back from what it had read).
  expect((await t.ok(me, 'quiz.wrongBook', {})).items.map((i) => i.id)).toEqual([b])
})
