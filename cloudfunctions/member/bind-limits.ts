import { createHash } from 'crypto'
import { BIND_LIMITS, currentWindow, limitMessage, retryAt } from '../../src/domain/bind.limits'
import type { ErrorCode } from '../../src/contract/errors'
import { writeAuditAs } from '../_shared/audit'
import type { Ctx } from '../_shared/context'
import { AppError } from '../_shared/errors'
import { bindAttemptsOf, createCounter } from './binding.repo'

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24)

/** Answers that mean "that guess was wrong": they use up an attempt. */
export const WRONG_GUESS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BIND_NO_MATCH',
  'BIND_AMBIGUOUS',
  'BIND_INVITE_INVALID',
  'BIND_TAKEN',
])

export interface Attempt {
  /** The guess was right: give the attempt back. */
  release(): Promise<void>
  /** The guess was wrong: keep the attempt used and audit it. */
  wrong(code: ErrorCode): Promise<void>
}

/**
 * Takes one attempt from the caller's identity and from the name they typed BEFORE the guess is looked at, each with
 * one conditional update (count below the cap, window still running), so a burst of parallel guesses cannot all read
 * "0 so far" and no transaction has to win a race. Refuses with BIND_LIMITED (audited, counted) once either window is
 * used up, whatever the guess, so the right tail then gives no signal either.
 */
export async function reserveBindAttempt(ctx: Ctx, name: string, mode: string): Promise<Attempt> {
  const now = ctx.clock.now()
  const ids = { identity: `o_${hash(ctx.caller.openid)}`, name: `n_${hash(name)}` }
  let limited = await take(ctx, ids.identity, BIND_LIMITS.perIdentity, now)
  if (!limited) {
    limited = await take(ctx, ids.name, BIND_LIMITS.perName, now)
    if (limited) await giveBack(ctx, ids.identity)
  }
  if (limited) {
    await writeAuditAs(ctx, {
      action: 'bind.refused',
      targetType: 'bind',
      targetId: ids.name,
      after: { mode, name },
      reason: 'too_many_attempts',
    })
    throw new AppError('BIND_LIMITED', limitMessage(limited))
  }
  return {
    release: () => Promise.all([giveBack(ctx, ids.identity), giveBack(ctx, ids.name)]).then(() => undefined),
    async wrong(code) {
      await writeAuditAs(ctx, {
        action: 'bind.wrong',
        targetType: 'bind',
        targetId: ids.name,
        after: { mode, name },
        reason: code,
      })
    },
  }
}

/** One attempt from counter `id`, or the time its window ends when it is used up (the refusal is counted). */
async function take(ctx: Ctx, id: string, cap: number, now: Date): Promise<Date | null> {
  const _ = ctx.db.command
  const counters = bindAttemptsOf(ctx.db)
  const windowStart = new Date(now.getTime() - BIND_LIMITS.windowMs)
  for (let round = 0; round < 4; round++) {
    const taken = await counters.updateWhere(
      { _id: id, since: _.gt(windowStart), count: _.lt(cap) },
      { count: _.inc(1) },
    )
    if (taken === 1) return null
    const doc = await counters.get(id)
    if (!doc) {
      // First attempt: create it; a parallel first attempt makes add fail on the duplicate id, and we go round again.
      if (await createCounter(ctx.db, { _id: id, count: 1, since: now, refused: 0 })) return null
      continue
    }
    const current = currentWindow(doc, now)
    if (current.count >= cap) {
      await counters.update(id, { refused: _.inc(1) })
      return retryAt(current)
    }
    // The window ran out: start a new one, only if nobody else just did (conditional on the old start).
    const reset = await counters.updateWhere({ _id: id, since: doc.since }, { count: 1, since: now })
    if (reset === 1) return null
  }
  throw new AppError('CONFLICT', '请求过于频繁，请稍后再试')
}

async function giveBack(ctx: Ctx, id: string): Promise<void> {
  const _ = ctx.db.command
  await bindAttemptsOf(ctx.db).updateWhere({ _id: id, count: _.gt(0) }, { count: _.inc(-1) })
}
