import type { RecordView } from '../../src/contract/meeting.contract'
import {
  orderTopics,
  recordGaps,
  type CriticismEntry,
  type RecordState,
  type RecordTopic,
} from '../../src/domain/record.rules'
import { coversOrg } from '../../src/domain/roles'
import { china } from '../../src/domain/time'
import type { Ctx } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { landAtRevision, requireRevision, saveAtRevision } from '../_shared/revision'
import { assertStoredFiles } from '../_shared/file-refs'
import { resolveUrls } from '../_shared/file-urls'
import { orgsOf, type OrgDoc } from '../_shared/orgs'
import { attendanceOf } from './board'
import { toMeetingView, type MeetingDoc } from './docs'
import { loadMeetingInScope } from './meetings'
import { getMeeting, meetingRecordsOf, meetingsOf, membersOf, recordStateByBranch } from './meeting.repo'
import type { MeetingHandler } from '../_shared/handlers'

/** `_id` = meetingId. Denormalised branch and start so a branch's period export is one query. */
export interface RecordDoc {
  _id: string
  /** Bumped by each save (_shared/revision.ts); missing on records saved before it existed (= 0). */
  revision?: number
  meetingId: string
  branchId: string
  meetingStartAt: Date
  meetingType: MeetingDoc['type']
  hostId: string | null
  hostName: string | null
  recorderId: string | null
  recorderName: string | null
  topics: RecordTopic[]
  minutes: string
  decisions: string[]
  photos: string[]
  materials: Array<{ fileID: string; name: string }>
  criticism: CriticismEntry[]
  state: Exclude<RecordState, 'none'>
  updatedAt: Date
  updatedById: string
  updatedByName: string
}

/**
 * Saves a meeting's 纪实. It may be saved as often as the organiser likes (a draft during the meeting, the rest
 * after); it becomes 已完成 only when asked and nothing required is missing. People named must be on the meeting's
 * expected list or in its branch, and files must be stored cloud files, never links.
 */
export const saveRecord: MeetingHandler<'saveRecord'> = async (input, ctx) => {
  const { meeting, orgs } = await loadMeetingInScope(ctx, input.meetingId)
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  const now = ctx.clock.now()
  if (now < new Date(meeting.startAt)) fail('RECORD_TOO_EARLY')
  const files = [...input.photos, ...input.materials.map((m) => m.fileID)]
  if (files.some((f) => !f.startsWith('cloud://'))) fail('INVALID_INPUT', '照片和材料须先上传')
  await assertStoredFiles(ctx, files, '照片或材料')
  const criticismIn = input.criticism ?? []
  const people = await membersOf(ctx.db).getMany(
    [input.hostId, input.recorderId, ...criticismIn.map((c) => c.memberId)].filter((x): x is string => !!x),
  )
  const belongs = (id: string) => {
    const m = people.get(id)
    return !!m && (meeting.expectedIds.includes(id) || m.branchId === meeting.branchId)
  }
  if (input.hostId && !belongs(input.hostId)) fail('INVALID_INPUT', '主持人应是本次会议的参会人员')
  if (input.recorderId && !belongs(input.recorderId)) fail('INVALID_INPUT', '记录人应是本次会议的参会人员')
  if (criticismIn.some((c) => !belongs(c.memberId)))
    fail('INVALID_INPUT', '批评与自我批评中有不是本次会议参会人员的党员')
  if (new Set(criticismIn.map((c) => c.memberId)).size !== criticismIn.length)
    fail('INVALID_INPUT', '批评与自我批评中同一名党员只能记录一次')
  const criticism: CriticismEntry[] = criticismIn.map((c) => ({
    memberId: c.memberId,
    name: people.get(c.memberId)!.name,
    selfCriticism: c.selfCriticism,
    criticisms: c.criticisms ?? '',
  }))
  const topics = orderTopics(input.topics)
  const draft = {
    hostId: input.hostId ?? null,
    recorderId: input.recorderId ?? null,
    topics,
    minutes: input.minutes ?? '',
    decisions: input.decisions,
    criticism,
  }
  const gaps = recordGaps(draft, { needsCriticism: meeting.type === 'org_life' })
  if (input.complete && gaps.length) fail('RECORD_INCOMPLETE', `会议纪实还不完整：${gaps.join('；')}`)
  const me = ctx.caller.member
  const doc: RecordDoc = {
    _id: meeting._id,
    meetingId: meeting._id,
    branchId: meeting.branchId,
    meetingStartAt: new Date(meeting.startAt),
    meetingType: meeting.type,
    ...draft,
    hostName: input.hostId ? people.get(input.hostId)!.name : null,
    recorderName: input.recorderId ? people.get(input.recorderId)!.name : null,
    photos: input.photos,
    materials: input.materials,
    state: input.complete ? 'complete' : 'draft',
    updatedAt: now,
    updatedById: me._id,
    updatedByName: me.name,
  }
  // One document per meeting, saved only on the revision the organiser's form opened (0: none yet), so two
  // organisers writing up the same meeting cannot overwrite each other's 纪实 (revision.ts); a retried save that
  // already applied answers as done. One request when it lands, as the whole-document write it replaces.
  const saved = await saveRecordAt(ctx, doc, input.revision)
  await meetingsOf(ctx.db).update(meeting._id, { recordState: saved.state })
  return { record: await recordView(ctx, { ...meeting, recordState: saved.state }, orgs, saved, true) }
}

async function saveRecordAt(ctx: Ctx, doc: RecordDoc, revision: number | undefined): Promise<RecordDoc> {
  requireRevision(revision)
  const records = meetingRecordsOf(ctx.db)
  const { _id, ...fields } = doc
  if (revision === 0) {
    // Nothing written yet as far as the form knew: the first save creates it.
    const made = await records.create({ ...doc, revision: 1 })
    if (made.created) return { ...doc, revision: 1 }
    return saveAtRevision({ db: ctx.db, records, before: made.existing, revision: 0, fields })
  }
  const now = await landAtRevision({ db: ctx.db, records, id: _id, revision, fields, notFound: '没有找到该会议的纪实' })
  return now ?? { ...doc, revision: revision + 1 }
}

/**
 * A meeting's 纪实 as its reader may see it. Admins whose scope covers the branch see drafts too; a member sees the
 * record of a meeting she was expected at once it is 已完成 — also (especially) when she was absent.
 */
export const record: MeetingHandler<'record'> = async (input, ctx) => {
  const meeting = await getMeeting(ctx.db, input.meetingId)
  if (!meeting) throw new AppError('NOT_FOUND', '没有找到该会议')
  const orgs = await orgsOf(ctx)
  const branch = orgs.get(meeting.branchId)
  const admin = !!branch && coversOrg(ctx.caller.scope, branch._id, branch.ancestors)
  if (!admin && !meeting.expectedIds.includes(ctx.caller.member._id)) throw new AppError('NOT_FOUND', '没有找到该会议')
  const doc = await meetingRecordsOf(ctx.db).get(meeting._id)
  return { record: await recordView(ctx, meeting, orgs, admin || doc?.state === 'complete' ? doc : null, admin) }
}

const emptyRecord = { hostId: null, recorderId: null, topics: [], minutes: '', decisions: [], criticism: [] }

export async function recordView(
  ctx: Ctx,
  meeting: MeetingDoc,
  orgs: ReadonlyMap<string, OrgDoc>,
  doc: RecordDoc | null,
  admin: boolean,
): Promise<RecordView> {
  const [{ tally, rows }, urls] = await Promise.all([
    attendanceOf(ctx, meeting, orgs),
    resolveUrls(ctx, doc ? [...doc.photos, ...doc.materials.map((m) => m.fileID)] : []),
  ])
  const namesOf = (statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).map((r) => r.name)
  const state: RecordState =
    doc?.state ?? (admin ? (meeting.recordState ?? 'none') : meeting.recordState === 'complete' ? 'complete' : 'none')
  return {
    meeting: toMeetingView(meeting, orgs),
    state,
    gaps: recordGaps(doc ?? emptyRecord, { needsCriticism: meeting.type === 'org_life' }),
    host: doc?.hostId ? { id: doc.hostId, name: doc.hostName ?? '' } : null,
    recorder: doc?.recorderId ? { id: doc.recorderId, name: doc.recorderName ?? '' } : null,
    topics: doc?.topics ?? [],
    minutes: doc?.minutes ?? '',
    decisions: doc?.decisions ?? [],
    photos: (doc?.photos ?? []).map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    materials: (doc?.materials ?? []).map((m) => ({ ...m, url: urls.get(m.fileID) ?? '' })),
    criticism: doc?.criticism ?? [],
    attendance: {
      tally,
      absent: namesOf(['absent', 'pending']),
      leave: namesOf(['leave']),
      present: namesOf(['present', 'late']),
    },
    updatedAt: doc ? new Date(doc.updatedAt).toISOString() : null,
    updatedByName: doc?.updatedByName ?? null,
    revision: doc?.revision ?? 0,
  }
}

/** The committee's view: per branch, meetings held this year and how many have a 已完成 record. Two reads. */
export const recordCompleteness: MeetingHandler<'recordCompleteness'> = async (input, ctx) => {
  const _ = ctx.db.command
  const start = china(`${input.year}-01-01T00:00:00+08:00`).toDate()
  const end = china(`${input.year + 1}-01-01T00:00:00+08:00`).toDate()
  const now = ctx.clock.now()
  const [orgs, res] = await Promise.all([
    orgsOf(ctx),
    recordStateByBranch(ctx.db, _.gte(start).and(_.lt(end)).and(_.lte(now))),
  ])
  const counts = new Map(res.map((r) => [r._id, { held: r.held, complete: r.complete }]))
  const rows = [...orgs.values()]
    .filter((o) => o.type === 'branch')
    .sort((a, b) => a.ancestors.length - b.ancestors.length || a.sort - b.sort)
    .map((b) => ({ branchId: b._id, branchName: b.name, ...(counts.get(b._id) ?? { held: 0, complete: 0 }) }))
  return { year: input.year, rows }
}
