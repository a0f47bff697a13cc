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
    envelope = await postJson('/cloud/functions/' + encodeURIComponent(fn), JSON.stringify(event), 'application/json')
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
