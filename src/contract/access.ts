import type { Role } from '../domain/roles'

/**
 * Who may call an action: `openid` = anyone WeChat identifies (not yet bound), `member` = any bound member,
 * or a list of roles. The router in cloudfunctions/_shared enforces it; the README table is read from it.
 */
export type Access = 'openid' | 'member' | readonly Role[]

export interface ActionSpec<S, A extends Access = Access> {
  input: S
  access: A
  /** One line for the README table. */
  summary: string
}

export function action<S, const A extends Access>(spec: ActionSpec<S, A>): ActionSpec<S, A> {
  return spec
}
