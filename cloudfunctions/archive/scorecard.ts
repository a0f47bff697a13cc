import { MEASURE_KEYS, MEASURES } from '../../src/domain/scorecard.rules'
import { formatDateTime } from '../../src/domain/time'
import { saveWorkbook } from '../_shared/exports'
import { computeScorecard } from '../scorecard/scorecard'
import { newWorkbook } from '../_shared/workbook'
import type { ArchiveHandler } from '../_shared/handlers'

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`)

/**
 * The scorecard as .xlsx for filing with the 述职评议 papers: the ranking with every measure and the counts behind it,
 * the trend month by month, and the definitions with the weights in force. The same figures as the screen (one
 * computation), so the file and the screen never disagree.
 */
export const scorecard: ArchiveHandler<'scorecard'> = async (input, ctx) => {
  const s = await computeScorecard(input, ctx)
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('考评排名')
  ws.addRow([`支部考评 · ${s.period.label}（统计至 ${formatDateTime(s.period.to)}）`])
  ws.addRow(['排名', '支部', '党员数', '总分', ...MEASURE_KEYS.map((k) => MEASURES[k].label), '人均志愿时长（小时）'])
  ws.getRow(2).font = { bold: true }
  const sorted = [...s.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
  for (const r of sorted)
    ws.addRow([
      r.rank ?? '—',
      r.branchName,
      r.members,
      r.total ?? '—',
      ...MEASURE_KEYS.map((k) => pct(r.values[k])),
      r.hoursPerMember ?? '—',
    ])

  const detail = wb.addWorksheet('计算依据')
  const cols: Array<[keyof (typeof s.rows)[number]['counts'], string]> = [
    ['lifeDue', '组织生活到期项'],
    ['lifeMet', '达标项'],
    ['held', '已召开会议'],
    ['recorded', '纪实已完成'],
    ['expected', '应到人次'],
    ['present', '出席'],
    ['late', '迟到'],
    ['leave', '请假'],
    ['absent', '缺席'],
    ['absentMadeUp', '缺席已补学'],
    ['leaveMadeUp', '请假已补学'],
    ['readExpected', '必读应读人次'],
    ['readDone', '已读人次'],
    ['testExpected', '应参加测试人次'],
    ['testTaken', '已参加'],
    ['testPassed', '及格'],
    ['volunteerHours', '志愿服务时长'],
    ['reviewParticipants', '民主评议参评人数'],
    ['reviewVoted', '已评议'],
  ]
  detail.addRow(['支部', ...cols.map((c) => c[1])])
  detail.getRow(1).font = { bold: true }
  for (const r of s.rows) detail.addRow([r.branchName, ...cols.map((c) => r.counts[c[0]])])

  const trend = wb.addWorksheet('逐月趋势')
  trend.addRow(['支部', ...s.trend.months])
  trend.getRow(1).font = { bold: true }
  for (const series of s.trend.series)
    trend.addRow([
      s.rows.find((r) => r.branchId === series.branchId)?.branchName ?? '',
      ...series.totals.map((t) => t ?? '—'),
    ])

  const defs = wb.addWorksheet('口径与权重')
  defs.addRow(['指标', '权重', '口径'])
  defs.getRow(1).font = { bold: true }
  for (const k of MEASURE_KEYS) defs.addRow([MEASURES[k].label, s.weights[k], MEASURES[k].text])
  defs.addRow([])
  defs.addRow(['总分', '', '各项得分（0–100%）按权重加权平均；期内没有到期事项的指标不计入（其权重也不计入）。'])
  if (s.weightsUpdatedAt)
    defs.addRow(['权重设置', '', `${s.weightsUpdatedBy ?? ''} 于 ${formatDateTime(s.weightsUpdatedAt)} 设置`])
  defs.getColumn(3).width = 80
  return saveWorkbook(ctx, wb, `支部考评-${s.period.label}.xlsx`)
}
