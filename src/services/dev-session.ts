import { CLIENT_FALLBACKS as ERRORS } from '@/contract/errors'
import { ApiError } from './api-client'

/** A demo member the emulator can sign in as (H5 + emulator only; production has no such thing). */
export interface Persona {
  openid: string
  name: string
  roleLabel: string
  branchName: string
  bound: boolean
  hint: string
}

async function request(path: string, init?: RequestInit): Promise<Response> {
  let res: Response
  try {
    res = await fetch(path, { credentials: 'include', ...init })
  } catch {
    throw new ApiError('NETWORK', ERRORS.NETWORK)
  }
  if (!res.ok) throw new ApiError('INTERNAL', `模拟登录服务返回错误（${res.status}）`)
  return res
}

export async function listPersonas(): Promise<Persona[]> {
  const res = await request('/dev/personas')
  try {
    const list = await res.json()
    return Array.isArray(list) ? (list as Persona[]) : []
  } catch {
    throw new ApiError('NETWORK', ERRORS.NETWORK)
  }
}

export async function signInAs(openid: string): Promise<void> {
  await request('/dev/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
}

export async function signOut(): Promise<void> {
  await request('/dev/signout', { method: 'POST' })
}
