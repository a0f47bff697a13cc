import { COL } from './collections'
import type { Ctx } from './context'
import { isDuplicateKey } from './duplicate-key'
import { keyedOnce, queuedState, runDue, type JobKind, type JobState } from './job-runner'
import { holdKey, sendToMember, type Message } from './subscriptions'
import type { Template } from './templates'

type AnyCtx = Omit<Ctx, 'caller'>

/**
 * Reminders as jobs of the shared runner (_shared/job-runner.ts: lease, cursor saved after each batch, stops itself
 * well before the function's timeout, resumed by the next tick). A job is queued once (its `_id` is the natural key of
 * what it reminds about) and names the item and the branches it reaches; WHO is reminded is decided when each batch is
 * sent: the walk (`RecipientWalk`, remind/items.ts) answers the next members in member-id order after the cursor,
 * each marked still due or not (a member who signed in, read it, handed in, asked for leave or gave up her place after
 * the job was queued is passed over). The cursor is the last member id walked. Every reminder is keyed
 * `${jobId}_${memberId}` in `reminders` (`keyedOnce`): nobody is reminded twice, and one a killed run left `sending`
 * shows as 未确认. Credits are spent one per message (_shared/subscriptions.ts): a member without a consent left is
 * recorded `no_credit`, nothing sent.
 */
/** Members between cursor saves: a cut-off run meets at most these again, each skipped by its key. */
export const BATCH = 10

export interface ReminderJobDoc {
  _id: string
  rule: string
  kind: string
  itemId: string
  title: string
  /** The branches a test's or an article's walk covers ([] = its whole audience); a secretary's 一键提醒: her branch. */
  branchIds: string[]
  /** The runner's state; the cursor is the last member id walked ('' before the first). */
  job: JobState<string>
  /** The message, fixed when queued (page and template values). */
  page: string
  values: Record<string, string>
  byId: string | null
  byName: string | null
  createdAt: Date
  /**
   * A later sweep of the same job (活动提醒 reopened for places confirmed after it ran, remind.ts `reopenForLate`):
   * only those confirmed since the previous sweep began are walked. Absent/null: everyone.
   */
  since?: Date | null
}

export interface ReminderDoc {
  _id: string
  jobId: string
  memberId: string
  state: 'sending' | 'sent' | 'no_credit' | 'failed'
  at: Date
}

/** The next members after `after` (member-id order, at most `limit`), each still due or not as of now; [] at the end. */
export type RecipientWalk = (
  ctx: AnyCtx,
  job: ReminderJobDoc,
  after: string,
  limit: number,
) => Promise<Array<{ memberId: string; due: boolean }>>

/** Queues a job once: a second queue of the same key finds it and does nothing (false). */
export async function queueJob(ctx: AnyCtx, job: Omit<ReminderJobDoc, 'job' | 'createdAt'>): Promise<boolean> {
  const doc: ReminderJobDoc = { ...job, job: queuedState(''), createdAt: ctx.clock.now() }
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
  walk: RecipientWalk,
): JobKind<ReminderJobDoc, string, { memberId: string; due: boolean }> {
  return {
    collection: COL.reminderJobs,
    field: 'job',
    batch: BATCH,
    // One batch at a time, so "still due" is decided just before that batch is sent.
    async page(ctx, job, cursor) {
      return (await walk(ctx, job, cursor, BATCH)).map((r) => ({ item: r, cursor: r.memberId }))
    },
    async step(ctx, job, { memberId, due }) {
      // Done since the job was queued (or her place given up): not reminded, no key kept.
      if (!due) return 'not_due'
      const key = { _id: `${job._id}_${memberId}`, jobId: job._id, memberId, at: ctx.clock.now() }
      return keyedOnce(ctx, COL.reminders, key, async () => {
        // sendToMember answers false both for no credit and for a refused send; the subscription records refusals. A
        // consent she gave on this item's page is spent here first; one given on another item's page never is.
        const ok = await sendToMember(ctx, memberId, template, toMessage(job), holdKey(job.kind, job.itemId))
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
  walk: RecipientWalk,
): Promise<number> {
  return (await runDue(ctx, reminderKind(template, toMessage, walk))).sent ?? 0
}
