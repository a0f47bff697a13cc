import { BUDGETS } from './budget'
import type { ProcedureName } from './index'

/**
 * The README's costs table, as Markdown rows, straight from the budgets (issue 11): each action's most database
 * requests per call, what it still grows with and the target where it is not met yet.
 */
export function budgetTableRows(): string[] {
  return (Object.keys(BUDGETS) as ProcedureName[]).map((name) => {
    const b = BUDGETS[name]
    const grows = b.grows ? `${b.grows.large} (grows with ${b.grows.with})` : 'the same'
    return `| \`${name}\` | ${b.max} | ${grows} | ${b.target ?? '—'} |`
  })
}

export const BUDGET_TABLE_HEAD = [
  '| action | most requests per call | on the large data (2,000 members, 2,000 waiting, 100 questions) | issue target |',
  '| --- | --- | --- | --- |',
]
