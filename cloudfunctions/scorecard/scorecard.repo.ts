// Typed reads and writes of the scorecard area: the committee's weights (one document) and the year's figures. Handlers call these, never
// ctx.db.collection (issue 11); each says what it costs.
import type { MeetingType } from '../../src/domain/meeting.types'
import type { Weights } from '../../src/domain/scorecard.rules'
import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import { typedCollection } from '../_shared/repo'
import { emptySizes, meetingExprs } from '../meeting/period-figures'
import type { TallySizes } from '../meeting/stored-tally'

export interface WeightsDoc {
  _id: string
  weights: Weights
  updatedAt: Date
  updatedById: string
  updatedByName: string
}

/** The weights live in one document under a fixed id: there is one set for the whole organisation. */
export const WEIGHTS_ID = 'current'

const weightsOf = (db: Db) => typedCollection<WeightsDoc>(db, COL.scoreWeights)

/** The committee's weights, or null while it has never set any (the defaults apply). One read. */
export function loadWeights(db: Db): Promise<WeightsDoc | null> {
  return weightsOf(db).get(WEIGHTS_ID)
}

/** Stores the weights with who set them and when (the whole document, created or replaced). One write. */
export function saveWeights(db: Db, doc: Omit<WeightsDoc, '_id'>): Promise<void> {
  return weightsOf(db).put({ _id: WEIGHTS_ID, ...doc })
}

// ---- The year's figures (counts.ts): bounded aggregations over the other areas' collections, each grouping by branch
// and month (and a small key), so their rows number branches × months × a handful whatever the roster or records.
// `aggregateAll` pages them 1000 at a time; a committee of tens of branches pays one request each.

/** What fell due in the year, and where each branch's figures start. */
export interface YearDue {
  /** Active members per branch now. */
  members: Array<{ _id: string; n: number }>
  articles: Array<{ _id: string; audienceBranchIds: string[]; publishAt: Date }>
  quizzes: Array<{ _id: string; audienceBranchIds: string[]; openAt: Date }>
  reviews: Array<{ _id: string; openAt: Date }>
  /** Each branch's first meeting ever (not cancelled). */
  firstMeetings: Array<{ _id: string; first: Date }>
}

/** Meetings of a branch-month, by type, group, over or not and with a fresh stored count or not. */
export type MeetingGroupRow = Partial<TallySizes> & {
  _id: { b: string; m: number; t: MeetingType; g: string | null; o: boolean; f: boolean }
  n: number
  recorded: number
  expected: number
  /** Over meetings without a fresh stored count: counted live from their rows. */
  ids: string[]
}

/** What each branch did in the year. */
export interface YearDone {
  meetings: MeetingGroupRow[]
  reads: Array<{ _id: { b: string; a: string }; n: number }>
  attempts: Array<{ _id: { b: string; q: string }; taken: number; passed: number }>
  hours: Array<{ _id: { b: string; m: number }; hours: number | null }>
  voters: Array<{ _id: { r: string; b: string }; n: number; voted: number }>
}

/** Five aggregations made together (one request per thousand rows each). */
export async function yearDue(db: Db, from: Date, to: Date): Promise<YearDue> {
  const _ = db.command
  const $ = _.aggregate
  const range = _.gte(from).and(_.lte(to))
  const [members, articles, quizzes, reviews, firstMeetings] = await Promise.all([
    aggregateAll<YearDue['members'][number]>(() =>
      db
        .collection(COL.members)
        .aggregate()
        .match({ status: 'active' })
        .group({ _id: '$branchId', n: $.sum(1) })
        .sort({ _id: 1 }),
    ),
    aggregateAll<YearDue['articles'][number]>(() =>
      db
        .collection(COL.articles)
        .aggregate()
        .match({ status: 'published', required: true, publishAt: range })
        .project({ audienceBranchIds: 1, publishAt: 1 })
        .sort({ _id: 1 }),
    ),
    aggregateAll<YearDue['quizzes'][number]>(() =>
      db
        .collection(COL.quizzes)
        .aggregate()
        .match({ status: 'published', openAt: range })
        .project({ audienceBranchIds: 1, openAt: 1 })
        .sort({ _id: 1 }),
    ),
    aggregateAll<YearDue['reviews'][number]>(() =>
      db
        .collection(COL.reviews)
        .aggregate()
        .match({ status: 'open', openAt: range })
        .project({ openAt: 1 })
        .sort({ _id: 1 }),
    ),
    // Each branch's first meeting: where its 组织生活 figures start unless the committee set a day
    // (meeting/compliance-start.ts reads it per branch; here one grouping serves every branch).
    aggregateAll<YearDue['firstMeetings'][number]>(() =>
      db
        .collection(COL.meetings)
        .aggregate()
        .match({ status: _.neq('cancelled') })
        .group({ _id: '$branchId', first: $.min('$startAt') })
        .sort({ _id: 1 }),
    ),
  ])
  return { members, articles, quizzes, reviews, firstMeetings }
}

/**
 * Up to five aggregations made together (reads, attempts and voters only when something of theirs fell due). The
 * month is worked out inside the aggregation as the count of month starts (`starts`, China time) at or before the
 * date: plain comparisons, which CloudBase's aggregation operators and the local cloud both have.
 */
export async function yearDone(
  db: Db,
  p: {
    from: Date
    to: Date
    starts: Date[]
    now: Date
    articleIds: string[]
    quizIds: string[]
    reviewIds: string[]
  },
): Promise<YearDone> {
  const _ = db.command
  const $ = _.aggregate
  const range = _.gte(p.from).and(_.lte(p.to))
  const month = (field: string) =>
    $.add(p.starts.slice(1, 12).map((s) => $.cond({ if: $.gte([field, s]), then: 1, else: 0 })))
  const none = Promise.resolve([])
  const { over, fresh } = meetingExprs(db, p.now)
  const sizes = Object.keys(emptySizes())
  const [meetings, reads, attempts, hours, voters] = await Promise.all([
    aggregateAll<MeetingGroupRow>(() =>
      db
        .collection(COL.meetings)
        .aggregate()
        .match({ status: _.neq('cancelled'), startAt: range })
        .project({
          branchId: 1,
          startAt: 1,
          type: 1,
          groupId: 1,
          recordState: 1,
          expectedCount: 1,
          'tally.n': 1,
          over,
          fresh,
        })
        .group({
          _id: { b: '$branchId', m: month('$startAt'), t: '$type', g: '$groupId', o: '$over', f: '$fresh' },
          n: $.sum(1),
          recorded: $.sum($.cond({ if: $.eq(['$recordState', 'complete']), then: 1, else: 0 })),
          expected: $.sum('$expectedCount'),
          ids: $.push($.cond({ if: $.and(['$over', $.not(['$fresh'])]), then: '$_id', else: '' })),
          ...Object.fromEntries(sizes.map((k) => [k, $.sum($.ifNull([`$tally.n.${k}`, 0]))])),
        })
        .project({
          n: 1,
          recorded: 1,
          expected: 1,
          ids: $.filter({ input: '$ids', as: 'i', cond: $.neq(['$$i', '']) }),
          ...Object.fromEntries(sizes.map((k) => [k, 1])),
        })
        .sort({ '_id.b': 1, '_id.m': 1, '_id.t': 1, '_id.g': 1, '_id.o': 1, '_id.f': 1 }),
    ),
    p.articleIds.length
      ? aggregateAll<YearDone['reads'][number]>(() =>
          db
            .collection(COL.reads)
            .aggregate()
            .match({ required: true, articleId: _.in(p.articleIds) })
            .group({ _id: { b: '$branchId', a: '$articleId' }, n: $.sum(1) })
            .sort({ '_id.b': 1, '_id.a': 1 }),
        )
      : none,
    p.quizIds.length
      ? aggregateAll<YearDone['attempts'][number]>(() =>
          db
            .collection(COL.attempts)
            .aggregate()
            .match({ quizId: _.in(p.quizIds), status: 'submitted' })
            // Per member and test first (several attempts count once, passed by the best), then per branch and test.
            .group({
              _id: { q: '$quizId', p: '$memberId', b: '$branchId' },
              passed: $.max($.cond({ if: '$passed', then: 1, else: 0 })),
            })
            .group({ _id: { b: '$_id.b', q: '$_id.q' }, taken: $.sum(1), passed: $.sum('$passed') })
            .sort({ '_id.b': 1, '_id.q': 1 }),
        )
      : none,
    aggregateAll<YearDone['hours'][number]>(() =>
      db
        .collection(COL.signups)
        .aggregate()
        .match({ status: 'confirmed', kind: 'volunteer', activityStartAt: range })
        .group({ _id: { b: '$branchId', m: month('$activityStartAt') }, hours: $.sum('$hours') })
        .sort({ '_id.b': 1, '_id.m': 1 }),
    ),
    p.reviewIds.length
      ? aggregateAll<YearDone['voters'][number]>(() =>
          db
            .collection(COL.reviewVoters)
            .aggregate()
            .match({ reviewId: _.in(p.reviewIds) })
            .group({
              _id: { r: '$reviewId', b: '$branchId' },
              n: $.sum(1),
              voted: $.sum($.cond({ if: '$voted', then: 1, else: 0 })),
            })
            .sort({ '_id.r': 1, '_id.b': 1 }),
        )
      : none,
  ])
  return { meetings, reads, attempts, hours, voters }
}
