import type { MeetingOutputs } from '../../src/contract/meeting.contract'
import { writeAudit } from '../_shared/audit'
import type { Db } from '../_shared/context'
import { fail } from '../_shared/errors'
import { assertCovers, loadOrgs, type OrgDoc } from '../_shared/orgs'
import type { MeetingHandler } from '../_shared/handlers'
import { firstMeetingStart, setComplianceFrom } from './meeting.repo'

type Since = MeetingOutputs['compliance']['since']

/**
 * The day a branch's 组织生活 figures count from: the committee's setting, else the branch's first recorded meeting
 * (before it the app cannot know what was held on paper, so those months are not gaps). One read when unset.
 */
export async function complianceSince(db: Db, branch: OrgDoc): Promise<Since> {
  if (branch.complianceFrom) return { at: new Date(branch.complianceFrom).toISOString(), source: 'set' }
  const first = await firstMeetingStart(db, branch._id)
  return first ? { at: first.toISOString(), source: 'first_meeting' } : null
}

/** Sets (or, without `from`, clears back to the default) the day a branch's compliance counts from; audited. */
export const setComplianceStart: MeetingHandler<'setComplianceStart'> = async (input, ctx) => {
  const orgs = await loadOrgs(ctx.db)
  assertCovers(ctx.caller, orgs, input.branchId)
  const branch = orgs.get(input.branchId)!
  if (branch.type !== 'branch') fail('INVALID_INPUT', '请选择一个党支部')
  const from = input.from ? new Date(input.from) : null
  if (from && from > ctx.clock.now()) fail('INVALID_INPUT', '启用日期不能晚于今天')
  await setComplianceFrom(ctx.db, branch._id, from, ctx.clock.now())
  await writeAudit(ctx, {
    action: 'org.complianceFrom',
    targetType: 'org',
    targetId: branch._id,
    before: { complianceFrom: branch.complianceFrom ?? null },
    after: { complianceFrom: from },
  })
  return { branchId: branch._id, since: await complianceSince(ctx.db, { ...branch, complianceFrom: from }) }
}
