import { COL } from './collections'
import type { Ctx } from './context'
import { isDuplicateKey } from './duplicate-key'
import { keyedOnce, queuedState, runDue, type JobKind, type JobState } from './job-runner'
import { sendToMember, type Message } from './subscriptions'
import type { Template } from './templates'

type AnyCtx = Omit<Ctx, 'caller'>

/**
 * Reminders as jobs of the shared runner (_shared/job-runner.ts: lease, cursor saved after each batch, stops itself
 * well before the function's timeout, resumed by the next tick). A job is queued once (its `_id` is the natural key of
 * what it reminds about) with its recipients fixed in member-id order; the cursor is how many of them are done. Every
 * reminder is keyed `${jobId}_${memberId}` in `reminders` (`keyedOnce`): nobody is reminded twice, and one a killed run
 * left `sending` shows as 未确认. Credits are spent one per message (_shared/subscriptions.ts): a member without a
 * consent left is recorded `no_credit`, nothing sent.
 */
/** Recipients between cursor saves: a cut-off run meets at most these again, each skipped by its key. */
const BATCH = 10

export interface ReminderJobDoc {
  _id: string
  rule: string
  kind: string
  itemId: string
  title: string
  recipients: string[]
  /** The runner's state; the cursor counts recipients done. */
  job: JobState<number>
  /** The message, fixed when queued (page and template values). */
  page: string
  values: Record<string, string>
  byId: string | null
  byName: string | null
  createdAt: Date
}

export interface ReminderDoc {
  _id: string
  jobId: string
  memberId: string
  state: 'sending' | 'sent' | 'no_credit' | 'failed'
  at: Date
}

/** Queues a job once: a second queue of the same key finds it and does nothing (false). */
export async function queueJob(ctx: AnyCtx, job: Omit<ReminderJobDoc, 'job' | 'createdAt'>): Promise<boolean> {
  const doc: Omit<ReminderJobDoc, '_id'> & { _id: string } = {
    ...job,
    recipients: [...new Set(job.recipients)].sort(),
    job: queuedState(0),
    createdAt: ctx.clock.now(),
  }
  try {
    await ctx.db.collection(COL.reminderJobs).add({ data: doc })
    return true
  } catch (err) {
    if (await isDuplicateKey(ctx.db, COL.reminderJobs, job._id, err)) return false
    throw err
  }
}

function reminderKind(
  template: Template<string> | null,
  toMessage: (job: ReminderJobDoc) => Message,
): JobKind<ReminderJobDoc, number, string> {
  return {
    collection: COL.reminderJobs,
    field: 'job',
    batch: BATCH,
    whole: true,
    async page(_ctx, job, cursor) {
      return job.recipients.slice(cursor).map((memberId, i) => ({ item: memberId, cursor: cursor + i + 1 }))
    },
    step(ctx, job, memberId) {
      const key = { _id: `${job._id}_${memberId}`, jobId: job._id, memberId, at: ctx.clock.now() }
      return keyedOnce(ctx, COL.reminders, key, async () => {
        // sendToMember answers false both for no credit and for a refused send; the subscription records refusals.
        const ok = await sendToMember(ctx, memberId, template, toMessage(job))
        return { state: ok ? 'sent' : 'no_credit', at: ctx.clock.now() }
      })
    },
  }
}

/** Runs due jobs until the time budget is spent; answers how many messages went out. */
export async function runJobs(
  ctx: AnyCtx,
  template: Template<string> | null,
  toMessage: (job: ReminderJobDoc) => Message,
): Promise<number> {
  return (await runDue(ctx, reminderKind(template, toMessage))).sent ?? 0
}
