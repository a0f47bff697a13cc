import type { Ctx, MemberCaller } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { orgsOf, type OrgDoc } from '../_shared/orgs'
import type { ArticleDoc } from './docs'
import { articlesOf } from './study.repo'
import { reachesBranch } from '../../src/domain/audience'

/**
 * Who sees what of an article's readers and reflections, in one place: 阅读统计, the Excel of readers, 学习心得 by
 * article and its Excel all ask here. An org admin sees every branch the article went to; a branch admin only her
 * own, and only if it went to her branch.
 */

/** The branches a report covers: the audience (or every branch), narrowed to the caller's own for a branch admin. */
export function reportBranches(
  ctx: Ctx<MemberCaller>,
  orgs: ReadonlyMap<string, OrgDoc>,
  audience: readonly string[],
): OrgDoc[] {
  const me = ctx.caller.member
  const all = [...orgs.values()].filter((o) => o.type === 'branch' && reachesBranch(audience, o._id))
  const sorted = all.sort((a, b) => a.ancestors.length - b.ancestors.length || a.sort - b.sort)
  return me.role === 'org_admin' ? sorted : sorted.filter((b) => b._id === me.branchId)
}

/**
 * The article and the branches of it the caller may see (narrowed to `branchId` when asked for one of them). A
 * draft of someone else, or an article that never went to a branch admin's branch, answers like a missing one, so
 * nobody learns which ids exist by trying them; a branch outside those she may see is OUT_OF_SCOPE.
 */
export async function articleInScope(
  ctx: Ctx<MemberCaller>,
  articleId: string,
  branchId?: string,
): Promise<{ article: ArticleDoc; orgs: Map<string, OrgDoc>; branches: OrgDoc[] }> {
  const [a, orgs] = await Promise.all([articlesOf(ctx.db).get(articleId), orgsOf(ctx)])
  const me = ctx.caller.member
  // A draft is read only by whoever may edit it: a branch admin never sees the committee's (nor another branch's)
  // drafts through statistics or exports, and hears about one what they hear about no article at all.
  const hidden = a && a.status === 'draft' && me.role !== 'org_admin' && a.ownerBranchId !== me.branchId
  if (!a || hidden) throw new AppError('NOT_FOUND', '没有找到该资料')
  const branches = reportBranches(ctx, orgs, a.audienceBranchIds)
  // Not pushed to the caller's branch: they never saw it, so it answers like a missing one.
  if (!branches.length) throw new AppError('NOT_FOUND', '没有找到该资料')
  if (branchId && !branches.some((b) => b._id === branchId)) fail('OUT_OF_SCOPE')
  return { article: a, orgs, branches }
}
