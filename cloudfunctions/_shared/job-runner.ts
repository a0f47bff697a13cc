import type { Ctx } from './context'
import { isDuplicateKey } from './duplicate-key'

type AnyCtx = Omit<Ctx, 'caller'>

/**
 * One runner for every piece of work too large for one invocation (study notices, reminders, roster imports, bank
 * imports, long exports). A job is a document; its state (`JobState`) lives in one field of it, so the screen that
 * shows the document shows the job's progress at no extra read. A run:
 * - takes the LEASE with one conditional update (status queued/running, lease lapsed → running, lease until this
 *   invocation's end, a fresh runner id), so two timer ticks — or a tick and a slow run, or two taps — never work one
 *   job at once;
 * - walks the job's items from the saved CURSOR in batches, saving the cursor (and the outcome counts, by $inc) after
 *   each batch, every save conditional on still holding the lease; a run cut off by the platform redoes at most one
 *   batch, so every step must be safe to do again (natural-key creates, same-value updates, `keyedOnce` for sends);
 * - STOPS ITSELF after RUN_BUDGET_MS of the invocation's real time, well before the function's timeout, saving the
 *   cursor and releasing the lease, so the next tick (or the next call of the screen that drives it) continues at once.
 *   A run killed instead (timeout, crash) keeps its lease until the invocation could no longer be alive, then the next
 *   run continues from the last saved cursor.
 */

declare const __FUNCTION_TIMEOUT_MS__: number | undefined

/**
 * The running function's timeout from cloudbaserc.json, compiled into its bundle by scripts/build-functions.js (one
 * source: the number the deploy sets). Unbundled code gets CloudBase's default, 3 s: "函数最长执行时间，单位为秒，可选值范
 * 1-300 秒，默认为 3 秒" (developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/cloudbase/common/getFuncConfig.html).
 */
export const FUNCTION_TIMEOUT_MS: number = typeof __FUNCTION_TIMEOUT_MS__ === 'number' ? __FUNCTION_TIMEOUT_MS__ : 3_000
/**
 * A run stops itself after this share of the timeout: 8 s of 20 s. The rest is room for one slow batch on a slow
 * database (the budget is checked between batches/steps, not inside one), the cursor save, and the invocation's cold
 * start and own reads before the runner was called.
 */
export const RUN_BUDGET_MS = Math.floor(FUNCTION_TIMEOUT_MS * 0.4)
/** Beyond the invocation's end: servers' clocks differ a little; a lease this far past it is surely dead. */
export const LEASE_SKEW_MS = 2_000

export type JobStatus = 'queued' | 'running' | 'done'

export interface JobState<C> {
  status: JobStatus
  /** A run holds the job until then; a lapsed lease on a queued/running job means nobody is working it. */
  leaseUntil: Date
  /** The run holding the lease: every save is conditional on it. */
  runner: string | null
  /** Where the next run continues (the last item done). */
  cursor: C
  /** Outcome → how many steps ended so, over all runs. */
  counts: Record<string, number>
  startedAt: Date | null
  finishedAt: Date | null
}

/** The state a new job starts with (store it whole when creating or queuing the job). */
export function queuedState<C>(cursor: C): JobState<C> {
  return {
    status: 'queued',
    leaseUntil: new Date(0),
    runner: null,
    cursor,
    counts: {},
    startedAt: null,
    finishedAt: null,
  }
}

/** What kind of work a job is: where its state lives, how to list its items after a cursor and do one of them. */
export interface JobKind<D extends { _id: string }, C, I> {
  collection: string
  /** The document field holding the JobState. */
  field: string
  /** Items per saved batch: a cut-off run redoes at most this many. */
  batch: number
  /** Do a batch's steps at once (idempotent writes) instead of one by one (sends: the time is checked per step). */
  parallel?: boolean
  /**
   * True when `page` answers every item left (the items live in the job document): the last batch then ends the job
   * in the same save, one request fewer than asking for an empty page.
   */
  whole?: boolean
  /** The items after `cursor`, in order, each with the cursor that marks it done; empty means the end. */
  page(ctx: AnyCtx, job: D, cursor: C): Promise<ReadonlyArray<{ item: I; cursor: C }>>
  /** Does one item — safe to do again; answers an outcome, counted in the state's `counts`. */
  step(ctx: AnyCtx, job: D, item: I): Promise<string>
  /** Asked when the lease is taken: false ends the job with nothing more done (e.g. an article withdrawn). */
  live?(job: D): boolean
  /** More state fields written when the job ends (e.g. how many sends a killed run left unconfirmed). */
  finish?(ctx: AnyCtx, job: D): Promise<Record<string, unknown>>
}

export interface RunResult<C> {
  /** False: another run holds the job (or it is done); nothing was done. */
  ran: boolean
  done: boolean
  cursor: C
  /** Outcomes of this run only. */
  counts: Record<string, number>
}

function stateOf<C>(job: object, field: string): JobState<C> {
  return (job as Record<string, JobState<C>>)[field]
}

/** Until when a lease taken now may be held: the end of this invocation (the platform kills it then), plus skew. */
export function leaseEnd(ctx: AnyCtx): Date {
  const startedMs = ctx.startedMs ?? Date.now()
  const left = Math.max(0, FUNCTION_TIMEOUT_MS - (Date.now() - startedMs))
  return new Date(ctx.clock.now().getTime() + left + LEASE_SKEW_MS)
}

/** Whether this invocation has spent its run budget (counted from when it started). */
export function outOfTime(ctx: AnyCtx): boolean {
  return Date.now() - (ctx.startedMs ?? Date.now()) >= RUN_BUDGET_MS
}

/** Runs the due jobs of a kind (at most `limit`) until the time budget is spent; answers the summed outcomes. */
export async function runDue<D extends { _id: string }, C, I>(
  ctx: AnyCtx,
  kind: JobKind<D, C, I>,
  limit = 5,
): Promise<Record<string, number>> {
  const _ = ctx.db.command
  const jobs = (
    await ctx.db
      .collection(kind.collection)
      .where({
        [`${kind.field}.status`]: _.in(['queued', 'running']),
        [`${kind.field}.leaseUntil`]: _.lt(ctx.clock.now()),
      })
      .limit(limit)
      .get()
  ).data as D[]
  const total: Record<string, number> = {}
  for (const job of jobs) {
    if (outOfTime(ctx)) break
    const r = await runJob(ctx, kind, job)
    for (const [k, n] of Object.entries(r.counts)) total[k] = (total[k] ?? 0) + n
  }
  return total
}

/**
 * Where a chunked import stands after a run, as its screen shows it (正在写入：已完成 N / M): done when the runner
 * finished (or there was nothing to write), else the rows written so far — the cursor counts rows.
 */
export function importStage(run: RunResult<number>, total: number) {
  const done = run.done || total === 0
  return {
    stage: done ? ('done' as const) : ('writing' as const),
    progress: { written: done ? total : run.cursor, total },
  }
}

/** Works one job from its saved cursor until its end or the time budget (see the module comment). */
export async function runJob<D extends { _id: string }, C, I>(
  ctx: AnyCtx,
  kind: JobKind<D, C, I>,
  job: D,
): Promise<RunResult<C>> {
  const _ = ctx.db.command
  const f = kind.field
  const state = stateOf<C>(job, f)
  const counts: Record<string, number> = {}
  if (!state) throw new Error(`job ${job._id} has no ${f}`)
  if (state.status === 'done') return { ran: false, done: true, cursor: state.cursor, counts }
  const now = ctx.clock.now()
  const runner = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  const took = await ctx.db
    .collection(kind.collection)
    .where({ _id: job._id, [`${f}.status`]: _.in(['queued', 'running']), [`${f}.leaseUntil`]: _.lt(now) })
    .update({
      data: {
        [f]: { status: 'running', leaseUntil: leaseEnd(ctx), runner, startedAt: state.startedAt ?? now },
      },
    })
  if (took.stats.updated !== 1) return { ran: false, done: false, cursor: state.cursor, counts }

  let cursor = state.cursor
  // Outcomes since the last save, added to the stored counts by $inc.
  let unsaved: Record<string, number> = {}
  const save = async (more: Record<string, unknown>) => {
    const inc = Object.fromEntries(Object.entries(unsaved).map(([k, n]) => [k, _.inc(n)]))
    unsaved = {}
    await ctx.db
      .collection(kind.collection)
      .where({ _id: job._id, [`${f}.runner`]: runner })
      .update({ data: { [f]: { cursor, ...(Object.keys(inc).length ? { counts: inc } : {}), ...more } } })
  }
  const count = (outcome: string) => {
    counts[outcome] = (counts[outcome] ?? 0) + 1
    unsaved[outcome] = (unsaved[outcome] ?? 0) + 1
  }
  const stop = async (): Promise<RunResult<C>> => {
    // Out of time: save where we are and release the lease (the epoch, not "now": a run in the same millisecond, or
    // under a test's standing clock, must find it lapsed), so the next run continues at once.
    await save({ leaseUntil: new Date(0) })
    return { ran: true, done: false, cursor, counts }
  }

  if (kind.live && !kind.live(job)) {
    await save({ status: 'done', leaseUntil: ctx.clock.now(), finishedAt: ctx.clock.now() })
    return { ran: true, done: true, cursor, counts }
  }
  for (;;) {
    if (outOfTime(ctx)) return stop()
    const page = await kind.page(ctx, job, cursor)
    if (!page.length) break
    for (let i = 0; i < page.length; i += kind.batch) {
      const batch = page.slice(i, i + kind.batch)
      if (outOfTime(ctx)) return stop()
      if (kind.parallel) {
        const outcomes = await Promise.all(batch.map((b) => kind.step(ctx, job, b.item)))
        outcomes.forEach(count)
        cursor = batch[batch.length - 1].cursor
      } else {
        for (const b of batch) {
          if (outOfTime(ctx)) return stop()
          count(await kind.step(ctx, job, b.item))
          cursor = b.cursor
        }
      }
      if (kind.whole && i + kind.batch >= page.length) break
      await save({})
    }
    if (kind.whole) break
  }
  const end = kind.finish ? await kind.finish(ctx, job) : {}
  await save({ status: 'done', leaseUntil: ctx.clock.now(), finishedAt: ctx.clock.now(), ...end })
  return { ran: true, done: true, cursor, counts }
}

/**
 * One send (or any effect that must happen at most once and has no idempotency key of its own, like WeChat's
 * subscribeMessage.send): its natural key is created BEFORE the effect, so a resumed run that meets it again finds the
 * key and does not repeat the effect (it answers the outcome stored with the key). A run killed between creating the key and knowing the answer leaves it `sending`: not
 * done again (a double would be worse than a gap), shown to staff as 未确认. `effect` answers the stored outcome.
 */
export async function keyedOnce(
  ctx: AnyCtx,
  collection: string,
  doc: { _id: string } & Record<string, unknown>,
  effect: () => Promise<{ state: string } & Record<string, unknown>>,
): Promise<string> {
  try {
    await ctx.db.collection(collection).add({ data: { ...doc, state: 'sending' } })
  } catch (err) {
    if (!(await isDuplicateKey(ctx.db, collection, doc._id, err))) throw err
    // Met again by a run resuming after a cut-off: the job's counts are saved with its cursor, after a batch, so the
    // outcome of a send made since the last save was never counted. Answer the stored outcome and it is counted once
    // (one read, only for the few keys between the last save and the cut). One still `sending` stays 'skipped': the
    // job's finish counts those as 未确认.
    const stored = (await ctx.db.collection(collection).doc(doc._id).get()).data as { state?: string } | undefined
    return stored?.state && stored.state !== 'sending' ? stored.state : 'skipped'
  }
  const answer = await effect()
  await ctx.db.collection(collection).doc(doc._id).update({ data: answer })
  return answer.state
}
