import fs from 'fs'
import { createRequire } from 'module'
import path from 'path'
import { functionTimeouts, loadManifest } from '../scripts/deploy/manifest'
import { paths } from './paths'
import { newMeter, withMeter, type RequestMeter } from './db'
import { runAs } from './sdk/context'
import type { Invocation } from './sdk/invocation'

/** A function's timeout when the deploy manifest lists none: CloudBase's default ("默认为 3 秒"; emulator/db/README.md). */
export const DEFAULT_TIMEOUT_MS = 3000

export interface InvokeOptions {
  /** Test hook: real milliseconds added before each database request of this call only (a slow database on purpose). */
  dbDelayMs?: number
  /**
   * Test hook: awaited before each database request of this call only (action such as 'database.commitTransaction',
   * and its parameters). Return a promise to hold the call at that step while other calls run (race tests).
   */
  beforeRequest?: Invocation['beforeRequest']
  /** Timeouts per function in ms; defaults to the deploy manifest's (`timeoutsMs()`), 3 s for a function it omits. */
  timeouts?: Record<string, number>
  /**
   * Test hook for latency models: the local database's own work on each request (SQLite and the query engine, in
   * this process) is kept off the call's timeout clock, as the open-API stand-ins' is, because on CloudBase that work
   * is the database server's. Only for a test that puts a per-request latency in its place (`dbDelayMs`), so that the
   * clock measures the function's own work plus the modelled round trips, not how busy this machine is. Off by default:
   * every other call pays the local database's time too (stricter than the platform).
   */
  dbOnPlatformClock?: boolean
  /** Filled in when the call ends: the time its timeout clock counted (real time less the platform's, above). */
  timing?: { clockMs: number }
}

/** What `callFunction` gives the caller when the function ran past its timeout (README, "Modelled behaviours"). */
export interface TimedOut {
  errCode: -504002
  errMsg: string
}

export function isTimedOut(v: unknown): v is TimedOut {
  return !!v && typeof v === 'object' && (v as { errCode?: unknown }).errCode === -504002
}

let manifestTimeouts: Record<string, number> | undefined

export type FunctionMain = (event: unknown, context: unknown) => Promise<unknown>

/**
 * Loads a built function bundle with `require('wx-server-sdk')` answered by the local stand-in; every other require
 * (Node built-ins) resolves as usual. Evaluated as a plain CommonJS module so it behaves the same under jest.
 */
export function loadFunction(bundleFile: string, sdk: object): FunctionMain {
  const code = fs.readFileSync(bundleFile, 'utf8')
  const mod: { exports: { main?: FunctionMain } } = { exports: {} }
  const nodeRequire = createRequire(bundleFile)
  const localRequire = (id: string) => (id === 'wx-server-sdk' ? sdk : nodeRequire(id))
  new Function('module', 'exports', 'require', '__filename', '__dirname', code)(
    mod,
    mod.exports,
    localRequire,
    bundleFile,
    path.dirname(bundleFile),
  )
  if (typeof mod.exports.main !== 'function') throw new Error(`${bundleFile} does not export main`)
  return mod.exports.main
}

/** Lists and loads every built function: the deployed artifact is what runs, exactly as uploaded. */
export function loadFunctions(sdk: object, dir = paths.functions): Map<string, FunctionMain> {
  if (!fs.existsSync(dir)) throw new Error(`No built functions in ${dir}: run npm run build:functions`)
  const out = new Map<string, FunctionMain>()
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name, 'index.js')
    if (fs.existsSync(file)) out.set(name, loadFunction(file, sdk))
  }
  return out
}

/**
 * Calls a function as WeChat would: as `openid`, with the event serialised the way callFunction sends it, and the
 * result serialised the way the client receives it (Dates become strings). The function runs under its timeout in
 * real elapsed time: past it, the caller gets the timed-out failure, whatever the function wrote so far stays, and
 * the function is frozen (its further calls never return), as an instance is when the platform stops it.
 */
export async function invoke(
  functions: Map<string, FunctionMain>,
  name: string,
  event: unknown,
  openid: string,
  opts: InvokeOptions = {},
): Promise<unknown> {
  return (await invokeMetered(functions, name, event, openid, opts)).result
}

/** `invoke`, also answering the database requests this one invocation made (the budget test, benchmarks, quotas). */
export async function invokeMetered(
  functions: Map<string, FunctionMain>,
  name: string,
  event: unknown,
  openid: string,
  opts: InvokeOptions = {},
): Promise<{ result: unknown; requests: RequestMeter }> {
  const requests = newMeter()
  const main = functions.get(name)
  if (!main)
    return { result: { errCode: -501000, errMsg: `FunctionName parameter could not be found: ${name}` }, requests }
  const ms = (opts.timeouts ?? (manifestTimeouts ??= timeoutsMs()))[name] ?? DEFAULT_TIMEOUT_MS
  const invocation: Invocation = {
    fn: name,
    cutOff: false,
    dbDelayMs: opts.dbDelayMs ?? 0,
    standInMs: 0,
    dbOnPlatformClock: opts.dbOnPlatformClock ?? false,
    beforeRequest: opts.beforeRequest,
  }
  const started = Date.now()
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<TimedOut>((resolve) => {
    const check = () => {
      // Time inside the open-API stand-ins is the platform's, not the function's (invocation.ts): the clock waits.
      const left = started + ms + invocation.standInMs - Date.now()
      if (left > 0) {
        timer = setTimeout(check, left)
        return
      }
      invocation.cutOff = true
      resolve(timedOutAfter(ms))
    }
    timer = setTimeout(check, ms)
  })
  try {
    // When the function itself finished (not when this continuation runs: with many calls in flight the event loop
    // may reach it later).
    let finished = 0
    const result = await Promise.race([
      withMeter(requests, () =>
        runAs(
          openid,
          () => main(JSON.parse(JSON.stringify(event ?? {})), { function_name: name, namespace: 'local' }),
          invocation,
        ),
      ).then((r) => {
        finished = Date.now()
        return r
      }),
      timedOut,
    ])
    if (opts.timing) opts.timing.clockMs = (finished || Date.now()) - started - invocation.standInMs
    if (isTimedOut(result)) return { result, requests }
    return { result: JSON.parse(JSON.stringify(result ?? null)), requests }
  } finally {
    clearTimeout(timer)
  }
}

function timedOutAfter(ms: number): TimedOut {
  return {
    errCode: -504002,
    errMsg: `cloud.callFunction:fail -504002 functions execute fail. Invoking task timed out after ${ms / 1000} seconds`,
  }
}

/** The timer triggers each built function declares in its config.json. */
export function timerTriggers(dir = paths.functions): Array<{ fn: string; name: string }> {
  const out: Array<{ fn: string; name: string }> = []
  for (const fn of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, fn, 'config.json')
    if (!fs.existsSync(file)) continue
    const triggers = (JSON.parse(fs.readFileSync(file, 'utf8')).triggers ?? []) as Array<{ name: string; type: string }>
    for (const t of triggers) if (t.type === 'timer') out.push({ fn, name: t.name })
  }
  return out
}

/**
 * Each function's timeout in ms, from cloudbaserc.json (the same numbers the deploy sets in CloudBase), so the local
 * cloud can cut a call off where production would.
 */
export function timeoutsMs(): Record<string, number> {
  return functionTimeouts(loadManifest(paths.manifest))
}
