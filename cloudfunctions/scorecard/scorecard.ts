import type { ScorecardView } from '../../src/contract/scorecard.contract'
import { mayReadBranch } from '../../src/domain/rank'
import {
  DEFAULT_WEIGHTS,
  MEASURE_KEYS,
  measuresOf,
  monthStarts,
  monthsOf,
  periodLabel,
  rankByTotal,
  sumMonths,
  totalScore,
  weightsProblem,
  type MeasureKey,
  type ScorePeriod,
  type Weights,
} from '../../src/domain/scorecard.rules'
import { china } from '../../src/domain/time'
import { writeAudit } from '../_shared/audit'
import type { Ctx, MemberCaller } from '../_shared/context'
import { fail } from '../_shared/errors'
import { orgsOf } from '../_shared/orgs'
import { yearCounts } from './counts'
import { loadWeights, saveWeights, WEIGHTS_ID } from './scorecard.repo'
import type { ScorecardHandler } from '../_shared/handlers'

/**
 * Every branch's scorecard for a period, ranked by the committee's weights, with the month-by-month trend of the year.
 * The cost is fixed (17 requests: see counts.ts), whatever the roster or the records. A branch admin gets her
 * branch's row and its place among all branches, not the others' rows.
 */
export async function computeScorecard(input: ScorePeriod, ctx: Ctx<MemberCaller>): Promise<ScorecardView> {
  if (input.quarter && input.month) fail('INVALID_INPUT', '季度和月份只能选一个')
  const now = ctx.clock.now()
  const starts = monthStarts(input.year)
  const [orgs, weightsDoc] = await Promise.all([orgsOf(ctx), loadWeights(ctx.db)])
  const weights = weightsDoc?.weights ?? DEFAULT_WEIGHTS
  const branches = [...orgs.values()]
    .filter((o) => o.type === 'branch' && !o.retiredAt)
    .sort((a, b) => a.ancestors.length - b.ancestors.length || a.sort - b.sort)
  const counts = await yearCounts(ctx.db, input.year, starts, now, branches, orgs)

  const period = monthsOf(input)
  const rows = rankByTotal(
    branches.map((b) => {
      const months = counts.months.get(b._id)!
      const sum = sumMonths(period.map((m) => months[m]))
      const members = counts.members.get(b._id) ?? 0
      const { values, hoursPerMember } = measuresOf(sum, members, period.length)
      return {
        branchId: b._id,
        branchName: b.name,
        members,
        values,
        counts: sum,
        hoursPerMember,
        total: totalScore(values, weights),
      }
    }),
  )
  const visible = rows.filter((r) => {
    const o = orgs.get(r.branchId)!
    return mayReadBranch(ctx.caller, { id: o._id, ancestors: o.ancestors })
  })

  // The trend: this year's months up to now (all twelve for a past year).
  const current = china(now)
  const lastMonth = input.year < current.year() ? 11 : input.year > current.year() ? -1 : current.month()
  const trendMonths = Array.from({ length: lastMonth + 1 }, (_, i) => i)
  // Each month's measures come from the month counts already read for the period: the lines per measure cost no
  // request of their own.
  const series = visible.map((r) => {
    const monthly = trendMonths.map((m) => measuresOf(counts.months.get(r.branchId)![m], r.members, 1).values)
    return {
      branchId: r.branchId,
      totals: monthly.map((values) => totalScore(values, weights)),
      measures: Object.fromEntries(MEASURE_KEYS.map((k) => [k, monthly.map((values) => values[k])])) as Record<
        MeasureKey,
        Array<number | null>
      >,
    }
  })
  const fromAt = starts[period[0]]
  const end = starts[period[period.length - 1] + 1]
  return {
    period: {
      year: input.year,
      quarter: input.quarter ?? null,
      month: input.month ?? null,
      label: periodLabel(input),
      from: fromAt.toISOString(),
      to: (end < now ? new Date(end.getTime() - 1) : now).toISOString(),
    },
    weights,
    weightsUpdatedAt: weightsDoc ? new Date(weightsDoc.updatedAt).toISOString() : null,
    weightsUpdatedBy: weightsDoc?.updatedByName ?? null,
    ranked: rows.filter((r) => r.rank !== null).length,
    rows: visible,
    trend: { months: trendMonths.map((m) => `${input.year}-${String(m + 1).padStart(2, '0')}`), series },
    inProgress: counts.inProgress,
  }
}

export const view: ScorecardHandler<'view'> = computeScorecard

/** The committee sets the weights: stored in one document, the change audited with before and after. */
export const setWeights: ScorecardHandler<'setWeights'> = async (input, ctx) => {
  const weights = Object.fromEntries(MEASURE_KEYS.map((k) => [k, input[k]])) as Weights
  const problem = weightsProblem(weights)
  if (problem) fail('INVALID_INPUT', problem)
  const before = await loadWeights(ctx.db)
  const now = ctx.clock.now()
  const me = ctx.caller.member
  await saveWeights(ctx.db, { weights, updatedAt: now, updatedById: me._id, updatedByName: me.name })
  await writeAudit(ctx, {
    action: 'scorecard.setWeights',
    targetType: 'scoreWeights',
    targetId: WEIGHTS_ID,
    before: before?.weights ?? DEFAULT_WEIGHTS,
    after: weights,
  })
  return { weights, updatedAt: now.toISOString() }
}
