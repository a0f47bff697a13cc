import type { ReminderJobView } from '../../src/contract/remind.contract'
import {
  ACTIVITY_LEAD_HOURS,
  MEETING_LEAD_MIN,
  QUIZ_LEAD_HOURS,
  READING_LEAD_HOURS,
  nextManualAt,
  type ReminderKind,
  type ReminderRule,
} from '../../src/domain/reminder.rules'
import { writeAudit } from '../_shared/audit'
import type { Ctx, MemberCaller } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { queueJob, runJobs, type ReminderJobDoc } from '../_shared/reminder-job'
import { holdKey, recordConsent } from '../_shared/subscriptions'
import { readTemplate, REMINDER, templateData } from '../_shared/templates'
import { loadMeetingInScope } from '../meeting/meetings'
import type { MeetingDoc } from '../meeting/docs'
import { meetingsOf } from '../meeting/meeting.repo'
import { quizzesOf } from '../quiz/quiz.repo'
import { activitiesOf } from '../activity/activity.repo'
import { articlesOf } from '../study/study.repo'
import {
  claimThrottle,
  confirmedSince,
  jobsOfItem,
  outcomeCounts,
  reminderJobsOf,
  reopenJob,
  throttlesOf,
} from './remind.repo'
import {
  activityItem,
  meetingItem,
  notDone,
  quizItem,
  studyItem,
  walkRecipients,
  type AnyCtx,
  type Item,
} from './items'
import type { RemindHandler } from '../_shared/handlers'
import { confinedBranch } from '../../src/domain/roles'
import { reachesBranch } from '../../src/domain/audience'

/** The reminder template as this deployment configured it (_shared/templates.ts). */
export function reminderTemplate() {
  // Named here, not in templates.ts, so each function's bundle reads only its own variables (manifest test).
  const env = {
    REMIND_TEMPLATE_ID: process.env.REMIND_TEMPLATE_ID,
    REMIND_TEMPLATE_KEYS: process.env.REMIND_TEMPLATE_KEYS,
  }
  return readTemplate(REMINDER, env).template
}

/**
 * Records a member's answer to wx.requestSubscribeMessage for reminders. Given on a meeting's page (`meetingId`), the
 * consent is held for that meeting's reminders (_shared/subscriptions.ts): only a coming meeting she is expected at,
 * else NOT_FOUND and nothing written (a consent held for a meeting that never reminds her would be lost).
 */
export const subscribe: RemindHandler<'subscribe'> = async (input, ctx) => {
  let forItem: string | undefined
  let holdUntil: Date | undefined
  if (input.meetingId) {
    const m = await meetingsOf(ctx.db).get(input.meetingId)
    if (!m || m.status !== 'scheduled' || !(m.expectedIds ?? []).includes(ctx.caller.member._id))
      throw new AppError('NOT_FOUND', '没有找到该会议，或您不是应到人员')
    forItem = holdKey('meeting', m._id)
    holdUntil = new Date(m.startAt)
  }
  return {
    credits: await recordConsent(ctx, reminderTemplate(), input.templateId, input.accepted, forItem, holdUntil),
  }
}

/** The template a member is asked to consent to (null: reminders are off in this deployment). */
export const template: RemindHandler<'template'> = async (_input, _ctx) => {
  return { templateId: reminderTemplate()?.id ?? null }
}

/** The item in the caller's scope, and a branch admin's branch when a test reaches more than hers. */
async function loadItem(
  ctx: Ctx<MemberCaller>,
  kind: ReminderKind,
  itemId: string,
): Promise<{ item: Item; meeting?: MeetingDoc; onlyBranch?: string }> {
  if (kind === 'meeting') {
    const { meeting } = await loadMeetingInScope(ctx, itemId)
    return { item: meetingItem(meeting), meeting }
  }
  const me = ctx.caller.member
  if (kind === 'study') {
    const a = await articlesOf(ctx.db).get(itemId)
    // Only required reading is followed up; drafts and articles not pushed to her branch read like a missing one.
    if (
      !a ||
      a.status !== 'published' ||
      !a.required ||
      (me.role !== 'org_admin' && !reachesBranch(a.audienceBranchIds, me.branchId))
    )
      throw new AppError('NOT_FOUND', '没有找到该资料')
    return { item: studyItem(a), onlyBranch: confinedBranch(me) }
  }
  const quiz = await quizzesOf(ctx.db).get(itemId)
  // The committee's drafts and other branches' tests read exactly like a missing one.
  if (
    !quiz ||
    quiz.status !== 'published' ||
    (me.role !== 'org_admin' && !reachesBranch(quiz.audienceBranchIds, me.branchId))
  )
    throw new AppError('NOT_FOUND', '没有找到该测试')
  return { item: quizItem(quiz), onlyBranch: confinedBranch(me) }
}

/**
 * 一键提醒: queues a job for everyone who has not done the item yet, at most once per item per 24 hours (a conditional
 * claim on the item's throttle document, so two taps at once queue one job), audited. The timer sends it, asking again
 * batch by batch who still has it to do (the count answered here is who had it when she tapped).
 */
export const send: RemindHandler<'send'> = async (input, ctx) => {
  const { item, meeting, onlyBranch } = await loadItem(ctx, input.kind, input.itemId)
  if (meeting && meeting.status !== 'scheduled') fail('INVALID_INPUT', '会议已结束或已取消，不能再提醒')
  const recipients = await notDone(ctx.db, item, meeting, onlyBranch)
  if (!recipients.length) fail('REMIND_NOTHING')
  const now = ctx.clock.now()
  const throttleId = `${item.kind}_${item.id}`
  const since = new Date(now.getTime() - 24 * 3600_000)
  const claim = await claimThrottle(ctx.db, throttleId, since, now)
  if (!claim.claimed) {
    const next = nextManualAt(new Date(claim.last.lastAt), now)
    fail('REMIND_THROTTLED', next ? `该事项 24 小时内已提醒过，${formatNext(next)}后可再次提醒` : undefined)
  }
  const me = ctx.caller.member
  const jobId = `manual_${item.kind}_${item.id}_${now.getTime()}`
  await queueJob(ctx, {
    _id: jobId,
    rule: 'manual',
    kind: item.kind,
    itemId: item.id,
    title: item.title,
    branchIds: onlyBranch ? [onlyBranch] : item.branchIds,
    page: item.page,
    values: item.values,
    byId: me._id,
    byName: me.name,
  })
  await writeAudit(ctx, {
    action: 'remind.send',
    targetType: item.kind,
    targetId: item.id,
    after: { jobId, recipients: recipients.length },
  })
  return { jobId, recipients: recipients.length }
}

function formatNext(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000)
  return `${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} `
}

/** What was sent for an item: each job (timer or 一键提醒), its outcome counts, and when 一键提醒 is allowed again. */
export const log: RemindHandler<'log'> = async (input, ctx) => {
  const { item } = await loadItem(ctx, input.kind, input.itemId)
  const [jobs, throttle] = await Promise.all([
    jobViews(ctx, item.kind, item.id),
    throttlesOf(ctx.db).get(`${item.kind}_${item.id}`),
  ])
  const next = nextManualAt(throttle ? new Date(throttle.lastAt) : null, ctx.clock.now())
  return { jobs, nextManualAt: next ? next.toISOString() : null, templateId: reminderTemplate()?.id ?? null }
}

/** 活动提醒 sent about an activity, for its organisers (activity.roster's people; every activity is theirs). */
export const activityLog: RemindHandler<'activityLog'> = async (input, ctx) => {
  const a = await activitiesOf(ctx.db).get(input.activityId)
  if (!a) throw new AppError('NOT_FOUND', '没有找到该活动')
  return { jobs: await jobViews(ctx, 'activity', a._id), templateId: reminderTemplate()?.id ?? null }
}

/** The item's last 20 jobs, newest first, with their outcome counts (one aggregation over their reminders). */
async function jobViews(ctx: Ctx<MemberCaller>, kind: string, itemId: string): Promise<ReminderJobView[]> {
  const list = await jobsOfItem(ctx.db, kind, itemId)
  const counts = await outcomeCounts(
    ctx.db,
    list.map((j) => j._id),
  )
  const n = (job: string, state: string) => counts.find((c) => c._id.j === job && c._id.s === state)?.n ?? 0
  return list.map((j) => ({
    id: j._id,
    rule: j.rule as ReminderJobView['rule'],
    byName: j.byName,
    createdAt: new Date(j.createdAt).toISOString(),
    finishedAt: j.job.finishedAt ? new Date(j.job.finishedAt).toISOString() : null,
    recipients: n(j._id, 'sent') + n(j._id, 'no_credit') + n(j._id, 'sending') + n(j._id, 'failed'),
    sent: n(j._id, 'sent'),
    noCredit: n(j._id, 'no_credit'),
    unconfirmed: j.job.finishedAt || j.job.status !== 'running' ? n(j._id, 'sending') : 0,
  }))
}

/**
 * 活动提醒 to places confirmed after the job swept the list (promoted from the waitlist, approved later): the rule is
 * that every member whose place is confirmed before the activity starts hears once. A finished job is reopened, its
 * next sweep walking only sign-ups confirmed since the previous sweep BEGAN (one confirmed mid-sweep behind the cursor
 * is caught; one the previous sweep reached already meets her key in `reminders` and is not sent twice). One query per
 * activity per tick, and only for finished jobs: the same at any list size.
 */
async function reopenForLate(ctx: AnyCtx, job: ReminderJobDoc): Promise<boolean> {
  if (job.job.status !== 'done') return false
  // From the sweep's first moment inclusive (a place confirmed in the same millisecond is not lost; at worst one more
  // sweep that meets only keys).
  const from = new Date(job.job.startedAt ?? job.createdAt)
  if (!(await confirmedSince(ctx.db, job.itemId, from))) return false
  return reopenJob(ctx.db, job._id, from)
}

/**
 * Timer (every 5 minutes): queues 会前提醒 for meetings starting within two hours, 测试截止提醒 for tests closing within
 * a day, 必读到期提醒 for required reading due within a day and 活动提醒 for activities starting within a day — each
 * once, by its natural key — then runs due jobs within the time budget. Who each reaches is decided as it sends
 * (items.ts walkRecipients), so queuing reads no roster.
 */
export async function dispatch(ctx: AnyCtx): Promise<{ queued: number; sent: number }> {
  const _ = ctx.db.command
  const now = ctx.clock.now()
  const within = (ms: number) => _.gt(now).and(_.lte(new Date(now.getTime() + ms)))
  const template = reminderTemplate()
  let queued = 0
  if (template) {
    const [meetings, quizzes, articles, activities] = await Promise.all([
      meetingsOf(ctx.db).find({ status: 'scheduled', startAt: within(MEETING_LEAD_MIN * 60_000) }, { limit: 50 }),
      quizzesOf(ctx.db).find({ status: 'published', closeAt: within(QUIZ_LEAD_HOURS * 3600_000) }, { limit: 20 }),
      articlesOf(ctx.db).find(
        { status: 'published', required: true, deadline: within(READING_LEAD_HOURS * 3600_000) },
        { limit: 20 },
      ),
      activitiesOf(ctx.db).find(
        { status: 'published', startAt: within(ACTIVITY_LEAD_HOURS * 3600_000) },
        { limit: 20 },
      ),
    ])
    const items: Array<{ rule: Exclude<ReminderRule, 'manual'>; item: Item }> = [
      ...meetings.map((m) => ({ rule: 'meeting_soon' as const, item: meetingItem(m) })),
      ...quizzes.map((q) => ({ rule: 'quiz_closing' as const, item: quizItem(q) })),
      ...articles.map((a) => ({ rule: 'reading_due' as const, item: studyItem(a) })),
      ...activities.map((a) => ({ rule: 'activity_soon' as const, item: activityItem(a) })),
    ]
    for (const { rule, item } of items) {
      const jobId = `${rule}_${item.id}`
      // Already queued (most ticks): one read by id instead of a refused write.
      const existing = await reminderJobsOf(ctx.db).get(jobId)
      if (existing) {
        if (rule === 'activity_soon' && (await reopenForLate(ctx, existing))) queued++
        continue
      }
      const made = await queueJob(ctx, {
        _id: jobId,
        rule,
        kind: item.kind,
        itemId: item.id,
        title: item.title,
        branchIds: item.branchIds,
        page: item.page,
        values: item.values,
        byId: null,
        byName: null,
      })
      if (made) queued++
    }
  }
  const sent = await runJobs(
    ctx,
    template,
    (job) => ({ page: job.page, data: template ? templateData(template, job.values as never) : {} }),
    walkRecipients,
  )
  return { queued, sent }
}
