import type { ReflectionRow } from '../../src/contract/study.contract'
import { china } from '../../src/domain/time'
import type { Ctx, MemberCaller, MemberDoc } from '../_shared/context'
import type { OrgDoc } from '../_shared/orgs'
import { loadTarget } from '../member/target'
import type { ArticleDoc } from './docs'
import { articleInScope } from './scope'
import type { StudyHandler } from '../_shared/handlers'
import { allReflectionsWhere, articlesOf, reflectionsOf, studyMembersOf } from './study.repo'

/** A member's 学习心得 on a required article (study.reflect writes it, keyed `<articleId>_<memberId>`). */
export interface ReflectionDoc {
  _id: string
  articleId: string
  memberId: string
  branchId: string
  text: string
  updatedAt: Date
}

/** Newest first, ties by id: a total order, so pages and exports neither skip nor repeat a row. */
const ORDER: Array<[keyof ReflectionDoc & string, 'asc' | 'desc']> = [
  ['updatedAt', 'desc'],
  ['_id', 'asc'],
]

/**
 * Staff read reflections two ways, each scoped in one place: by article (study/scope.ts articleInScope — a branch
 * admin sees her branch's, the committee every branch's or one branch's) and by member (member/target.ts loadTarget
 * with the `year` act — the member must be inside the caller's scope). The filters below are built from what those
 * checks answered, never from the input alone.
 */
export async function articleReflectionScope(
  ctx: Ctx<MemberCaller>,
  input: { articleId: string; branchId?: string },
): Promise<{ article: ArticleDoc; orgs: Map<string, OrgDoc>; branches: OrgDoc[]; where: Record<string, unknown> }> {
  const { article, orgs, branches } = await articleInScope(ctx, input.articleId, input.branchId)
  const ids = input.branchId ? [input.branchId] : branches.map((b) => b._id)
  const _ = ctx.db.command
  return {
    article,
    orgs,
    branches,
    where: { articleId: article._id, branchId: ids.length === 1 ? ids[0] : _.in(ids) },
  }
}

export async function memberReflectionScope(
  ctx: Ctx<MemberCaller>,
  input: { memberId: string; year?: number },
): Promise<{ member: MemberDoc; orgs: Map<string, OrgDoc>; year: number; where: Record<string, unknown> }> {
  const { target, orgs } = await loadTarget(ctx, input.memberId, 'year')
  const year = input.year ?? china(ctx.clock.now()).year()
  const from = china(`${year}-01-01T00:00:00+08:00`).toDate()
  const to = china(`${year + 1}-01-01T00:00:00+08:00`).toDate()
  const _ = ctx.db.command
  return { member: target, orgs, year, where: { memberId: target._id, updatedAt: _.gte(from).and(_.lt(to)) } }
}

/**
 * Names and titles beside the texts: the one side not already known is read by id (1000 ids a request), so a page
 * costs one read and an export one per thousand reflections.
 */
export async function reflectionRows(
  ctx: Ctx,
  docs: readonly ReflectionDoc[],
  orgs: ReadonlyMap<string, OrgDoc>,
  known: { article: ArticleDoc } | { member: MemberDoc },
): Promise<ReflectionRow[]> {
  const [members, articles] = await Promise.all([
    'member' in known
      ? new Map([[known.member._id, known.member]])
      : studyMembersOf(ctx.db).getMany(docs.map((d) => d.memberId)),
    'article' in known
      ? new Map([[known.article._id, known.article]])
      : articlesOf(ctx.db).getMany(docs.map((d) => d.articleId)),
  ])
  return docs.map((d) => {
    const groupId = members.get(d.memberId)?.groupId
    return {
      id: d._id,
      articleId: d.articleId,
      articleTitle: articles.get(d.articleId)?.title ?? '（资料已删除）',
      memberId: d.memberId,
      name: members.get(d.memberId)?.name ?? '（已删除的党员）',
      branchId: d.branchId,
      branchName: orgs.get(d.branchId)?.name ?? '（已撤销的支部）',
      groupName: groupId ? (orgs.get(groupId)?.name ?? null) : null,
      text: d.text,
      updatedAt: new Date(d.updatedAt).toISOString(),
    }
  })
}

/** Every reflection a scope's filter matches, 1000 a request (CloudBase's aggregate cap), newest first. */
export function allReflections(ctx: Ctx, where: Record<string, unknown>): Promise<ReflectionDoc[]> {
  return allReflectionsWhere(ctx.db, where)
}

/** 学习心得 on one article, a page at a time: the same few requests for a branch of ten or an organisation of 2,000. */
export const reflections: StudyHandler<'reflections'> = async (input, ctx) => {
  const { article, orgs, where } = await articleReflectionScope(ctx, input)
  const { rows, total, page, pageSize } = await reflectionsOf(ctx.db).page(where, ORDER, input.page)
  return { items: await reflectionRows(ctx, rows, orgs, { article }), total, page, pageSize }
}

/** One member's 学习心得 of a year, a page at a time (her secretary's or the committee's view of her). */
export const memberReflections: StudyHandler<'memberReflections'> = async (input, ctx) => {
  const { member, orgs, year, where } = await memberReflectionScope(ctx, input)
  const { rows, total, page, pageSize } = await reflectionsOf(ctx.db).page(where, ORDER, input.page)
  return { items: await reflectionRows(ctx, rows, orgs, { member }), total, page, pageSize, year }
}
