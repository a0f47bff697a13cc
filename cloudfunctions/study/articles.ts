import { createHash } from 'crypto'
import type { Ctx, MemberCaller } from '../_shared/context'
import type { Where } from '../_shared/repo'
import { formFiles } from '../_shared/file-refs'
import { AppError, fail } from '../_shared/errors'
import { saveAtRevision } from '../_shared/revision'
import { orgsOf } from '../_shared/orgs'
import { contentTools, RENDERER } from './content'
import { withCurrentBody } from './rerender'
import { toAdmin, type ArticleDoc } from './docs'
import { notifyRequired } from './notify'
import { resolveUrls } from '../_shared/file-urls'
import type { StudyHandler } from '../_shared/handlers'
import { articleVisibleTo } from '../../src/domain/audience'
import { articlesOf, createArticle, readCountsOf, updateArticle } from './study.repo'

/** An article the caller may edit: the committee's for org_admin; a branch admin only their branch's own. */
export async function loadEditable(ctx: Ctx<MemberCaller>, articleId: string): Promise<ArticleDoc> {
  const a = await articlesOf(ctx.db).get(articleId)
  const me = ctx.caller.member
  if (a && (me.role === 'org_admin' || a.ownerBranchId === me.branchId)) return a
  // Someone else's article the caller can read anyway gets the reason; any other answers like a missing one, so a
  // branch admin cannot probe for drafts or other branches' material by id.
  if (a && articleVisibleTo(a, me.branchId, ctx.clock.now())) fail('OUT_OF_SCOPE', '只能管理本支部发布的资料')
  throw new AppError('NOT_FOUND', '没有找到该资料')
}

export async function adminView(ctx: Ctx<MemberCaller>, articles: ArticleDoc[], known?: Map<string, string>) {
  const now = ctx.clock.now()
  const refs = articles.flatMap((a) => [a.cover, ...a.attachments.map((x) => x.url)])
  const [urls, counts] = await Promise.all([
    // Links a save has just been told (`known`) are not asked for again.
    resolveUrls(
      ctx,
      refs.filter((r) => !r || !known?.has(r)),
    ).then((fresh) => new Map([...(known ?? []), ...fresh])),
    readCountsOf(
      ctx.db,
      articles.map((a) => a._id),
    ),
  ])
  const me = ctx.caller.member
  return articles.map((a) =>
    toAdmin(a, urls, counts.get(a._id) ?? 0, now, me.role === 'org_admin' || a.ownerBranchId === me.branchId),
  )
}

/** Creates or edits an article. The body is stored sanitised; editing a published one keeps its read receipts. */
export const save: StudyHandler<'save'> = async (input, ctx) => {
  const me = ctx.caller.member
  const before = input.articleId ? await loadEditable(ctx, input.articleId) : null
  let audience = [...new Set(input.audienceBranchIds ?? before?.audienceBranchIds ?? [])]
  if (me.role !== 'org_admin') {
    if (audience.some((b) => b !== me.branchId)) fail('OUT_OF_SCOPE', '支部管理员只能向本支部推送资料')
    audience = [me.branchId]
  } else {
    const orgs = await orgsOf(ctx)
    if (audience.some((b) => orgs.get(b)?.type !== 'branch')) fail('INVALID_INPUT', '推送支部中有无效的支部')
  }
  const { plainText, renderMarkdown, sanitize } = await contentTools()
  const html =
    input.markdown !== undefined
      ? renderMarkdown(input.markdown)
      : input.html !== undefined
        ? sanitize(input.html)
        : before?.html
  if (!html || !plainText(html)) fail('STUDY_BODY_MISSING')
  const required = input.required ?? before?.required ?? false
  const deadline = input.deadline ? new Date(input.deadline) : required ? (before?.deadline ?? null) : null
  if (required && !deadline) fail('STUDY_DEADLINE_NEEDED')
  const now = ctx.clock.now()
  // The form shows stored files through temporary links; turn any it sends back into the stored ids.
  const files = await formFiles(
    ctx,
    [before?.cover, ...(before?.attachments ?? []).map((x) => x.url)],
    [input.cover, ...(input.attachments ?? []).map((x) => x.url)],
  )
  const ref = files.ref
  const fields = {
    title: input.title,
    category: input.category,
    summary: input.summary || plainText(html).slice(0, 60),
    cover: input.cover !== undefined ? ref(input.cover) : (before?.cover ?? null),
    markdown: input.markdown ?? (input.html !== undefined ? null : (before?.markdown ?? null)),
    html,
    renderer: input.markdown !== undefined ? RENDERER : input.html !== undefined ? null : (before?.renderer ?? null),
    attachments: input.attachments
      ? input.attachments.map((x) => ({ ...x, url: ref(x.url) }))
      : (before?.attachments ?? []),
    source: input.source ?? before?.source ?? null,
    sourceDate: input.sourceDate ? new Date(input.sourceDate) : (before?.sourceDate ?? null),
    audienceBranchIds: audience,
    required,
    deadline,
    readMinutes: input.readMinutes ?? before?.readMinutes ?? 5,
    updatedAt: now,
  }
  files.assertExist([fields.cover, ...fields.attachments.map((x) => x.url)], '封面或附件')
  if (before) {
    // Only on the revision the editor opened: another editor's save meanwhile is never overwritten (revision.ts).
    const saved = await saveAtRevision({
      db: ctx.db,
      records: articlesOf(ctx.db),
      before,
      revision: input.revision,
      fields,
      notFound: '没有找到该资料',
    })
    return { article: (await adminView(ctx, [saved], files.urls))[0] }
  }
  const doc: Omit<ArticleDoc, '_id'> = {
    ...fields,
    status: 'draft',
    publishAt: null,
    notifiedAt: null,
    notice: null,
    ownerBranchId: me.role === 'org_admin' ? null : me.branchId,
    createdBy: me._id,
    createdAt: now,
  }
  // Derived from who wrote it and its title: saving the same new draft twice creates one.
  const id = `ar_${createHash('sha256').update(`${me._id}|${input.title}`).digest('hex').slice(0, 12)}`
  if (!(await createArticle(ctx.db, { _id: id, ...doc }))) {
    // The draft is there already (a retried create): it takes this content only while nobody has edited it since
    // (revision 0); one edited meanwhile is kept, unless it already holds exactly this (revision.ts).
    const existing = await articlesOf(ctx.db).get(id)
    if (!existing) fail('NOT_FOUND', '没有找到该资料')
    const saved = await saveAtRevision({
      db: ctx.db,
      records: articlesOf(ctx.db),
      before: existing,
      revision: 0,
      fields,
    })
    return { article: (await adminView(ctx, [saved]))[0] }
  }
  return { article: (await adminView(ctx, [{ _id: id, ...doc }], files.urls))[0] }
}

/** One article as its editor sees it (drafts too), for the edit form. */
export const getArticle: StudyHandler<'getArticle'> = async (input, ctx) => {
  const a = await withCurrentBody(ctx, await loadEditable(ctx, input.articleId))
  return { article: (await adminView(ctx, [a]))[0] }
}

/** Publishes now, or schedules: members see it from `publishAt`; required items notify subscribers then. */
export const publish: StudyHandler<'publish'> = async (input, ctx) => {
  const a = await loadEditable(ctx, input.articleId)
  const now = ctx.clock.now()
  const publishAt = input.publishAt ? new Date(input.publishAt) : now
  const updated: ArticleDoc = { ...a, status: 'published', publishAt, updatedAt: now }
  await updateArticle(ctx.db, a._id, { status: 'published', publishAt, updatedAt: now })
  // Notices are queued here and sent by the timer (notice-job.ts): nobody waits on a send to 2,000 members.
  if (publishAt <= now) await notifyRequired(ctx, updated)
  const notified = 0
  return { article: (await adminView(ctx, [updated]))[0], notified }
}

export const withdraw: StudyHandler<'withdraw'> = async (input, ctx) => {
  const a = await loadEditable(ctx, input.articleId)
  const now = ctx.clock.now()
  await updateArticle(ctx.db, a._id, { status: 'withdrawn', updatedAt: now })
  return { article: (await adminView(ctx, [{ ...a, status: 'withdrawn', updatedAt: now }]))[0] }
}

export const adminList: StudyHandler<'adminList'> = async (input, ctx) => {
  const me = ctx.caller.member
  const _ = ctx.db.command
  const own: Where<ArticleDoc> = input.status ? { status: input.status } : {}
  let where: Where<ArticleDoc> = own
  if (me.role !== 'org_admin') {
    own.ownerBranchId = me.branchId
    // A secretary also follows up the committee's required reading pushed to her branch (read-only in her list).
    const committee = { status: 'published', required: true, ownerBranchId: _.neq(me.branchId) }
    where =
      !input.status || input.status === 'published'
        ? _.or([own, { ...committee, audienceBranchIds: me.branchId }, { ...committee, audienceBranchIds: _.size(0) }])
        : own
  }
  const { rows, total, page, pageSize } = await articlesOf(ctx.db).page(where, [['updatedAt', 'desc']], input.page)
  return { items: await adminView(ctx, rows), total, page, pageSize }
}
