import { AsyncLocalStorage } from 'async_hooks'
import type { Invocation } from './invocation'

/** What getWXContext() returns for the request being served. */
export interface WXContext {
  OPENID: string
  APPID: string
  UNIONID?: string
  ENV: string
  SOURCE: string
}

interface Run {
  context: WXContext | null
  invocation: Invocation | null
}

const requests = new AsyncLocalStorage<Run>()

export const LOCAL_APPID = 'wx_local_emulator'
export const LOCAL_ENV = 'local'

/**
 * Runs `fn` as a request from `openid` (empty: a timer trigger, no caller): every getWXContext() inside it, however
 * deep, sees that caller, and every database call belongs to `invocation`.
 */
export function runAs<T>(openid: string, fn: () => T, invocation: Invocation | null = null): T {
  const context = openid ? { OPENID: openid, APPID: LOCAL_APPID, ENV: LOCAL_ENV, SOURCE: 'wx_client' } : null
  return requests.run({ context, invocation }, fn)
}

/** The current request's context; outside a request it is empty, like a timer-triggered function in production. */
export function currentContext(): Partial<WXContext> {
  return requests.getStore()?.context ?? { ENV: LOCAL_ENV, SOURCE: 'wx_trigger' }
}

export function currentInvocation(): Invocation | null {
  return requests.getStore()?.invocation ?? null
}
