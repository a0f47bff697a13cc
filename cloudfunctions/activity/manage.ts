import { createHash } from 'crypto'
import { ACTIVITY_KIND_LABELS, signupLabel, type SignupStatus } from '../../src/domain/activity.rules'
import { formatDateTime } from '../../src/domain/time'
import { writeAudit } from '../_shared/audit'
import { PAGE_SIZE, fetchPage } from '../_shared/paging'
import { saveWorkbook } from '../_shared/exports'
import type { Ctx } from '../_shared/context'
import { assertStoredFiles, formFiles } from '../_shared/file-refs'
import { AppError, fail } from '../_shared/errors'
import { saveAtRevision } from '../_shared/revision'
import { orgsOf } from '../_shared/orgs'
import type { ActivityDoc, SignupDoc } from './docs'
import { claimPlace, hasDeadClaims, queueOf, rebalance, repairReleases, returnPlace, settleClaim } from './places'
import { settle, signupView } from './signup'
import {
  activitiesOf,
  createActivity,
  phonesOf,
  signupsInOrder,
  rosterByIds,
  rosterPage,
  signupsOf,
  type RosterRow,
} from './activity.repo'
import { activityViews } from './views'
import { newWorkbook } from '../_shared/workbook'
import type { ActivityHandler } from '../_shared/handlers'
import { extraFieldsProblem } from '../../src/domain/extra-fields'

export async function loadActivity(ctx: Ctx, activityId: string): Promise<ActivityDoc> {
  const a = await activitiesOf(ctx.db).get(activityId)
  if (!a) throw new AppError('NOT_FOUND', '没有找到该活动')
  return a
}

async function loadSignup(ctx: Ctx, signupId: string): Promise<SignupDoc> {
  const s = await signupsOf(ctx.db).get(signupId)
  if (!s) throw new AppError('NOT_FOUND', '没有找到该报名')
  return s
}

export const save: ActivityHandler<'save'> = async (input, ctx) => {
  const [startAt, endAt, openAt, closeAt] = [input.startAt, input.endAt, input.signupOpenAt, input.signupCloseAt].map(
    (x) => new Date(x),
  )
  if (!(startAt < endAt)) fail('INVALID_INPUT', '结束时间应晚于开始时间')
  if (!(openAt < closeAt)) fail('INVALID_INPUT', '报名截止时间应晚于报名开始时间')
  if (closeAt > endAt) fail('INVALID_INPUT', '报名截止时间不能晚于活动结束时间')
  const fieldsProblem = extraFieldsProblem(input.extraFields ?? [])
  if (fieldsProblem) fail('INVALID_INPUT', fieldsProblem)
  const orgs = await orgsOf(ctx)
  if ((input.audienceBranchIds ?? []).some((b) => orgs.get(b)?.type !== 'branch'))
    fail('INVALID_INPUT', '可报名支部中有无效的支部')
  const now = ctx.clock.now()
  const fields = {
    title: input.title,
    kind: input.kind,
    subType: input.subType,
    description: input.description,
    cover: input.cover ?? null,
    place: input.place,
    startAt,
    endAt,
    signupOpenAt: openAt,
    signupCloseAt: closeAt,
    capacity: input.capacity ?? null,
    waitlist: input.waitlist ?? true,
    audienceBranchIds: [...new Set(input.audienceBranchIds ?? [])],
    rotationMonths: input.rotationMonths ?? null,
    extraFields: input.extraFields ?? [],
    cancelUntil: input.cancelUntil ? new Date(input.cancelUntil) : null,
    approval: input.approval ?? false,
    updatedAt: now,
  }
  if (input.activityId) {
    const before = await loadActivity(ctx, input.activityId)
    // Keep the stored cover when the form leaves it out or sends back the link it was shown.
    const files = await formFiles(ctx, [before.cover], [input.cover])
    fields.cover = input.cover === undefined ? before.cover : files.ref(input.cover)
    files.assertExist([fields.cover], '封面')
    if (before.status !== 'draft' && fields.capacity !== null && fields.capacity < before.taken)
      fail('CONFLICT', `已有 ${before.taken} 人报名成功，名额不能少于该人数`)
    // Only on the revision the editor opened: another admin's save meanwhile is never overwritten (revision.ts).
    // Places, queue and status are not editor fields: sign-ups and publishing change them without a revision.
    await saveAtRevision({
      db: ctx.db,
      records: activitiesOf(ctx.db),
      before,
      revision: input.revision,
      fields,
      notFound: '没有找到该活动',
    })
    // Sign-ups carry the activity's title, kind, sub-type and start (我的志愿服务时长, the yearly hours report and the
    // rotation rule read them there): an activity renamed or moved after people signed up takes their rows along, in
    // one request — Query.update updates every matching record (WeChat 云开发 Collection.update, "更新多条记录").
    const moved = new Date(before.startAt).getTime() !== startAt.getTime()
    const renamed = before.title !== fields.title || before.kind !== fields.kind || before.subType !== fields.subType
    if (before.status !== 'draft' && (moved || renamed))
      await signupsOf(ctx.db).updateWhere(
        { activityId: before._id },
        { activityTitle: fields.title, kind: fields.kind, subType: fields.subType, activityStartAt: startAt },
      )
    // More places on an activity people wait for: fill them from the waitlist, first come first served.
    const raised = fields.capacity === null || (before.capacity !== null && fields.capacity > before.capacity)
    if (before.status !== 'draft' && before.waitlist && raised) await rebalance(ctx, before._id)
    const after = await loadActivity(ctx, before._id)
    return { activity: (await activityViews(ctx, [after]))[0] }
  }
  await assertStoredFiles(ctx, [fields.cover], '封面')
  // Derived from title and start: saving the same new activity twice creates one.
  const id = `ac_${createHash('sha256').update(`${input.title}|${startAt.toISOString()}`).digest('hex').slice(0, 12)}`
  const doc: Omit<ActivityDoc, '_id'> = {
    ...fields,
    taken: 0,
    queue: [],
    releasing: [],
    status: 'draft',
    createdBy: ctx.caller.member._id,
    createdAt: now,
  }
  // Saved once under its natural key: a retried save answers with the activity already there.
  if (!(await createActivity(ctx.db, { _id: id, ...doc })))
    return { activity: (await activityViews(ctx, [await loadActivity(ctx, id)]))[0] }
  return { activity: (await activityViews(ctx, [{ _id: id, ...doc }]))[0] }
}

/** One activity's settings, drafts included, for the edit form. */
export const get: ActivityHandler<'get'> = async (input, ctx) => {
  return { activity: (await activityViews(ctx, [await loadActivity(ctx, input.activityId)]))[0] }
}

export const publish: ActivityHandler<'publish'> = async (input, ctx) => {
  const a = await loadActivity(ctx, input.activityId)
  if (a.status === 'draft')
    await activitiesOf(ctx.db).update(a._id, { status: 'published', updatedAt: ctx.clock.now() })
  return { activity: (await activityViews(ctx, [{ ...a, status: a.status === 'draft' ? 'published' : a.status }]))[0] }
}

export const closeSignup: ActivityHandler<'closeSignup'> = async (input, ctx) => {
  const a = await loadActivity(ctx, input.activityId)
  await activitiesOf(ctx.db).update(a._id, { status: 'closed', updatedAt: ctx.clock.now() })
  return { activity: (await activityViews(ctx, [{ ...a, status: 'closed' }]))[0] }
}

export const manage: ActivityHandler<'manage'> = async (input, ctx) => {
  const q = activitiesOf(ctx.db).query({})
  const { rows, total, page, pageSize } = await fetchPage<ActivityDoc>(q, [['startAt', 'desc']], input.page)
  return { items: await activityViews(ctx, rows), total, page, pageSize }
}

/**
 * The roster: by status, the waitlist in its order (a page of the activity's queue, read by id); counts per status
 * from one aggregation; every waiting member's place from the queue read with the activity.
 */
export const roster: ActivityHandler<'roster'> = async (input, ctx) => {
  const a = await loadActivity(ctx, input.activityId)
  const $ = ctx.db.command.aggregate
  const queue = input.status === 'waitlisted' ? await queueOf(ctx, a) : null
  const page = input.page ?? 1
  const waitingPage = async () => {
    // The queue may still hold someone who stopped waiting (a call that died before pulling them): left out here.
    const ids = queue!.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    const found = await rosterByIds(ctx.db, ids)
    return ids.map((id) => found.get(id)).filter((r): r is RosterRow => r?.signup.status === 'waitlisted')
  }
  const where: Record<string, unknown> = { activityId: a._id }
  if (input.status) where.status = input.status
  // Caller, activity, the page (names of branches joined, not the org tree), the counts per status, which also give
  // the page's total: 4 requests. The waitlist pages by the queue (its length the total).
  const [rows, grouped] = await Promise.all([
    queue ? waitingPage() : rosterPage(ctx.db, where, page),
    signupsOf(ctx.db)
      .aggregate()
      .match({ activityId: a._id })
      .group({ _id: '$status', n: $.sum(1) })
      .limit(10)
      .end(),
  ])
  const counts = { pending: 0, confirmed: 0, waitlisted: 0, cancelled: 0, rejected: 0 } as Record<SignupStatus, number>
  let all = 0
  for (const g of grouped.list) {
    all += g.n as number
    if (g._id in counts) counts[g._id as SignupStatus] = g.n as number
  }
  const total = queue
    ? queue.length
    : input.status
      ? ((grouped.list.find((g) => g._id === input.status)?.n as number | undefined) ?? 0)
      : all
  // A cancellation that died before passing its place on, or a sign-up that died holding a place it never handed
  // over (places.ts TAKE): finish it now that an organiser looks.
  if (
    grouped.list.some((g) => g._id === 'releasing') ||
    (a.releasing?.length ?? 0) > 0 ||
    hasDeadClaims(a, ctx.clock.now())
  )
    await repairReleases(ctx, { ...a, releasing: undefined })
  const list = rows.map((r) => r.signup)
  if (!queue && list.some((s) => s.status === 'waitlisted')) await queueOf(ctx, a)
  const names = new Map(rows.map((r) => [r.signup.branchId, { name: r.branchName }]))
  const items = list.map((s) => signupView(s, a, names))
  return { activity: (await activityViews(ctx, [a]))[0], items, total, page, pageSize: PAGE_SIZE, counts }
}

/** Approves (the member then gets a place or joins the waitlist) or rejects a pending sign-up. */
export const review: ActivityHandler<'review'> = async (input, ctx) => {
  const s = await loadSignup(ctx, input.signupId)
  const a = await loadActivity(ctx, s.activityId)
  if (s.status !== 'pending') fail('CONFLICT', '该报名不在待审核状态')
  if (!input.approve && !input.reason?.trim()) fail('INVALID_INPUT', '驳回报名请注明原因，报名人会看到')
  const now = ctx.clock.now()
  const next = input.approve ? 'processing' : 'rejected'
  const updated = await signupsOf(ctx.db).updateWhere(
    { _id: s._id, status: 'pending' },
    { status: next, rejectReason: input.approve ? null : (input.reason ?? null), updatedAt: now },
  )
  if (updated === 0) fail('CONFLICT', '该报名已被处理')
  await writeAudit(ctx, {
    action: input.approve ? 'signup.approve' : 'signup.reject',
    targetType: 'signup',
    targetId: s._id,
    reason: input.reason,
  })
  const after = input.approve
    ? await settle(ctx, a, { ...s, status: 'processing' }, s)
    : { ...s, status: 'rejected' as const, rejectReason: input.reason ?? null }
  return { signup: signupView(after, a, await orgsOf(ctx)) }
}

/** Moves a waitlisted member into a free place by hand, out of turn if need be: audited. */
export const promote: ActivityHandler<'promote'> = async (input, ctx) => {
  const s = await loadSignup(ctx, input.signupId)
  const a = await loadActivity(ctx, s.activityId)
  if (s.status !== 'waitlisted') fail('CONFLICT', '该人员不在候补名单中')
  // In turn needs no explanation; passing over someone who waited longer does, and it is audited with it.
  const queue = await queueOf(ctx, a)
  if (!input.reason && queue[0] !== s._id) fail('INVALID_INPUT', '不按候补顺序递补，请注明原因（如：特殊岗位需要）')
  // A place left half released by a failed cancellation is finished first, so it is not refused as full.
  const token =
    (await claimPlace(ctx, a, s._id)) ?? ((await repairReleases(ctx, a)) > 0 ? await claimPlace(ctx, a, s._id) : null)
  if (!token) fail('ACTIVITY_FULL', '没有空余名额，请先增加名额或等待有人取消')
  const now = ctx.clock.now()
  // Her claim's token in the same write that confirms her, then its name off (places.ts, TAKE).
  const updated = await signupsOf(ctx.db).updateWhere(
    { _id: s._id, status: 'waitlisted' },
    { status: 'confirmed', promotedAt: now, updatedAt: now, claimTokens: ctx.db.command.push([token]) },
  )
  if (updated === 0) {
    await returnPlace(ctx, a._id, token)
    fail('CONFLICT', '该人员的状态已变化，请刷新')
  }
  await settleClaim(ctx, a._id, token)
  await activitiesOf(ctx.db).update(a._id, { queue: ctx.db.command.pull(s._id) })
  await writeAudit(ctx, {
    action: 'signup.promote',
    targetType: 'signup',
    targetId: s._id,
    before: { status: 'waitlisted' },
    after: { status: 'confirmed' },
    reason: input.reason,
  })
  return { signup: signupView({ ...s, status: 'confirmed', promotedAt: now }, a, await orgsOf(ctx)) }
}

/** Corrects a volunteer's hours (in tenths of an hour): audited. */
export const setHours: ActivityHandler<'setHours'> = async (input, ctx) => {
  const s = await loadSignup(ctx, input.signupId)
  if (s.kind !== 'volunteer') fail('INVALID_INPUT', '只有志愿服务活动记录服务时长')
  if (s.status !== 'confirmed') fail('CONFLICT', '只能为报名成功的人员记录时长')
  const hours = input.tenths / 10
  const hoursEdited = { byName: ctx.caller.member.name, reason: input.reason, at: ctx.clock.now() }
  await signupsOf(ctx.db).update(s._id, { hours, hoursEdited, updatedAt: ctx.clock.now() })
  await writeAudit(ctx, {
    action: 'signup.setHours',
    targetType: 'signup',
    targetId: s._id,
    before: { hours: s.hours },
    after: { hours },
    reason: input.reason,
  })
  return { signup: signupView({ ...s, hours, hoursEdited }, {}, await orgsOf(ctx)) }
}

export const exportRoster: ActivityHandler<'exportRoster'> = async (input, ctx) => {
  const a = await loadActivity(ctx, input.activityId)
  const orgs = await orgsOf(ctx)
  const rows = await signupsInOrder(ctx.db, a._id)
  // Full phone numbers for the people coming (confirmed places: bounded by the capacity), so the organiser can reach
  // them on the day; handing them out is audited, like the roster export's full phones.
  const confirmed = rows.filter((r) => r.status === 'confirmed').map((r) => r.memberId)
  const people = await phonesOf(ctx.db, confirmed)
  if (confirmed.length)
    await writeAudit(ctx, {
      action: 'activity.contacts',
      targetType: 'activity',
      targetId: a._id,
      after: { phones: confirmed.length },
      reason: '导出报名名单（含联系电话）',
    })
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('报名名单')
  ws.addRow([
    '姓名',
    '支部',
    '联系电话',
    '状态',
    '候补顺序',
    '报名时间',
    ...a.extraFields.map((f) => f.label),
    '签到时间',
    '签退时间',
    '服务时长（小时）',
  ])
  const queue = await queueOf(ctx, a)
  const waitingIds = new Set(rows.filter((r) => r.status === 'waitlisted').map((r) => r._id))
  const waiting = queue.filter((id) => waitingIds.has(id))
  for (const r of rows) {
    const extra = new Map(r.extra.map((e) => [e.key, e.value]))
    ws.addRow([
      r.memberName,
      orgs.get(r.branchId)?.name ?? '',
      r.status === 'confirmed' ? (people.get(r.memberId)?.phone ?? '') : '',
      signupLabel({
        ...r,
        status: r.status === 'processing' ? 'pending' : r.status === 'releasing' ? 'cancelled' : r.status,
      }),
      r.status === 'waitlisted' ? waiting.indexOf(r._id) + 1 || '' : '',
      formatDateTime(r.createdAt),
      ...a.extraFields.map((f) => extra.get(f.key) ?? ''),
      r.checkInAt ? formatDateTime(r.checkInAt) : '',
      r.checkOutAt ? formatDateTime(r.checkOutAt) : '',
      r.hours ?? '',
    ])
  }
  ws.getRow(1).font = { bold: true }
  ws.getColumn(3).numFmt = '@'
  ws.getColumn(3).width = 14
  const fileName = `${a.title}-${ACTIVITY_KIND_LABELS[a.kind]}报名名单.xlsx`
  return saveWorkbook(ctx, wb, fileName)
}
