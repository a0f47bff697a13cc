import { GRADES, GRADE_LABELS } from '../../src/domain/review.rules'
import { fail } from '../_shared/errors'
import { saveWorkbook } from '../_shared/exports'
import { reviewBranchesOf } from '../review/review.repo'
import { results } from '../review/reviews'
import { newWorkbook } from '../_shared/workbook'
import type { ArchiveHandler } from '../_shared/handlers'

/** Results as .xlsx, a sheet per branch: 自评, the count of each grade, the proposal. A branch admin gets her branch. */
export const reviewResults: ArchiveHandler<'reviewResults'> = async (input, ctx) => {
  const scope = ctx.caller.scope
  let branchIds: string[]
  if (input.branchId) branchIds = [input.branchId]
  else if (scope.kind === 'branch') branchIds = [scope.branchId]
  else {
    const branches = await reviewBranchesOf(ctx.db).find(
      { reviewId: input.reviewId },
      { fields: { branchId: true }, limit: 1000 },
    )
    branchIds = branches.map((b) => b.branchId)
  }
  if (!branchIds.length) fail('NOT_FOUND', '没有找到该民主评议')
  const wb = await newWorkbook()
  let title = ''
  for (const branchId of branchIds) {
    const r = await results({ reviewId: input.reviewId, branchId }, ctx)
    title = `${r.review.title}`
    const ws = wb.addWorksheet(r.branchName.slice(0, 31))
    ws.addRow([`${r.branchName} · 参评 ${r.participants} 人 · 已评议 ${r.voted} 人 · 优秀最多 ${r.maxExcellent} 名`])
    ws.addRow(['姓名', '自我评价', ...GRADES.map((g) => `${GRADE_LABELS[g]}（票）`), '建议结果', '理由'])
    ws.getRow(2).font = { bold: true }
    for (const row of r.rows) {
      ws.addRow([
        row.name,
        row.self ? '已填写' : '未填写',
        ...GRADES.map((g) => row.counts[g]),
        row.proposed ? GRADE_LABELS[row.proposed.grade] : '',
        row.proposed?.note ?? '',
      ])
    }
  }
  return saveWorkbook(ctx, wb, `${title || '民主评议'}-评议结果.xlsx`)
}
