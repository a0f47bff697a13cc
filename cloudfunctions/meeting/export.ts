import ExcelJS from 'exceljs'
import type { MeetingOutputs } from '../../src/contract/meeting.contract'
import {
  ATTENDANCE_STATUS_LABELS,
  formatRate,
  statusOf,
  tally,
  type AttendanceStatus,
} from '../../src/domain/attendance.rules'
import { CHECKIN_METHOD_LABELS, MEETING_TYPE_LABELS } from '../../src/domain/meeting.types'
import { formatDate, formatDateTime } from '../../src/domain/time'
import { COL } from '../_shared/collections'
import { saveWorkbook } from '../_shared/exports'
import type { Ctx, MemberCaller } from '../_shared/context'
import { fail } from '../_shared/errors'
import { activeMembersOf } from '../_shared/members'
import { assertCovers, loadOrgs } from '../_shared/orgs'
import { board } from './board'
import { isOver, type AttendanceDoc, type LeaveDoc, type MeetingDoc } from './docs'
import { periodOf } from './stats'

const MAX_MEETINGS = 200

type ExportInput = { kind: 'meeting' | 'branch'; meetingId?: string; branchId?: string; from?: string; to?: string }

/** Exports attendance to .xlsx in cloud storage and returns a download link (opened with openDocument on weapp). */
export async function exportXlsx(input: ExportInput, ctx: Ctx<MemberCaller>): Promise<MeetingOutputs['export']> {
  const { workbook, fileName } =
    input.kind === 'meeting' ? await meetingWorkbook(input, ctx) : await branchWorkbook(input, ctx)
  return saveWorkbook(ctx, workbook, fileName)
}

function styleHeader(ws: ExcelJS.Worksheet) {
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
}

/** Sheet 1: everyone expected with status, time and method; sheet 2: who did not sign in. */
async function meetingWorkbook(input: ExportInput, ctx: Ctx<MemberCaller>) {
  if (!input.meetingId) fail('INVALID_INPUT', '请选择会议')
  const { meeting, tally: t, rows } = await board({ meetingId: input.meetingId }, ctx)
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('签到表')
  ws.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '党小组', key: 'group', width: 12 },
    { header: '出勤', key: 'status', width: 10 },
    { header: '签到时间', key: 'at', width: 18 },
    { header: '方式', key: 'method', width: 14 },
    { header: '备注', key: 'note', width: 30 },
  ]
  for (const r of rows) {
    ws.addRow({
      name: r.name,
      group: r.groupName ?? '',
      status: ATTENDANCE_STATUS_LABELS[r.status],
      at: r.at ? formatDateTime(r.at) : '',
      method: r.method ? CHECKIN_METHOD_LABELS[r.method] : '',
      note: r.markedBy ? `${r.markedBy}：${r.reason ?? ''}` : '',
    })
  }
  styleHeader(ws)
  const missing = wb.addWorksheet('未签到')
  missing.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '党小组', key: 'group', width: 12 },
    { header: '情况', key: 'status', width: 10 },
  ]
  for (const r of rows.filter((x) => x.status !== 'present' && x.status !== 'late')) {
    missing.addRow({ name: r.name, group: r.groupName ?? '', status: ATTENDANCE_STATUS_LABELS[r.status] })
  }
  styleHeader(missing)
  const summary = wb.addWorksheet('汇总')
  summary.addRows([
    ['会议', meeting.title],
    ['类型', meeting.typeLabel],
    ['时间', `${formatDateTime(meeting.startAt)} – ${formatDateTime(meeting.endAt)}`],
    ['地点', meeting.place],
    ['应到', t.expected],
    ['实到', t.present + t.late],
    ['迟到', t.late],
    ['请假', t.leave],
    ['缺席', t.absent],
    ['出勤率', formatRate(t.rate)],
  ])
  return { workbook: wb, fileName: `${formatDate(meeting.startAt)}-${meeting.title}-签到表.xlsx` }
}

/** One row per member, one column per meeting, totals at the end. */
async function branchWorkbook(input: ExportInput, ctx: Ctx<MemberCaller>) {
  const branchId = input.branchId ?? ctx.caller.member.branchId
  const orgs = await loadOrgs(ctx.db)
  assertCovers(ctx.caller, orgs, branchId)
  const now = ctx.clock.now()
  const { from, to } = periodOf(input, now)
  const _ = ctx.db.command
  const res = await ctx.db
    .collection(COL.meetings)
    .aggregate()
    .match({ branchId, status: _.neq('cancelled'), startAt: _.gte(from).and(_.lte(to)) })
    .sort({ startAt: 1 })
    .limit(MAX_MEETINGS + 1)
    .end()
  const meetings = res.list as MeetingDoc[]
  if (meetings.length > MAX_MEETINGS) fail('EXPORT_TOO_LARGE')
  const [records, leaves, members] = await Promise.all([
    pagedAggregate<AttendanceDoc>(ctx, COL.attendance, {
      branchId,
      cancelled: false,
      meetingStartAt: _.gte(from).and(_.lte(to)),
    }),
    pagedAggregate<LeaveDoc>(ctx, COL.leaves, {
      branchId,
      cancelled: false,
      status: 'approved',
      meetingStartAt: _.gte(from).and(_.lte(to)),
    }),
    activeMembersOf(ctx.db, { branchId }),
  ])
  const rec = new Map(records.map((r) => [r._id, r]))
  const leave = new Set(leaves.map((l) => l._id))
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('出勤明细')
  const head = [
    '姓名',
    ...meetings.map((m) => `${formatDate(m.startAt)} ${MEETING_TYPE_LABELS[m.type]}\n${m.title}`),
    '应到',
    '实到',
    '迟到',
    '请假',
    '缺席',
    '出勤率',
  ]
  ws.addRow(head)
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' }
  ws.getColumn(1).width = 12
  for (let i = 2; i <= meetings.length + 1; i++) ws.getColumn(i).width = 16
  for (const m of members) {
    const statuses: AttendanceStatus[] = []
    const cells = meetings.map((mt) => {
      if (!mt.expectedIds.includes(m._id)) return '—'
      const id = `${mt._id}_${m._id}`
      const s = statusOf({ record: rec.get(id), leaveApproved: leave.has(id), over: isOver(mt, now) })
      statuses.push(s)
      return ATTENDANCE_STATUS_LABELS[s]
    })
    const t = tally(statuses)
    ws.addRow([m.name, ...cells, t.expected, t.present + t.late, t.late, t.leave, t.absent, formatRate(t.rate)])
  }
  styleHeader(ws)
  const name = orgs.get(branchId)?.name ?? '支部'
  return { workbook: wb, fileName: `${name}-${formatDate(from)}至${formatDate(to)}-出勤明细.xlsx` }
}

/** Reads every matching document through aggregate pages of 1000: an export needs the rows themselves. */
async function pagedAggregate<T>(ctx: Ctx, collection: string, match: Record<string, unknown>): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const res = await ctx.db
      .collection(collection)
      .aggregate()
      .match(match)
      .sort({ _id: 1 })
      .skip(skip)
      .limit(1000)
      .end()
    out.push(...(res.list as T[]))
    if (res.list.length < 1000) return out
  }
}
