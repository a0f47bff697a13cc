import { ATTENDANCE_STATUS_LABELS, owedAbsences, statusOf } from '../../src/domain/attendance.rules'
import { CHECKIN_METHOD_LABELS, MEETING_TYPE_LABELS } from '../../src/domain/meeting.types'
import { formatDate, formatDateTime } from '../../src/domain/time'
import { saveWorkbook } from '../_shared/exports'
import type { Ctx, MemberCaller } from '../_shared/context'
import { fail } from '../_shared/errors'
import { assertCovers, orgsOf } from '../_shared/orgs'
import { percentColumns, rateCell, styleHeader } from '../_shared/xlsx-format'
import { board } from './board'
import { isOver } from './docs'
import { allMatching, attendanceOf, branchMeetings, leavesOf } from './meeting.repo'
import { memberRows, periodOf } from './stats'
import { newWorkbook } from '../_shared/workbook'
import type { MeetingHandler } from '../_shared/handlers'

const MAX_MEETINGS = 200

type ExportInput = { kind: 'meeting' | 'branch'; meetingId?: string; branchId?: string; from?: string; to?: string }

/** Exports attendance to .xlsx in cloud storage and returns a download link (opened with openDocument on weapp). */
export const exportXlsx: MeetingHandler<'export'> = async (input, ctx) => {
  const { workbook, fileName } =
    input.kind === 'meeting' ? await meetingWorkbook(input, ctx) : await branchWorkbook(input, ctx)
  return saveWorkbook(ctx, workbook, fileName)
}

/** Sheet 1: everyone expected with status, time and method; sheet 2: who did not sign in. */
async function meetingWorkbook(input: ExportInput, ctx: Ctx<MemberCaller>) {
  if (!input.meetingId) fail('INVALID_INPUT', '请选择会议')
  const { meeting, tally: t, rows } = await board({ meetingId: input.meetingId }, ctx)
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('签到表')
  ws.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '党小组', key: 'group', width: 12 },
    { header: '出勤', key: 'status', width: 10 },
    { header: '签到时间', key: 'at', width: 18 },
    { header: '方式', key: 'method', width: 14 },
    { header: '备注', key: 'note', width: 30 },
    { header: '绑定', key: 'bound', width: 8 },
  ]
  for (const r of rows) {
    ws.addRow({
      name: r.name,
      group: r.groupName ?? '',
      status: ATTENDANCE_STATUS_LABELS[r.status],
      at: r.at ? formatDateTime(r.at) : '',
      method: r.method ? CHECKIN_METHOD_LABELS[r.method] : '',
      note: r.markedBy ? `${r.markedBy}：${r.reason ?? ''}` : '',
      bound: r.unbound ? '未绑定' : '已绑定',
    })
  }
  styleHeader(ws)
  const missing = wb.addWorksheet('未签到')
  missing.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '党小组', key: 'group', width: 12 },
    { header: '情况', key: 'status', width: 10 },
  ]
  missing.getColumn(4).header = '绑定'
  for (const r of rows.filter((x) => x.status !== 'present' && x.status !== 'late')) {
    missing.addRow([r.name, r.groupName ?? '', ATTENDANCE_STATUS_LABELS[r.status], r.unbound ? '未绑定' : '已绑定'])
  }
  styleHeader(missing)
  const summary = wb.addWorksheet('汇总')
  summary.addRows([
    ['会议', meeting.title],
    ['类型', meeting.typeLabel],
    ['时间', `${formatDateTime(meeting.startAt)} – ${formatDateTime(meeting.endAt)}`],
    ['地点', meeting.place],
    ['应到', t.expected],
    ['实到（含迟到）', t.present + t.late],
    ['其中迟到', t.late],
    ['请假', t.leave],
    ['缺席', t.absent],
    ['未签到', t.pending],
    ['出勤率', rateCell(t.rate)],
  ])
  summary.getCell(`B${summary.rowCount}`).numFmt = '0.0%'
  summary.getColumn(1).width = 14
  return { workbook: wb, fileName: `${formatDate(meeting.startAt)}-${meeting.title}-签到表.xlsx` }
}

/**
 * One row per member, one column per meeting, totals at the end. The members, their order and their totals are the
 * 出勤统计 screen's (memberRows), so the sheet and the screen agree; a meeting still in its sign-in window shows
 * 未签到 in its column and, as on screen, is not in the totals yet.
 */
async function branchWorkbook(input: ExportInput, ctx: Ctx<MemberCaller>) {
  const branchId = input.branchId ?? ctx.caller.member.branchId
  const orgs = await orgsOf(ctx)
  assertCovers(ctx.caller, orgs, branchId)
  const now = ctx.clock.now()
  const { from, to } = periodOf(input, now)
  const _ = ctx.db.command
  const meetings = await branchMeetings(ctx.db, branchId, _.gte(from).and(_.lte(to)), MAX_MEETINGS + 1)
  if (meetings.length > MAX_MEETINGS) fail('EXPORT_TOO_LARGE')
  const [records, leaves, rows] = await Promise.all([
    allMatching(attendanceOf(ctx.db), {
      branchId,
      cancelled: false,
      meetingStartAt: _.gte(from).and(_.lte(to)),
    }),
    allMatching(leavesOf(ctx.db), {
      branchId,
      cancelled: false,
      status: 'approved',
      meetingStartAt: _.gte(from).and(_.lte(to)),
    }),
    memberRows(ctx.db, orgs, { from, to, now, branchId }),
  ])
  const rec = new Map(records.map((r) => [r._id, r]))
  const leave = new Set(leaves.map((l) => l._id))
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('出勤明细')
  const head = [
    '姓名',
    '党小组',
    ...meetings.map((m) => `${formatDate(m.startAt)} ${MEETING_TYPE_LABELS[m.type]} ${m.title}`),
    '应到',
    '实到（含迟到）',
    '其中迟到',
    '请假',
    '缺席',
    '缺席已补学',
    '出勤率',
    '绑定',
  ]
  ws.addRow(head)
  for (const m of rows.rows.get(branchId) ?? []) {
    const cells = meetings.map((mt) => {
      if (!mt.expectedIds.includes(m.memberId)) return '—'
      const id = `${mt._id}_${m.memberId}`
      return ATTENDANCE_STATUS_LABELS[
        statusOf({ record: rec.get(id), leaveApproved: leave.has(id), over: isOver(mt, now) })
      ]
    })
    const t = m.tally
    ws.addRow([
      m.name,
      m.groupName ?? '',
      ...cells,
      t.expected,
      t.present + t.late,
      t.late,
      t.leave,
      owedAbsences(t),
      t.absentMadeUp ?? 0,
      rateCell(t.rate),
      m.unbound ? '未绑定' : '已绑定',
    ])
  }
  styleHeader(ws)
  percentColumns(ws, [head.length - 1])
  const name = orgs.get(branchId)?.name ?? '支部'
  return { workbook: wb, fileName: `${name}-${formatDate(from)}至${formatDate(to)}-出勤明细.xlsx` }
}
