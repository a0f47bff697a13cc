import type { StudyOutputs } from '../../src/contract/study.contract'
import { formatRate } from '../../src/domain/attendance.rules'
import { china, formatDate, formatDateTime } from '../../src/domain/time'
import { saveWorkbook } from '../_shared/exports'
import type { Ctx, MemberCaller } from '../_shared/context'
import { fail } from '../_shared/errors'
import { activeMembersOf } from '../_shared/members'
import { orgsOf, type OrgDoc } from '../_shared/orgs'
import { adminView } from './articles'
import type { ArticleDoc } from './docs'
import {
  activeCountsOf,
  readsByBranch,
  receiptsInBranches,
  receiptsOfBranch,
  requiredBetween,
  requiredReadsByBranch,
  rosterOfBranches,
} from './study.repo'
import { newWorkbook } from '../_shared/workbook'
import { articleInScope, reportBranches } from './scope'
import type { StudyHandler } from '../_shared/handlers'
import { reachesBranch } from '../../src/domain/audience'

/** Who read an article: counts by branch and average time from aggregations, names for one branch. */
export const articleStats: StudyHandler<'articleStats'> = async (input, ctx) => {
  const { article: a, branches } = await articleInScope(ctx, input.articleId, input.branchId)
  const me = ctx.caller.member
  const ids = branches.map((b) => b._id)
  const [sizes, reads] = await Promise.all([activeCountsOf(ctx.db, ids), readsByBranch(ctx.db, a._id, ids)])
  const readBy = new Map(reads.map((r) => [r._id, r]))
  const byBranch = branches.map((b) => ({
    branchId: b._id,
    branchName: b.name,
    audience: sizes.get(b._id) ?? 0,
    read: readBy.get(b._id)?.n ?? 0,
  }))
  const audience = byBranch.reduce((s, b) => s + b.audience, 0)
  const read = byBranch.reduce((s, b) => s + b.read, 0)
  const seconds = reads.reduce((s, r) => s + r.seconds, 0)
  const named = input.branchId ?? (me.role === 'org_admin' ? null : me.branchId)
  let branch: StudyOutputs['articleStats']['branch'] = null
  if (named) {
    const [roster, list] = await Promise.all([
      activeMembersOf(ctx.db, { branchId: named }),
      receiptsOfBranch(ctx.db, a._id, named),
    ])
    const readers = new Map(list.map((r) => [r.memberId, r]))
    branch = {
      branchId: named,
      read: roster
        .filter((m) => readers.has(m._id))
        .map((m) => ({
          memberId: m._id,
          name: m.name,
          secondsSpent: readers.get(m._id)!.secondsSpent,
          readAt: new Date(readers.get(m._id)!.readAt).toISOString(),
        })),
      notRead: roster.filter((m) => !readers.has(m._id)).map((m) => ({ memberId: m._id, name: m.name })),
    }
  }
  return {
    article: (await adminView(ctx, [a]))[0],
    audience,
    read,
    notRead: Math.max(0, audience - read),
    averageSeconds: read ? Math.round(seconds / read) : null,
    byBranch,
    branch,
  }
}

/** Completion of required items published in a period, per branch: two aggregations and the required list. */
export const completion: StudyHandler<'completion'> = async (input, ctx) => {
  const now = ctx.clock.now()
  const from = input.from ? new Date(input.from) : china(now).startOf('year').toDate()
  const to = input.to ? new Date(input.to) : now
  if (from > to) fail('INVALID_INPUT', '开始日期应早于结束日期')
  const orgs = await orgsOf(ctx)
  const branches = reportBranches(ctx, orgs, [])
  const ids = branches.map((b) => b._id)
  const required = await requiredBetween(ctx.db, from, to)
  const [sizes, done] = await Promise.all([
    activeCountsOf(ctx.db, ids),
    requiredReadsByBranch(
      ctx.db,
      ids,
      required.map((r) => r._id),
    ),
  ])
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    branches: branches.map((b) => {
      const items = required.filter((r) => reachesBranch(r.audienceBranchIds, b._id)).length
      const expected = items * (sizes.get(b._id) ?? 0)
      const d = done.get(b._id) ?? 0
      return {
        branchId: b._id,
        branchName: b.name,
        requiredItems: items,
        expected,
        done: d,
        rate: expected ? d / expected : null,
      }
    }),
  }
}

/** One article's readers (all of the caller's branches), or the completion table, as .xlsx. */
export const exportStats: StudyHandler<'exportStats'> = async (input, ctx) => {
  const wb = await newWorkbook()
  let fileName: string
  if (input.articleId) {
    const { article: a, branches } = await articleInScope(ctx, input.articleId)
    const ws = wb.addWorksheet('阅读情况')
    ws.addRow(['支部', '姓名', '是否已读', '阅读时长（秒）', '阅读时间'])
    for (const r of await readerRows(ctx, a, branches)) ws.addRow(r)
    ws.getRow(1).font = { bold: true }
    fileName = `${a.title}-阅读情况.xlsx`
  } else {
    const c = await completion(input, ctx)
    const ws = wb.addWorksheet('必读完成情况')
    ws.addRow(['支部', '必读篇数', '应读人次', '已读人次', '完成率'])
    for (const b of c.branches) ws.addRow([b.branchName, b.requiredItems, b.expected, b.done, formatRate(b.rate)])
    ws.getRow(1).font = { bold: true }
    fileName = `必读资料完成情况-${formatDate(c.from)}至${formatDate(c.to)}.xlsx`
  }
  return saveWorkbook(ctx, wb, fileName)
}

/**
 * The readers sheet's rows: each branch in report order, its readers then the rest, each in roster order. Every member
 * and every read of the covered branches in one paged aggregation each (1000 per request), not a statistics call per
 * branch: the cost grows by one request per 1000 members or reads, not per branch.
 */
async function readerRows(ctx: Ctx<MemberCaller>, a: ArticleDoc, branches: OrgDoc[]): Promise<unknown[][]> {
  const ids = branches.map((b) => b._id)
  const [members, reads] = await Promise.all([rosterOfBranches(ctx.db, ids), receiptsInBranches(ctx.db, a._id, ids)])
  const readers = new Map(reads.map((r) => [r.memberId, r]))
  const rows: unknown[][] = []
  for (const b of branches) {
    const roster = members.filter((m) => m.branchId === b._id)
    for (const m of roster) {
      const r = readers.get(m._id)
      if (r) rows.push([b.name, m.name, '已读', r.secondsSpent, formatDateTime(r.readAt)])
    }
    for (const m of roster) if (!readers.has(m._id)) rows.push([b.name, m.name, '未读', '', ''])
  }
  return rows
}
