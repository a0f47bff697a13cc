import * as cloud from 'wx-server-sdk'
import type { Clock } from '../../src/domain/time'
import { systemClock } from '../../src/domain/time'
import type { Role, Scope } from '../../src/domain/roles'
import type { BranchPost, LeaveReason } from '../../src/domain/staff.rules'

export type Cloud = typeof cloud
export type { Db } from './db-types'
import type { Db } from './db-types'

/** The member document as stored in `members`. */
export interface MemberDoc {
  _id: string
  name: string
  phone: string
  phoneTail: string
  branchId: string
  groupId: string | null
  role: Role
  title: string | null
  gender: '男' | '女' | null
  status: 'active' | 'left'
  /** Set with status `left` (转出/去世/停止党籍); absent on members imported before these fields existed. */
  leftReason?: LeaveReason | null
  leftAt?: Date | null
  /** Post on the branch committee (书记, 组织委员…). */
  post?: BranchPost | null
  openid: string | null
  bindStatus: 'unbound' | 'pending' | 'bound'
  pendingOpenid: string | null
  unbindRequested: boolean
  createdAt: Date
  updatedAt: Date
}

/** Who is calling: the WeChat identity from getWXContext(), and the bound member when there is one. */
export interface Caller {
  openid: string
  member: MemberDoc | null
  scope: Scope
}

/** No WeChat user: an action with access `console`, invoked with the environment's API key. */
export interface ConsoleCaller {
  openid: null
  member: null
  scope: { kind: 'self' }
}

/** A bound caller: what handlers with access `member` or a role list receive. */
export interface MemberCaller extends Caller {
  member: MemberDoc
}

/** Everything a use case needs, passed explicitly (DESIGN §5: no containers). */
export interface Ctx<C extends Caller | ConsoleCaller = Caller> {
  cloud: Cloud
  db: Db
  clock: Clock
  caller: C
  /**
   * Real time (Date.now()) the invocation started, set by the router: work that must stop itself before the
   * function's timeout (_shared/job-runner.ts) counts from here, not from when it was called. Absent: now.
   */
  startedMs?: number
}

/**
 * The clock for this request. The local cloud may attach a settable clock to its wx-server-sdk stand-in so tests can
 * move time; the real SDK has no such property and production runs on the system clock.
 */
export function clockOf(sdk: Cloud): Clock {
  const local = (sdk as unknown as { localClock?: Clock }).localClock
  return local ?? systemClock
}
