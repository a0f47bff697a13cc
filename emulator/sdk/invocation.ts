// One run of a cloud function, as the platform sees it: a deadline measured in real elapsed time (the test clock
// never moves it), an optional database slowdown for tests, and the freeze that follows a timeout.
import { setRequestGate } from '../db'
import { currentInvocation } from './context'

export interface Invocation {
  fn: string
  /** Set when the function ran past its timeout: from then on its calls never return, as in a frozen instance. */
  cutOff: boolean
  /** Real milliseconds added before each database request of this run (test hook: a slow database on purpose). */
  dbDelayMs: number
  /**
   * Real milliseconds spent inside the local stand-ins of WeChat's open APIs (a QR image drawn in-process). They do
   * not count against the timeout: in production they are network calls of the platform, not the function's work.
   */
  standInMs: number
  /** Test hook (functions.ts `dbOnPlatformClock`): the local database's work on each request adds to `standInMs`. */
  dbOnPlatformClock?: boolean
  /**
   * Test hook: awaited before each database request of this run, with the request's action and parameters. A test
   * returns a promise it resolves later to hold the function at one exact step (say, just before its transaction
   * commits) while other calls run: the interleavings a race test guards against then happen every time.
   */
  beforeRequest?: (action: string, params: Record<string, unknown> | undefined) => Promise<void> | void
}

const never = new Promise<never>(() => {})

/** Holds a call made by a function that has been cut off; delays one made by a function running on a slow database. */
export async function gateCall(action?: string, params?: Record<string, unknown>): Promise<void> {
  const inv = currentInvocation()
  if (!inv) return
  if (inv.cutOff) return never
  if (inv.dbDelayMs > 0) await new Promise((r) => setTimeout(r, inv.dbDelayMs))
  if (inv.beforeRequest && action) await inv.beforeRequest(action, params)
  // The timeout may have struck while this call waited: what the function would do next never happens.
  if (inv.cutOff) return never
}

/** Called after each database request with the time the local database spent on it (emulator/db/request.ts). */
export function databaseWorked(ms: number): void {
  const inv = currentInvocation()
  if (inv?.dbOnPlatformClock) inv.standInMs += ms
}

let installed = false
/** Puts the gate in front of every database request (idempotent). */
export function installGate(): void {
  if (installed) return
  installed = true
  setRequestGate(gateCall, databaseWorked)
}

/** Runs one open-API stand-in call, keeping its time off the caller's timeout clock (see `standInMs`). */
export async function asStandIn<T>(fn: () => Promise<T>): Promise<T> {
  await gateCall()
  const inv = currentInvocation()
  const started = Date.now()
  try {
    return await fn()
  } finally {
    if (inv) inv.standInMs += Date.now() - started
  }
}

/** Wraps every method of the open-API groups (`openapi.wxacode.getUnlimited`, …) with `asStandIn`. */
export function standIns<T extends Record<string, Record<string, (...args: never[]) => Promise<unknown>>>>(api: T): T {
  const out: Record<string, Record<string, unknown>> = {}
  for (const [group, methods] of Object.entries(api)) {
    out[group] = {}
    for (const [name, method] of Object.entries(methods)) {
      out[group][name] = (...args: never[]) => asStandIn(() => method(...args))
    }
  }
  return out as T
}
