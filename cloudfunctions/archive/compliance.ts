import { CELL_STATE_LABELS, type ComplianceCell } from '../../src/domain/compliance.rules'
import { formatDate } from '../../src/domain/time'
import { saveWorkbook } from '../_shared/exports'
import { orgsOf } from '../_shared/orgs'
import { styleHeader } from '../_shared/xlsx-format'
import { compliance as complianceOf } from '../meeting/stats'
import { newWorkbook } from '../_shared/workbook'
import type { ArchiveHandler } from '../_shared/handlers'

/** `3月`, `第1季度` or `全年`: a period as the screen names it. */
function periodLabel(c: ComplianceCell): string {
  if (/^\d{4}$/.test(c.period)) return '全年'
  const q = /-Q(\d)$/.exec(c.period)
  return q ? `第${q[1]}季度` : `${Number(c.period.slice(5))}月`
}

/**
 * A branch's 组织生活达标 for a year as .xlsx: one row per requirement and period (held and required as numbers, the
 * state in words), so a committee can filter the gaps; a second sheet lists the meetings whose 纪实 is unfinished.
 * The figures are the 组织生活达标 screen's (the same function computes them).
 */
export const compliance: ArchiveHandler<'compliance'> = async (input, ctx) => {
  const data = await complianceOf(input, ctx)
  const orgs = await orgsOf(ctx)
  const branchName = orgs.get(input.branchId)?.name ?? '支部'
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('达标情况')
  const since = data.since
    ? `统计起点：${formatDate(data.since.at)}（${data.since.source === 'set' ? '机关党委设定的启用日期' : '支部第一次会议'}）`
    : '支部尚无会议记录'
  ws.addRow([`${branchName} ${input.year} 年组织生活达标情况 · ${since}`])
  ws.addRow(['要求', '党小组', '期间', '召开次数', '要求次数', '情况'])
  let gaps = 0
  for (const r of data.rows) {
    for (const c of r.cells) {
      ws.addRow([r.label, r.groupName ?? '', periodLabel(c), c.held, c.required, CELL_STATE_LABELS[c.state]])
      if (c.state === 'gap') gaps++
    }
  }
  ws.addRow(['未达标合计', '', '', gaps, null, '']).font = { bold: true }
  styleHeader(ws, 2)
  ws.getColumn(1).width = 36
  const missing = wb.addWorksheet('纪实未完成')
  missing.addRow(['日期', '会议类型', '会议名称'])
  for (const m of data.missingRecords) missing.addRow([formatDate(m.startAt), m.typeLabel, m.title])
  styleHeader(missing)
  return saveWorkbook(ctx, wb, `${branchName}-${input.year}年组织生活达标.xlsx`)
}
