import type { MemberOutputs } from './member.contract'
import { memberActions } from './member.contract'
import type { Infer } from './schema'

export * from './errors'
export type { MemberView, Me, BindStatus, OrgView } from './member.contract'

/** Every cloud function and its actions. A function's folder in cloudfunctions/ has the same name. */
export const CONTRACT = {
  member: memberActions,
} as const

interface Outputs {
  member: MemberOutputs
}

type Fn = keyof typeof CONTRACT
type Act<F extends Fn> = keyof (typeof CONTRACT)[F] & keyof Outputs[F] & string

/** `'member.whoami'` and the like: every procedure the app can call. */
export type ProcedureName = { [F in Fn]: `${F}.${Act<F>}` }[Fn]

type Split<N> = N extends `${infer F}.${infer A}` ? [F, A] : never

export type InputOf<N extends ProcedureName> = Split<N> extends [infer F extends Fn, infer A extends Act<F>]
  ? Infer<(typeof CONTRACT)[F][A] extends { input: infer S } ? S : never>
  : never

export type OutputOf<N extends ProcedureName> = Split<N> extends [infer F extends Fn, infer A extends Act<F>]
  ? Outputs[F][A]
  : never

/** The event a cloud function receives: exactly what `wx.cloud.callFunction({ name, data })` sends as `data`. */
export interface CallEvent {
  action: string
  input?: unknown
}
