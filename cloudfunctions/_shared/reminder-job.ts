import { COL } from './collections'
import type { Ctx } from './context'
import { isDuplicateKey } from './duplicate-key'
import { sendToMember, type Message } from './subscriptions'
import type { Template } from './templates'

type AnyCtx = Omit<Ctx, 'caller'>

/**
 * Reminders as resumable jobs. A job is queued once (its `_id` is the natural key of what it reminds about) with its
 * recipients fixed in member-id order; each timer tick takes the jobs whose lease has lapsed, walks the recipients from
 * the saved cursor and stops by itself after RUN_BUDGET_MS, saving the cursor. A run that is cut off instead (the
 * function's 20 s timeout, a crash) loses its lease after LEASE_MS and the next tick continues from the last saved
 * cursor. Every reminder is keyed `${jobId}_${memberId}` and created BEFORE its send: a resumed run that meets a
 * recipient again finds the key and skips her, so nobody is reminded twice. A run killed between creating the key and
 * the send's answer leaves it `sending`: WeChat's send has no idempotency key, so she is not sent to again (a double
 * would be worse than a gap) and the secretary sees her as 未确认. Credits are spent one per message
 * (_shared/subscriptions.ts): a member without a consent left is recorded `no_credit`, nothing sent.
 */
export const RUN_BUDGET_MS = 8_000
/** Longer than the function's 20 s timeout: a lease still held is a run still alive. */
export const LEASE_MS = 30_000
/** Cursor saved every this many recipients (a cut-off redoes at most these, each skipped by its key). */
const SAVE_EVERY = 10

export interface ReminderJobDoc {
  _id: string
  rule: string
  kind: string
  itemId: string
  title: string
  recipients: string[]
  cursor: number
  status: 'queued' | 'running' | 'done'
  leaseUntil: Date
  runner: string | null
  /** The message, fixed when queued (page and template values). */
  page: string
  values: Record<string, string>
  byId: string | null
  byName: string | null
  createdAt: Date
  finishedAt: Date | null
}

export interface ReminderDoc {
  _id: string
  jobId: string
  memberId: string
  state: 'sending' | 'sent' | 'no_credit' | 'failed'
  at: Date
}

/** Queues a job once: a second queue of the same key finds it and does nothing (false). */
export async function queueJob(
  ctx: AnyCtx,
  job: Omit<ReminderJobDoc, 'cursor' | 'status' | 'leaseUntil' | 'runner' | 'createdAt' | 'finishedAt'>,
): Promise<boolean> {
  const now = ctx.clock.now()
  const doc = {
    ...job,
    recipients: [...new Set(job.recipients)].sort(),
    cursor: 0,
    status: 'queued',
    leaseUntil: new Date(0),
    runner: null,
    createdAt: now,
    finishedAt: null,
  }
  try {
    await ctx.db.collection(COL.reminderJobs).add({ data: doc })
    return true
  } catch (err) {
    if (await isDuplicateKey(ctx.db, COL.reminderJobs, job._id, err)) return false
    throw err
  }
}

/** Runs due jobs until the time budget is spent; answers how many messages went out. */
export async function runJobs(
  ctx: AnyCtx,
  template: Template<string> | null,
  toMessage: (job: ReminderJobDoc) => Message,
  startedMs = Date.now(),
  limit = 5,
): Promise<number> {
  const _ = ctx.db.command
  const jobs = (
    await ctx.db
      .collection(COL.reminderJobs)
      .where({ status: _.in(['queued', 'running']), leaseUntil: _.lt(ctx.clock.now()) })
      .limit(limit)
      .get()
  ).data as ReminderJobDoc[]
  let sent = 0
  for (const job of jobs) {
    if (Date.now() - startedMs >= RUN_BUDGET_MS) break
    sent += await runOne(ctx, job, template, toMessage(job), startedMs)
  }
  return sent
}

async function runOne(
  ctx: AnyCtx,
  job: ReminderJobDoc,
  template: Template<string> | null,
  message: Message,
  startedMs: number,
): Promise<number> {
  const _ = ctx.db.command
  const now = ctx.clock.now()
  const runner = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  // The lease: one conditional update, so two ticks never work one job at once.
  const took = await ctx.db
    .collection(COL.reminderJobs)
    .where({ _id: job._id, status: _.in(['queued', 'running']), leaseUntil: _.lt(now) })
    .update({ data: { status: 'running', leaseUntil: new Date(now.getTime() + LEASE_MS), runner } })
  if (took.stats.updated !== 1) return 0
  const save = (data: Record<string, unknown>) =>
    ctx.db.collection(COL.reminderJobs).where({ _id: job._id, runner }).update({ data })
  let cursor = job.cursor
  let sent = 0
  while (cursor < job.recipients.length) {
    if (Date.now() - startedMs >= RUN_BUDGET_MS) {
      // Out of time: save where we are and let the lease lapse now, so the next tick continues.
      await save({ cursor, leaseUntil: ctx.clock.now() })
      return sent
    }
    const memberId = job.recipients[cursor]
    const id = `${job._id}_${memberId}`
    let fresh = true
    try {
      await ctx.db
        .collection(COL.reminders)
        .add({ data: { _id: id, jobId: job._id, memberId, state: 'sending', at: ctx.clock.now() } })
    } catch (err) {
      if (!(await isDuplicateKey(ctx.db, COL.reminders, id, err))) throw err
      fresh = false
    }
    if (fresh) {
      const ok = await sendToMember(ctx, memberId, template, message)
      // sendToMember answers false both for no credit and for a refused send; the subscription records refusals.
      await ctx.db
        .collection(COL.reminders)
        .doc(id)
        .update({ data: { state: ok ? 'sent' : 'no_credit', at: ctx.clock.now() } })
      if (ok) sent++
    }
    cursor++
    if (cursor % SAVE_EVERY === 0) await save({ cursor })
  }
  await save({ cursor, status: 'done', finishedAt: ctx.clock.now(), leaseUntil: ctx.clock.now() })
  return sent
}
