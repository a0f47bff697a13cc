import { memberActions, type MemberOutputs } from '../../src/contract/member.contract'
import { createRouter } from '../_shared/router'
import { approveBinding, bind, bootstrap, unbind, whoami } from './bind'
import { committee, inviteCode, retireOrg, tree, upsertOrg } from './org'
import { get, list, setRole } from './roster'
import { importRoster } from './roster-import'
import { exportRoster } from './roster-export'
import { waiting } from './waiting'
import { today } from './today'
import { moveMember, setPost, setStatus } from './staff'
import { behind, year } from './year'

/** The `member` cloud function: identity, roster, roles and the org tree. */
export const main = createRouter<typeof memberActions, MemberOutputs>('member', memberActions, {
  whoami,
  bind,
  bootstrap,
  unbind,
  approveBinding,
  import: importRoster,
  list,
  get,
  setRole,
  tree,
  upsertOrg,
  retireOrg,
  committee,
  setPost,
  moveMember,
  setStatus,
  waiting,
  today,
  exportRoster,
  inviteCode,
  year,
  behind,
})
