import Taro from '@tarojs/taro'
import type { CallEvent, Envelope, ErrorBody, InputOf, OutputOf, ProcedureName } from '@/contract'
import { CLIENT_FALLBACKS as ERRORS } from '@/contract/errors'

export type ApiErrorCode = ErrorBody['code'] | 'NETWORK'

/** A failed call: `code` is stable (match on it), `message` is Chinese and fit to show the user. */
export class ApiError extends Error {
  readonly code: ApiErrorCode
  readonly details?: ErrorBody['details']

  constructor(code: ApiErrorCode, message?: string, details?: ErrorBody['details']) {
    // The cloud always sends a message; these few fallbacks cover errors the app raises itself.
    super(message || ERRORS[code as keyof typeof ERRORS] || ERRORS.INTERNAL)
    this.name = 'ApiError'
    this.code = code
    this.details = details
    // Keep `instanceof` working when the class is down-levelled.
    Object.setPrototypeOf(this, ApiError.prototype)
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** Anything a call may throw, as an ApiError (a bug elsewhere shows as the calm INTERNAL message). */
export function toApiError(e: unknown): ApiError {
  return isApiError(e) ? e : new ApiError('INTERNAL')
}

/** The Chinese message to show for anything a call may throw. */
export function messageOf(e: unknown): string {
  if (isApiError(e)) return e.message
  return ERRORS.INTERNAL
}

const isWeapp = () => process.env.TARO_ENV === 'weapp'

function networkError(): ApiError {
  return new ApiError('NETWORK', ERRORS.NETWORK)
}

function unwrap<T>(envelope: unknown): T {
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) throw networkError()
  const env = envelope as Envelope<T>
  if (env.ok) return env.data
  const err = env.error || ({ code: 'INTERNAL', message: ERRORS.INTERNAL } as ErrorBody)
  throw new ApiError(err.code, err.message, err.details)
}

async function postJson(url: string, body: BodyInit, contentType: string): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'content-type': contentType }, body })
  } catch {
    throw networkError()
  }
  try {
    return await res.json()
  } catch {
    throw networkError()
  }
}

/**
 * H5: a call index.html started while the code downloaded (config/h5-early-calls.js: whoami, and a returning member's
 * first-screen data). Its answer is the one this app would have fetched itself — the same request, moments earlier.
 */
interface EarlyCall {
  fn: string
  action: string
  input: unknown
  /** When index.html sent it (Date.now()). */
  at: number
  /** The parsed answer; null when the request failed or was not JSON (then call() asks again). */
  p: Promise<unknown>
  /** Set once `p` has settled, with its value: a screen's first render can draw it (takeEarlyData). */
  settled?: boolean
  value?: unknown
}

/** Past this, an early answer may be older than what the member expects to see: ask the cloud again. */
const EARLY_MAX_AGE_MS = 10_000

const earlyCalls = () => (globalThis as { __earlyCalls?: EarlyCall[] }).__earlyCalls

/** `{a, b}` and `{b, a}` are one input. */
function sortedJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? ''
  if (Array.isArray(v)) return '[' + v.map(sortedJson).join(',') + ']'
  const o = v as Record<string, unknown>
  const keys = Object.keys(o).filter((k) => o[k] !== undefined)
  return '{' + keys.sort().map((k) => JSON.stringify(k) + ':' + sortedJson(o[k])) + '}'
}

/** The early answer of this very call, taken once; null when there is none (or it is too old). */
function takeEarly(fn: string, event: CallEvent): Promise<unknown> | null {
  const list = earlyCalls()
  if (!list?.length) return null
  const input = sortedJson(event.input)
  const i = list.findIndex((e) => e.fn === fn && e.action === event.action && sortedJson(e.input) === input)
  if (i < 0) return null
  const [early] = list.splice(i, 1)
  return Date.now() - early.at <= EARLY_MAX_AGE_MS ? early.p : null
}

/**
 * The data of an early call that has already answered successfully, taken once (null: none, not in yet, too old, or
 * an error — the page's own call then takes or repeats it). `matches` says whether a call's name and input are the
 * ones the caller wants (src/remote/cache.ts: one cache key).
 */
export function takeEarlyData(matches: (name: string, input: unknown) => boolean): { data: unknown } | null {
  if (process.env.TARO_ENV !== 'h5') return null
  const list = earlyCalls()
  if (!list?.length) return null
  const answered = (e: EarlyCall) => {
    const env = e.value as Envelope<unknown> | null
    return !!e.settled && !!env && typeof env === 'object' && env.ok === true
  }
  const i = list.findIndex((e) => answered(e) && matches(e.fn + '.' + e.action, e.input))
  if (i < 0) return null
  const [early] = list.splice(i, 1)
  if (Date.now() - early.at > EARLY_MAX_AGE_MS) return null
  return { data: (early.value as Envelope<unknown> & { ok: true }).data }
}

/**
 * Forgets the early answers not taken yet: the session was reset (another person may sign in) or whoami said this is
 * not a member (the member data asked for on the device's hint is not hers to show).
 */
export function dropEarlyCalls(): void {
  if (process.env.TARO_ENV !== 'h5') return
  const list = earlyCalls()
  if (list) list.length = 0
}

/** Calls one procedure of the contract, e.g. `call('member.whoami', {})`, and returns its data or throws ApiError. */
export async function call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const dot = name.indexOf('.')
  const fn = name.slice(0, dot)
  const event: CallEvent = { action: name.slice(dot + 1), input }
  let envelope: unknown
  if (isWeapp()) {
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data: event as unknown as Record<string, unknown> })
      envelope = res.result
    } catch {
      throw networkError()
    }
  } else {
    const early = process.env.TARO_ENV === 'h5' ? takeEarly(fn, event) : null
    envelope =
      (early && (await early)) ??
      (await postJson('/cloud/functions/' + encodeURIComponent(fn), JSON.stringify(event), 'application/json'))
  }
  return unwrap<OutputOf<N>>(envelope)
}

/** A file the user picked: a temp path on weapp, a File/Blob on H5. */
export type LocalFile = string | Blob

/** Uploads a file to cloud storage at `cloudPath` and returns its fileID. */
export async function uploadFile(file: LocalFile, cloudPath: string): Promise<string> {
  if (isWeapp()) {
    if (typeof file !== 'string') throw new ApiError('INVALID_INPUT')
    try {
      const res = await Taro.cloud.uploadFile({ cloudPath, filePath: file })
      if (!res.fileID) throw new Error('no fileID')
      return res.fileID
    } catch {
      throw networkError()
    }
  }
  if (typeof file === 'string') throw new ApiError('INVALID_INPUT')
  const body = await postJson(
    '/cloud/storage/upload?cloudPath=' + encodeURIComponent(cloudPath),
    file,
    file.type || 'application/octet-stream',
  )
  const fileID = body && typeof body === 'object' ? (body as { fileID?: unknown }).fileID : undefined
  if (typeof fileID !== 'string') {
    // The gateway may answer an upload with an error envelope.
    if (body && typeof body === 'object' && 'ok' in body) unwrap(body)
    throw networkError()
  }
  return fileID
}
