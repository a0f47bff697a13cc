import { COL } from '../_shared/collections'
import type { Aggregate, Db, Doc } from '../_shared/db-types'
import type { Counts } from './tallies'

/**
 * Stages that count each meeting of a page's attendance in the page's own aggregation (joined-page.ts `extend`):
 * the same figures as tallies.ts talliesFor — records by status, marked extras, approved leave and how many of those
 * members also have a record — without its two further aggregations. Each row gets `_x_counts`.
 *
 * The meeting's records and leave come in by `lookup` on `meetingId` (a page is 20 meetings; a meeting's records are
 * its expected list, the branch); `filter`, `map`, `size` and `setIntersection` (documented AggregateCommand
 * operators) reduce them to numbers, and the arrays are dropped before the answer leaves the database.
 */
export function withCounts(db: Db): (a: Aggregate) => Aggregate {
  const $ = db.command.aggregate
  const recordsWith = (cond: unknown) => $.size($.filter({ input: '$_records', as: 'r', cond }))
  const approved = $.filter({
    input: '$_leaves',
    as: 'l',
    cond: $.and([$.eq(['$$l.status', 'approved']), $.eq(['$$l.cancelled', false])]),
  })
  const counts: Record<keyof Counts, unknown> = {
    present: recordsWith($.eq(['$$r.status', 'present'])),
    late: recordsWith($.eq(['$$r.status', 'late'])),
    absentMarked: recordsWith($.not([$.in(['$$r.status', ['present', 'late']])])),
    extra: recordsWith($.eq([$.ifNull(['$$r.extra', false]), true])),
    leaves: $.size(approved),
    leaveRecorded: $.size(
      $.setIntersection([
        $.map({ input: approved, as: 'l', in: '$$l._id' }),
        $.map({ input: '$_records', as: 'r', in: '$$r._id' }),
      ]),
    ),
  }
  return (a) =>
    a
      .lookup({ from: COL.attendance, localField: '_id', foreignField: 'meetingId', as: '_records' })
      .lookup({ from: COL.leaves, localField: '_id', foreignField: 'meetingId', as: '_leaves' })
      .addFields({ _x_counts: counts })
      .project({ _records: 0, _leaves: 0 })
}

/** The counts `withCounts` put on a row (its `extra` from joinedPage). */
export function countsOf(extra: Doc): Counts {
  return extra.counts as Counts
}
