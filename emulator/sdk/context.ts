import { AsyncLocalStorage } from 'async_hooks'

/** What getWXContext() returns for the request being served. */
export interface WXContext {
  OPENID: string
  APPID: string
  UNIONID?: string
  ENV: string
  SOURCE: string
}

const requests = new AsyncLocalStorage<WXContext>()

export const LOCAL_APPID = 'wx_local_emulator'
export const LOCAL_ENV = 'local'

/** Runs `fn` as a request from `openid`: every getWXContext() inside it, however deep, sees that caller. */
export function runAs<T>(openid: string, fn: () => T): T {
  return requests.run({ OPENID: openid, APPID: LOCAL_APPID, ENV: LOCAL_ENV, SOURCE: 'wx_client' }, fn)
}

/** The current request's context; outside a request it is empty, like a timer-triggered function in production. */
export function currentContext(): Partial<WXContext> {
  return requests.getStore() ?? { ENV: LOCAL_ENV, SOURCE: 'wx_trigger' }
}
