import { statusOf, tally, type AttendanceStatus } from '../../src/domain/attendance.rules'
import { MEETING_TYPE_LABELS } from '../../src/domain/meeting.types'
import { formatDate } from '../../src/domain/time'
import type { Ctx } from '../_shared/context'
import { fail } from '../_shared/errors'
import { saveExport } from '../_shared/exports'
import { assertCovers, orgsOf } from '../_shared/orgs'
// The archive function is the meeting area's Word export, split out only for the weight of the Word library
// (DESIGN §2: a new function for a different footprint); it reads meetings through the meeting area's own readers.
import { isOver } from '../meeting/docs'
import { meetingRecordsOf, membersOf } from '../meeting/meeting.repo'
import { loadMeetingInScope } from '../meeting/meetings'
import { recordView } from '../meeting/record'
import { approvedLeavesOfMeetings, branchMeetingsBetween, recordsOfMeetings } from './archive.repo'
import { recordsDocx, type RecordPage } from './record-docx'
import type { ArchiveHandler } from '../_shared/handlers'

const MAX_MEETINGS = 60

/** Photos from cloud storage for embedding; one that cannot be read is left out rather than failing the file. */
async function photosOf(ctx: Ctx, fileIDs: string[]): Promise<Buffer[]> {
  const out: Buffer[] = []
  for (const fileID of fileIDs) {
    try {
      const res = (await ctx.cloud.downloadFile({ fileID })) as { fileContent: Buffer }
      out.push(Buffer.from(res.fileContent))
    } catch (err) {
      console.warn(`[archive] photo ${fileID} unreadable: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  return out
}

/** One meeting's 纪实 as a Word file: facts and attendance (with names of the absent and on leave), 议题, minutes, decisions, photos. */
export const meetingRecord: ArchiveHandler<'meetingRecord'> = async (input, ctx) => {
  const { meeting, orgs } = await loadMeetingInScope(ctx, input.meetingId)
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  const doc = await meetingRecordsOf(ctx.db).get(meeting._id)
  const view = await recordView(ctx, meeting, orgs, doc, true)
  const page: RecordPage = {
    branchName: view.meeting.branchName,
    title: meeting.title,
    typeLabel: view.meeting.typeLabel,
    startAt: view.meeting.startAt,
    endAt: view.meeting.endAt,
    place: meeting.place,
    host: view.host?.name ?? null,
    recorder: view.recorder?.name ?? null,
    tally: view.attendance.tally,
    absent: view.attendance.absent,
    leave: view.attendance.leave,
    topics: view.topics,
    minutes: view.minutes,
    decisions: view.decisions,
    criticism: view.criticism,
    photos: await photosOf(ctx, doc?.photos ?? []),
    materials: view.materials.map((m) => m.name),
    complete: view.state === 'complete',
  }
  const buffer = await recordsDocx([page])
  return saveExport(ctx, buffer, `${formatDate(meeting.startAt)}${meeting.title}-会议纪实.docx`)
}

/**
 * A branch's meetings of a period as one Word file, one meeting per page. Reads are a fixed handful whatever the
 * number of meetings: the meetings, their records, attendance and approved leave in one query each, and the names.
 */
export const branchRecords: ArchiveHandler<'branchRecords'> = async (input, ctx) => {
  const orgs = await orgsOf(ctx)
  assertCovers(ctx.caller, orgs, input.branchId)
  const from = new Date(input.from)
  const to = new Date(input.to)
  if (!(from < to)) fail('INVALID_INPUT', '结束日期应晚于开始日期')
  const meetings = await branchMeetingsBetween(ctx.db, input.branchId, from, to, MAX_MEETINGS + 1)
  if (meetings.length > MAX_MEETINGS)
    fail('EXPORT_TOO_LARGE', `该时间段内会议超过 ${MAX_MEETINGS} 次，请缩短时间段后重试`)
  if (!meetings.length) fail('NOT_FOUND', '该时间段内没有会议')
  const ids = meetings.map((m) => m._id)
  const [records, attendance, leaves] = await Promise.all([
    meetingRecordsOf(ctx.db).getMany(ids),
    recordsOfMeetings(ctx.db, ids),
    approvedLeavesOfMeetings(ctx.db, ids),
  ])
  const recordOf = new Map(attendance.map((r) => [`${r.meetingId}_${r.memberId}`, r]))
  const leaveOf = new Set(leaves.map((l) => `${l.meetingId}_${l.memberId}`))
  const extras = attendance.map((r) => r.memberId)
  const names = await membersOf(ctx.db).getMany([...meetings.flatMap((m) => m.expectedIds), ...extras])
  const now = ctx.clock.now()
  const branchName = orgs.get(input.branchId)!.name
  const pages: RecordPage[] = []
  for (const m of meetings) {
    const people = [
      ...new Set([...m.expectedIds, ...attendance.filter((r) => r.meetingId === m._id).map((r) => r.memberId)]),
    ]
    const statuses = people.map((id) => ({
      name: names.get(id)?.name ?? '',
      status: statusOf({
        record: recordOf.get(`${m._id}_${id}`),
        leaveApproved: leaveOf.has(`${m._id}_${id}`),
        over: isOver(m, now),
      }) as AttendanceStatus,
    }))
    const doc = records.get(m._id)
    pages.push({
      branchName,
      title: m.title,
      typeLabel: MEETING_TYPE_LABELS[m.type],
      startAt: new Date(m.startAt).toISOString(),
      endAt: new Date(m.endAt).toISOString(),
      place: m.place,
      host: doc?.hostName ?? null,
      recorder: doc?.recorderName ?? null,
      tally: tally(statuses.map((s) => s.status)),
      absent: statuses.filter((s) => s.status === 'absent' || s.status === 'pending').map((s) => s.name),
      leave: statuses.filter((s) => s.status === 'leave').map((s) => s.name),
      topics: doc?.topics ?? [],
      minutes: doc?.minutes ?? '',
      decisions: doc?.decisions ?? [],
      criticism: doc?.criticism ?? [],
      photos: await photosOf(ctx, doc?.photos ?? []),
      materials: (doc?.materials ?? []).map((x) => x.name),
      complete: doc?.state === 'complete',
    })
  }
  const period = `${formatDate(from)} 至 ${formatDate(to)}`
  const buffer = await recordsDocx(pages, {
    title: `${branchName}会议纪实汇编`,
    subtitle: `${period}，共 ${pages.length} 次会议`,
  })
  const out = await saveExport(ctx, buffer, `${branchName}会议纪实${formatDate(from)}至${formatDate(to)}.docx`)
  return { ...out, meetings: pages.length }
}
