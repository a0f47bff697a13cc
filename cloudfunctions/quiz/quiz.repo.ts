// Typed reads and writes of the quiz area (questions, tests, attempts, the 错题本): handlers call these, never
// ctx.db.collection. Each function says what it costs, because every database call is a round trip (issue 11).
//
// Several reads here join collections in one aggregation. Platform: Aggregate.lookup, server SDK ≥ 1.3.0, in its
// equality form ("对数组字段应用相等匹配": an array localField matches any element) and its let/pipeline form
// ("自定义连接条件、拼接子查询"; `let` optional) — developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/
// reference-sdk-api/database/aggregate/Aggregate.lookup.html. Joined rows come back inside the one output document.
import { COL } from '../_shared/collections'
import type { Db, MemberDoc } from '../_shared/context'
import type { Doc } from '../_shared/db-types'
import { isDuplicateKey } from '../_shared/duplicate-key'
import { typedCollection, type Patch } from '../_shared/repo'
import type { BankImportJobDoc } from './bank-import-job'
import {
  PATH_SAFE_ID,
  SUBMIT_GRACE_MS,
  type AttemptDoc,
  type LegacyWrongDoc,
  type PracticeDoc,
  type QuestionDoc,
  type QuizDoc,
  type WrongBookDoc,
  type WrongEntry,
} from './docs'

export const questionsOf = (db: Db) => typedCollection<QuestionDoc>(db, COL.questions)
export const quizzesOf = (db: Db) => typedCollection<QuizDoc>(db, COL.quizzes)
export const attemptsOf = (db: Db) => typedCollection<AttemptDoc>(db, COL.attempts)
export const practiceOf = (db: Db) => typedCollection<PracticeDoc>(db, COL.practice)
export const bankJobsOf = (db: Db) => typedCollection<BankImportJobDoc>(db, COL.bankImportJobs)
const wrongOf = (db: Db) => typedCollection<WrongBookDoc | LegacyWrongDoc>(db, COL.wrongBook)

/**
 * Active members per branch (a test's audience), in one aggregation with one row per branch; with a named branch, its
 * row also carries that branch's whole roster (id and name), folded into the one row (as member/year.ts folds a
 * branch), so the live view's 未考 list costs no request more for a branch of two thousand than for one of ten.
 */
export async function audienceOf(
  db: Db,
  branchIds: string[],
  named: string | null,
): Promise<{ sizes: Map<string, number>; roster: Array<{ _id: string; name: string }> }> {
  const _ = db.command
  const $ = _.aggregate
  const res = await typedCollection<MemberDoc>(db, COL.members)
    .aggregate()
    .match({ status: 'active', branchId: _.in(branchIds) })
    .group({
      _id: '$branchId',
      n: $.sum(1),
      ...(named
        ? {
            roster: $.push(
              $.cond({ if: $.eq(['$branchId', named]), then: { _id: '$_id', name: '$name' }, else: null }),
            ),
          }
        : {}),
    })
    .limit(1000)
    .end()
  return {
    sizes: new Map(res.list.map((r) => [r._id as string, r.n as number])),
    roster: res.list.flatMap((r) =>
      ((r.roster ?? []) as Array<{ _id: string; name: string } | null>).filter(
        (m): m is { _id: string; name: string } => !!m,
      ),
    ),
  }
}

/** A pool entry: what a random draw needs of a question. */
export type PoolQuestion = Pick<QuestionDoc, '_id' | 'type' | 'category'>

/** Questions by id with their keys: one read for a paper of up to 1000 questions. */
export function questionsById(db: Db, ids: readonly string[]): Promise<Map<string, QuestionDoc>> {
  return questionsOf(db).getMany(ids)
}

/** The member's 错题本 document, present or not, as the joins below report it (entries left out). */
const BOOK_HEAD = (memberId: string) => ({
  from: COL.wrongBook,
  pipeline: [{ $match: { _id: memberId } }, { $project: { _id: 1 } }],
  as: 'bookRows',
})

export interface GradingView {
  attempt: AttemptDoc
  quiz: QuizDoc | null
  /** The paper's questions with their keys. */
  paper: Map<string, QuestionDoc>
  /** Whether the member's 错题本 document exists, so its update after grading is one request. */
  hasBook: boolean
}

/**
 * An attempt with all that grading and its result need, in one request: its test, its paper's questions (joined by
 * the attempt's question ids, ≤ 100 by contract) and whether the member's 错题本 exists. Null when there is no such
 * attempt; the caller checks the owner.
 */
export async function gradingView(db: Db, attemptId: string): Promise<GradingView | null> {
  const res = await attemptsOf(db)
    .aggregate()
    .match({ _id: attemptId })
    .limit(1)
    .lookup({ from: COL.quizzes, localField: 'quizId', foreignField: '_id', as: 'quizRows' })
    .lookup({ from: COL.questions, localField: 'questionIds', foreignField: '_id', as: 'paperRows' })
    .lookup({ from: COL.wrongBook, localField: 'memberId', foreignField: '_id', as: 'bookRows' })
    .project({ 'bookRows.items': 0 })
    .end()
  const row = res.list[0]
  if (!row) return null
  const { quizRows, paperRows, bookRows, ...attempt } = row
  return {
    attempt: attempt as AttemptDoc,
    quiz: (quizRows as QuizDoc[])[0] ?? null,
    // A join by an array lists only the documents found in MongoDB; mingo (the local cloud) puts null for a missing
    // one. Either way the paper holds the questions that exist.
    paper: new Map((paperRows as Array<QuestionDoc | null>).filter((q) => !!q).map((q) => [q!._id, q!])),
    hasBook: (bookRows as Doc[]).length > 0,
  }
}

export interface StartView {
  quiz: QuizDoc
  /** The member's attempts at this test. */
  mine: AttemptDoc[]
  /** Active questions (id, type, category) when the test draws at random; empty for a fixed paper. */
  pool: PoolQuestion[]
  hasBook: boolean
}

/**
 * What starting (or resuming) a test needs before the draw, in one request: the test, the member's attempts at it,
 * the pool a random draw picks from (every active question's id, type and category: ≈ 60 bytes each, so a bank of
 * thousands is a few hundred KB in the one output document, far below its 16 MB) and the 错题本 head.
 */
export async function startView(db: Db, quizId: string, memberId: string): Promise<StartView | null> {
  const res = await quizzesOf(db)
    .aggregate()
    .match({ _id: quizId })
    .limit(1)
    .lookup({ from: COL.attempts, pipeline: [{ $match: { quizId, memberId } }], as: 'mine' })
    .lookup({
      from: COL.questions,
      let: { mode: '$mode' },
      pipeline: [
        { $match: { status: 'active', $expr: { $ne: ['$$mode', 'fixed'] } } },
        { $project: { _id: 1, type: 1, category: 1 } },
      ],
      as: 'pool',
    })
    .lookup(BOOK_HEAD(memberId))
    .end()
  const row = res.list[0]
  if (!row) return null
  const { mine, pool, bookRows, ...quiz } = row
  return {
    quiz: quiz as QuizDoc,
    mine: mine as AttemptDoc[],
    pool: pool as PoolQuestion[],
    hasBook: (bookRows as Doc[]).length > 0,
  }
}

/** An attempt of the member with, when it ran out (past its deadline and the grace), its paper to grade it. */
export type SeenAttempt = AttemptDoc & { paper: QuestionDoc[] }

export interface AvailableView {
  quizzes: QuizDoc[]
  mine: SeenAttempt[]
  hasBook: boolean
}

/**
 * The published tests a member's branch takes (newest 50) with her attempts at them, in one request. An attempt
 * still in progress past its deadline and grace comes with its paper's questions, so the list can grade it at once
 * (issue 13: time ran out while she was away) without reading again; the others come without.
 */
export async function availableView(db: Db, memberId: string, branchId: string, now: Date): Promise<AvailableView> {
  const _ = db.command
  const cutoff = new Date(now.getTime() - SUBMIT_GRACE_MS)
  const res = await quizzesOf(db)
    .aggregate()
    .match(_.and([{ status: 'published' }, _.or([{ audienceBranchIds: _.size(0) }, { audienceBranchIds: branchId }])]))
    .sort({ openAt: -1 })
    .limit(50)
    .lookup({
      from: COL.attempts,
      let: { quizId: '$_id' },
      pipeline: [
        { $match: { memberId, $expr: { $eq: ['$quizId', '$$quizId'] } } },
        {
          $addFields: {
            staleIds: {
              $cond: [
                { $and: [{ $eq: ['$status', 'in_progress'] }, { $lt: ['$deadline', cutoff] }] },
                '$questionIds',
                [],
              ],
            },
          },
        },
        { $lookup: { from: COL.questions, localField: 'staleIds', foreignField: '_id', as: 'paper' } },
        { $project: { staleIds: 0 } },
      ],
      as: 'mine',
    })
    .lookup(BOOK_HEAD(memberId))
    .end()
  const rows = res.list
  return {
    quizzes: rows.map(({ mine: _m, bookRows: _b, ...quiz }) => quiz as QuizDoc),
    mine: rows.flatMap((r) => r.mine as SeenAttempt[]),
    hasBook: rows.some((r) => (r.bookRows as Doc[]).length > 0),
  }
}

/**
 * Tests not yet closed (published; newest 100) with the member's attempts at them (id, test and status only), in
 * one request: what practice needs to know which keys it must hold back (locked.ts).
 */
export async function openQuizzesWithMine(
  db: Db,
  memberId: string,
  now: Date,
): Promise<Array<QuizDoc & { mine: Array<Pick<AttemptDoc, '_id' | 'quizId' | 'status'>> }>> {
  const _ = db.command
  const res = await quizzesOf(db)
    .aggregate()
    .match({ status: 'published', closeAt: _.gt(now) })
    .limit(100)
    .lookup({
      from: COL.attempts,
      let: { quizId: '$_id' },
      pipeline: [
        { $match: { memberId, $expr: { $eq: ['$quizId', '$$quizId'] } } },
        { $project: { _id: 1, quizId: 1, status: 1 } },
      ],
      as: 'mine',
    })
    .end()
  return res.list as Array<QuizDoc & { mine: Array<Pick<AttemptDoc, '_id' | 'quizId' | 'status'>> }>
}

/**
 * Creates a document under its natural key, once: false when it exists already (a retry, two taps). A duplicate is
 * recognised by code or by reading the key back, never by message text (_shared/duplicate-key.ts). One request.
 */
export async function createOnce(
  db: Db,
  collection: typeof COL.attempts | typeof COL.quizzes | typeof COL.practice | typeof COL.questions,
  doc: { _id: string },
): Promise<boolean> {
  try {
    await db.collection(collection).add({ data: doc })
    return true
  } catch (err) {
    if (await isDuplicateKey(db, collection, doc._id, err)) return false
    throw err
  }
}

/**
 * A bank import's change to an existing question, by `doc().update` as the import has always written it (a redone
 * write sets the same values again): one request.
 */
export async function updateQuestion(db: Db, id: string, patch: Patch<QuestionDoc>): Promise<void> {
  await db.collection(COL.questions).doc(id).update({ data: patch })
}

/** An attempt created under its natural key, once: false when two taps on 开始 made it already. */
export const createAttempt = (db: Db, doc: AttemptDoc) => createOnce(db, COL.attempts, doc)

/**
 * The conditional grading write: only an attempt still in progress whose answers are the ones graded (`rev`, bumped
 * by every saved answer) is written, so of concurrent submits, retries and deadline sweeps exactly one lands.
 * One request; true when this call wrote it.
 */
export async function writeGrade(db: Db, read: AttemptDoc, patch: Partial<AttemptDoc>): Promise<boolean> {
  const _ = db.command
  const n = await attemptsOf(db).updateWhere(
    { _id: read._id, status: 'in_progress', rev: read.rev ?? _.exists(false) },
    { ...patch, gradeWrites: _.inc(1) },
  )
  return n === 1
}

/**
 * Adds wrong answers to the member's 错题本 in one request: a first mistake creates its entry, a repeat counts up —
 * both the same `$inc` on `items.<qid>.wrongCount` (MongoDB's $inc creates a missing field with the amount). `hasBook`
 * says whether her document exists (the reads above report it): it does → one update; it does not → one add, and
 * should a concurrent call create it first (a practice answer at the same moment), the update after all. Unknown
 * (`undefined`) → the update, then the add when it found nothing. Ids that a field path cannot carry (no bank makes
 * them) keep the old one-document-per-question shape.
 */
export async function addWrong(
  db: Db,
  memberId: string,
  questionIds: readonly string[],
  source: WrongEntry['source'],
  now: Date,
  hasBook?: boolean,
  /**
   * An attempt's id: its wrong answers go in once, however often this is called for it (a submit retried after the
   * grading landed but this write did not). Marked in the same update (`added`), so a repeat changes nothing.
   */
  once?: string,
): Promise<void> {
  const qids = [...new Set(questionIds)]
  const safe = qids.filter((q) => PATH_SAFE_ID.test(q))
  const odd = qids.filter((q) => !PATH_SAFE_ID.test(q))
  await Promise.all([
    safe.length ? addToBook(db, memberId, safe, source, now, hasBook, once) : null,
    ...odd.map((q) => addLegacy(db, memberId, q, source, now)),
  ])
}

async function addToBook(
  db: Db,
  memberId: string,
  qids: string[],
  source: WrongEntry['source'],
  now: Date,
  hasBook: boolean | undefined,
  once: string | undefined,
): Promise<void> {
  const _ = db.command
  const book = wrongOf(db)
  const mark = once ? once.replace(/[^A-Za-z0-9_-]/g, '_') : null
  const update = () => {
    const patch: Doc = { updatedAt: now, rev: _.inc(1) }
    for (const q of qids) {
      patch[`items.${q}.wrongCount`] = _.inc(1)
      patch[`items.${q}.lastWrongAt`] = now
      patch[`items.${q}.source`] = source
    }
    if (!mark) return book.update(memberId, patch)
    patch[`added.${mark}`] = true
    return book.updateWhere({ _id: memberId, [`added.${mark}`]: _.neq(true) }, patch)
  }
  if (hasBook !== false) {
    if ((await update()) === 1) return
    // Her document is known to exist (read with the attempt; a member's 错题本 document is never removed, only the old
    // per-question ones): an update that matched nothing found this attempt's mark — a retried submit whose mistakes
    // are in already. Nothing more to do, and no create-then-duplicate round trips (the repeat's budget, issue 11).
    if (hasBook && mark) return
  }
  const doc: WrongBookDoc = {
    _id: memberId,
    memberId,
    items: Object.fromEntries(qids.map((q) => [q, { wrongCount: 1, lastWrongAt: now, source }])),
    ...(mark ? { added: { [mark]: true as const } } : {}),
    rev: 1,
    updatedAt: now,
  }
  try {
    await db.collection(COL.wrongBook).add({ data: doc })
  } catch (err) {
    // Created meanwhile by a concurrent answer: count up in it instead — or, for an attempt already added (`once`),
    // nothing more to do.
    if (!(await isDuplicateKey(db, COL.wrongBook, memberId, err))) throw err
    if ((await update()) !== 1 && !mark) throw err
  }
}

async function addLegacy(db: Db, memberId: string, qid: string, source: WrongEntry['source'], now: Date) {
  const _ = db.command
  const id = `${memberId}_${qid}`
  const n = await wrongOf(db).update(id, { wrongCount: _.inc(1), lastWrongAt: now, source })
  if (n === 0)
    await db
      .collection(COL.wrongBook)
      .doc(id)
      .set({ data: { memberId, questionId: qid, wrongCount: 1, lastWrongAt: now, source } })
}

/** One question of a member's 错题本, whichever shape holds it. */
export interface WrongItem extends WrongEntry {
  questionId: string
}

/**
 * The member's whole 错题本, newest mistake first: her document and any documents of the old shape, in one read
 * (both carry `memberId`). When old ones are found they are folded into her document (counts added, latest time
 * kept) and removed — two more requests, once per member — so the next read is one document.
 */
export async function readWrongBook(db: Db, memberId: string, now: Date): Promise<WrongItem[]> {
  // A fold that lost a race to another write of her document reads again (at most twice more: a race is rare).
  for (let round = 0; ; round++) {
    const read = await readWrongBookOnce(db, memberId, now)
    if (read.settled || round === 2) return read.items
  }
}

async function readWrongBookOnce(
  db: Db,
  memberId: string,
  now: Date,
): Promise<{ items: WrongItem[]; settled: boolean }> {
  const rows = await wrongOf(db).find({ memberId }, { limit: 1000 })
  const merged = new Map<string, WrongEntry>()
  let book: WrongBookDoc | null = null
  const legacy: LegacyWrongDoc[] = []
  for (const r of rows) {
    if ('items' in r) book = r
    else legacy.push(r)
  }
  for (const [qid, e] of Object.entries(book?.items ?? {}))
    merged.set(qid, { ...e, lastWrongAt: new Date(e.lastWrongAt) })
  for (const l of legacy) {
    // Already in `items` (folded before; the old document outlived the fold): counting it again would double it.
    if (book?.folded?.[l.questionId]) continue
    const have = merged.get(l.questionId)
    const at = new Date(l.lastWrongAt)
    merged.set(
      l.questionId,
      have
        ? {
            wrongCount: have.wrongCount + l.wrongCount,
            lastWrongAt: at > have.lastWrongAt ? at : have.lastWrongAt,
            source: at > have.lastWrongAt ? l.source : have.source,
          }
        : { wrongCount: l.wrongCount, lastWrongAt: at, source: l.source },
    )
  }
  const foldable = legacy.filter((l) => PATH_SAFE_ID.test(l.questionId))
  const settled = foldable.length ? await foldLegacy(db, memberId, book, foldable, merged, now) : true
  const items = [...merged.entries()]
    .map(([questionId, e]) => ({ questionId, ...e }))
    .sort((a, b) => b.lastWrongAt.getTime() - a.lastWrongAt.getTime() || a.questionId.localeCompare(b.questionId))
  return { items, settled }
}

/**
 * Moves old-shape entries into the member's document: each entry is written as merged, and marked `folded`, in one
 * update; then the old documents go. A fold that dies between the two, or a second read running beside it, finds
 * them marked and only removes them (readWrongBook skips folded ones), so no mistake is counted twice. The merged
 * counts come from the document as read, so the update is also conditional on its `rev` as read: a practice answer's
 * `$inc` landing between the read and the fold would otherwise be written over (one mistake lost). Answers false when
 * the fold lost such a race (nothing written): the caller reads again.
 */
async function foldLegacy(
  db: Db,
  memberId: string,
  book: WrongBookDoc | null,
  legacy: LegacyWrongDoc[],
  merged: Map<string, WrongEntry>,
  now: Date,
): Promise<boolean> {
  const _ = db.command
  const fresh = legacy.filter((l) => !book?.folded?.[l.questionId])
  const entries = Object.fromEntries(fresh.map((l) => [l.questionId, merged.get(l.questionId)!]))
  const folded = Object.fromEntries(fresh.map((l) => [l.questionId, true as const]))
  if (book) {
    if (fresh.length) {
      const patch: Doc = {}
      for (const [q, e] of Object.entries(entries)) {
        patch[`items.${q}`] = _.set(e)
        patch[`folded.${q}`] = true
      }
      // Only while none of them is marked yet: a read racing this one that folded first wins, and this one leaves
      // the old documents to be removed.
      const notYet = Object.fromEntries(fresh.map((l) => [`folded.${l.questionId}`, _.neq(true)]))
      patch.rev = _.inc(1)
      const unchanged = { rev: book.rev ?? _.exists(false) }
      if ((await wrongOf(db).updateWhere({ _id: memberId, ...notYet, ...unchanged }, patch)) === 0) return false
    }
  } else {
    try {
      await db
        .collection(COL.wrongBook)
        .add({ data: { _id: memberId, memberId, items: entries, folded, rev: 1, updatedAt: now } })
    } catch (err) {
      // Another call folded (or a submit created the document) meanwhile: read again.
      if (await isDuplicateKey(db, COL.wrongBook, memberId, err)) return false
      throw err
    }
  }
  await wrongOf(db).removeWhere({ _id: _.in(legacy.map((l) => l._id)) })
  return true
}

/** Whether a question is in the member's 错题本 (either shape): one read. */
export async function inWrongBook(db: Db, memberId: string, questionId: string): Promise<boolean> {
  const _ = db.command
  const old = { _id: `${memberId}_${questionId}` }
  const rows = await wrongOf(db).find(
    PATH_SAFE_ID.test(questionId)
      ? _.or([{ _id: memberId, [`items.${questionId}.wrongCount`]: _.exists(true) }, old])
      : old,
    { limit: 1, fields: { _id: true } },
  )
  return rows.length > 0
}

/**
 * Takes a question out of the member's 错题本 (either shape): two writes, the old-shape document's first. A fold
 * (foldLegacy) that read that document before it went would write the question back into her document from what it
 * read; so when an old-shape document was removed, her document's `rev` is counted up whether or not `items` has the
 * question yet, and a fold computed before fails its condition and reads again (found by review: with the `rev` bump
 * only when `items` had it, a question kept in the old shape came back after its removal).
 */
export async function removeWrong(db: Db, memberId: string, questionId: string): Promise<boolean> {
  const _ = db.command
  const old = await wrongOf(db).remove(`${memberId}_${questionId}`)
  if (!PATH_SAFE_ID.test(questionId)) return old > 0
  const inBook = await wrongOf(db).updateWhere(
    old > 0 ? { _id: memberId } : { _id: memberId, [`items.${questionId}.wrongCount`]: _.exists(true) },
    // A change of `items`: a fold computed from before it must not write the question back (foldLegacy).
    { [`items.${questionId}`]: _.remove(), rev: _.inc(1) },
  )
  return inBook + old > 0
}
