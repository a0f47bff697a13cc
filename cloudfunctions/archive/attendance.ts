import type { MemberStats, UnboundFigures } from '../../src/contract/meeting.contract'
import { owedAbsences, type Tally } from '../../src/domain/attendance.rules'
import { formatDate } from '../../src/domain/time'
import { saveWorkbook } from '../_shared/exports'
import { orgsOf } from '../_shared/orgs'
import { percentColumns, rateCell, sheetName, styleHeader } from '../_shared/xlsx-format'
import { memberRows, orgStats, periodOf } from '../meeting/stats'
import { newWorkbook } from '../_shared/workbook'
import type { ArchiveHandler } from '../_shared/handlers'

const BRANCH_HEAD = [
  '支部',
  '会议场次',
  '应到',
  '实到',
  '其中迟到',
  '请假',
  '请假已补学',
  '缺席',
  '缺席已补学',
  '出勤率',
  '未绑定人数',
  '未绑定缺席',
]
const MEMBER_HEAD = [
  '姓名',
  '党小组',
  '应到',
  '实到',
  '其中迟到',
  '请假',
  '请假已补学',
  '缺席',
  '缺席已补学',
  '出勤率',
  '绑定',
]

/** The figures of a tally in the columns both sheets share; 缺席 is what is still owed, as on screen. */
function figures(t: Tally): Array<number | null> {
  return [
    t.expected,
    t.present + t.late,
    t.late,
    t.leave,
    t.leaveMadeUp ?? 0,
    owedAbsences(t),
    t.absentMadeUp ?? 0,
    rateCell(t.rate),
  ]
}

/**
 * The committee's attendance for a period as one workbook: 汇总 (one row per branch and a 合计, the figures of the
 * 出勤统计 screen's 全机关 table) and one sheet per branch (its members in the order of the 按支部 screen, and the
 * branch's own total). Built from the same functions as the screens, so the numbers are the screen's.
 */
export const attendance: ArchiveHandler<'attendance'> = async (input, ctx) => {
  const now = ctx.clock.now()
  const { from, to } = periodOf(input, now)
  const orgs = await orgsOf(ctx)
  const [summary, members] = await Promise.all([
    orgStats(ctx, orgs, from, to),
    memberRows(ctx.db, orgs, { from, to, now }),
  ])
  const period = `${formatDate(from)} 至 ${formatDate(to)}`
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('汇总')
  ws.addRow([
    `全机关出勤统计（${period}）${summary.inProgress ? `，另有 ${summary.inProgress} 场会议正在签到，未计入` : ''}`,
  ])
  ws.addRow(BRANCH_HEAD)
  const unboundCells = (u: UnboundFigures) => [u.members, u.absent]
  for (const b of summary.byBranch ?? [])
    ws.addRow([b.branchName, b.meetings, ...figures(b.tally), ...unboundCells(b.unbound)])
  ws.addRow(['合计', summary.meetings, ...figures(summary.tally), ...unboundCells(summary.unbound!)]).font = {
    bold: true,
  }
  styleHeader(ws, 2)
  percentColumns(ws, [10])

  for (const b of summary.byBranch ?? []) {
    const sheet = wb.addWorksheet(sheetName(wb, b.branchName))
    sheet.addRow(MEMBER_HEAD)
    const rows: MemberStats[] = members.rows.get(b.branchId) ?? []
    for (const m of rows)
      sheet.addRow([m.name, m.groupName ?? '', ...figures(m.tally), m.unbound ? '未绑定' : '已绑定'])
    sheet.addRow(['本支部合计', '', ...figures(b.tally), `未绑定 ${b.unbound.members} 人`]).font = { bold: true }
    styleHeader(sheet)
    percentColumns(sheet, [10])
  }
  return {
    ...(await saveWorkbook(ctx, wb, `全机关出勤统计-${formatDate(from)}至${formatDate(to)}.xlsx`)),
    branches: summary.byBranch?.length ?? 0,
  }
}
