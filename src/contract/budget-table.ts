import { BUDGETS } from './budget'
import type { ProcedureName } from './index'

/**
 * The README's costs table, as Markdown rows, straight from the budgets (issue 11): each action's most database
 * requests per call, what it still grows with and the target where it is not met yet.
 */
export function budgetTableRows(): string[] {
  return (Object.keys(BUDGETS) as ProcedureName[]).map((name) => {
    const b = BUDGETS[name]
    const grows = b.grows ? `${b.grows.large}（随${b.grows.with}增长）` : '不随数据量增长'
    return `| \`${name}\` | ${b.max} | ${grows} | ${b.target ?? '—'} |`
  })
}

export const BUDGET_TABLE_HEAD = [
  '| action | 每次调用最多请求数（示例数据） | 大数据量（2,000 人支部 / 2,000 人候补 / 100 题试卷） | 目标 |',
  '| --- | --- | --- | --- |',
]
