import * as cloud from 'wx-server-sdk'
import type { Access } from '../../src/contract/access'
import type { Envelope } from '../../src/contract/errors'
import { validate, type Schema } from '../../src/contract/schema'
import { scopeOf } from '../../src/domain/roles'
import { loadCallerMember } from './caller'
import { clockOf, type Caller, type ConsoleCaller, type Ctx, type Db, type MemberCaller } from './context'
import { AppError } from './errors'

interface Spec {
  input: Schema<unknown>
  access: Access
}

type CallerFor<A extends Access> = A extends 'openid' ? Caller : A extends 'console' ? ConsoleCaller : MemberCaller

/**
 * One action's handler, typed from the contract alone: its input from the action's schema, its caller from its
 * access, its answer from the area's outputs. Areas name it once (_shared/handlers.ts) so a handler file writes
 * `export const checkIn: MeetingHandler<'checkIn'> = async (input, ctx) => …` and never restates the schema.
 */
export type HandlerOf<C extends Record<string, Spec>, O extends { [K in keyof C]: unknown }, K extends keyof C> = (
  input: C[K]['input'] extends Schema<infer I> ? I : never,
  ctx: Ctx<CallerFor<C[K]['access']>>,
) => Promise<O[K]>

/** A handler per action of the contract, typed from its input schema and access. */
export type Handlers<C extends Record<string, Spec>, O extends { [K in keyof C]: unknown }> = {
  [K in keyof C]: HandlerOf<C, O, K>
}

let initialised = false

/**
 * Builds a cloud function's `main`: dispatches on `event.action`, validates `event.input` against the contract,
 * identifies the caller from getWXContext() only, checks access, and wraps the result or error in the envelope.
 */
/** A timer trigger's job: no caller, just the database and the clock (config.json declares the schedule). */
export type TimerJob = (ctx: Omit<Ctx, 'caller'>) => Promise<unknown>

export function createRouter<C extends Record<string, Spec>, O extends { [K in keyof C]: unknown }>(
  area: string,
  contract: C,
  handlers: Handlers<C, O>,
  timers: Record<string, TimerJob> = {},
) {
  return async function main(event: {
    action?: unknown
    input?: unknown
    Type?: unknown
    TriggerName?: unknown
  }): Promise<Envelope<unknown>> {
    const startedMs = Date.now()
    if (!initialised) {
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
      initialised = true
    }
    // Timer triggers arrive as { Type: 'Timer', TriggerName }: no user, so no OPENID, and nothing a client can send.
    if (event?.Type === 'Timer' && typeof event.TriggerName === 'string' && !cloud.getWXContext().OPENID) {
      const job = timers[event.TriggerName]
      if (!job) return { ok: false, error: new AppError('UNKNOWN_ACTION').toBody() }
      try {
        return {
          ok: true,
          data: await job({ cloud, db: cloud.database() as unknown as Db, clock: clockOf(cloud), startedMs }),
        }
      } catch (err) {
        logUnexpected(`${area}.timer.${event.TriggerName}`, err)
        return { ok: false, error: new AppError('INTERNAL').toBody() }
      }
    }
    const action = typeof event?.action === 'string' ? event.action : ''
    try {
      if (!Object.prototype.hasOwnProperty.call(contract, action)) throw new AppError('UNKNOWN_ACTION')
      const spec = contract[action]
      const parsed = validate(spec.input, event.input)
      if (!parsed.ok) {
        throw new AppError(
          'INVALID_INPUT',
          parsed.issues[0].message,
          parsed.issues.map((i) => ({ path: i.path, message: i.message })),
        )
      }
      const { OPENID } = cloud.getWXContext()
      const db = cloud.database() as unknown as Db
      if (spec.access === 'console') {
        // Only a call with the environment's API key arrives without an OPENID; every call from the app has one, so
        // no user of the mini-program can reach a console action.
        if (OPENID) throw new AppError('FORBIDDEN')
        const caller: ConsoleCaller = { openid: null, member: null, scope: { kind: 'self' } }
        const handler = handlers[action] as (input: unknown, ctx: Ctx<ConsoleCaller>) => Promise<unknown>
        return { ok: true, data: await handler(parsed.value, { cloud, db, clock: clockOf(cloud), caller, startedMs }) }
      }
      if (!OPENID) throw new AppError('NOT_SIGNED_IN')
      const member = await loadCallerMember(db, OPENID)
      const caller: Caller = { openid: OPENID, member, scope: member ? scopeOf(member) : { kind: 'self' } }
      checkAccess(spec.access, caller)
      const ctx: Ctx = { cloud, db, clock: clockOf(cloud), caller, startedMs }
      const handler = handlers[action] as (input: unknown, ctx: Ctx) => Promise<unknown>
      return { ok: true, data: await handler(parsed.value, ctx) }
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toBody() }
      logUnexpected(`${area}.${action}`, err)
      return { ok: false, error: new AppError('INTERNAL').toBody() }
    }
  }
}

/** One line per unexpected failure, with enough to find it in the cloud log; the user gets a calm message. */
function logUnexpected(where: string, err: unknown): void {
  console.error(
    `[${where}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`.replace(/\n\s*/g, ' | '),
  )
}

function checkAccess(access: Exclude<Access, 'console'>, caller: Caller): void {
  if (access === 'openid') return
  if (!caller.member) throw new AppError('NOT_BOUND')
  if (access === 'member') return
  if (!access.includes(caller.member.role)) throw new AppError('FORBIDDEN')
}
