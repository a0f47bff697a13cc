import type { Role } from '../domain/roles'

/**
 * Who may call an action: `openid` = anyone WeChat identifies (not yet bound), `member` = any bound member,
 * or a list of roles; `console` = nobody in the app: only a call made with the environment's API key (manager-node
 * invokeFunction, `npm run bootstrap:admin`), which carries no OPENID. The router in cloudfunctions/_shared enforces
 * it; the README table is read from it.
 */
export type Access = 'openid' | 'member' | 'console' | readonly Role[]

export interface ActionSpec<S, A extends Access = Access> {
  input: S
  access: A
  /** One line for the README table. */
  summary: string
}

export function action<S, const A extends Access>(spec: ActionSpec<S, A>): ActionSpec<S, A> {
  return spec
}
