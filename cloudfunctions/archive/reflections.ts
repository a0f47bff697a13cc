import type ExcelJS from 'exceljs'
import type { ReflectionRow } from '../../src/contract/study.contract'
import { formatDateTime } from '../../src/domain/time'
import { saveWorkbook } from '../_shared/exports'
import { styleHeader } from '../_shared/xlsx-format'
import { newWorkbook } from '../_shared/workbook'
import { allReflections, articleReflectionScope, memberReflectionScope, reflectionRows } from '../study/reflections'
import type { ArchiveHandler } from '../_shared/handlers'

/** The text column wraps (a reflection runs to 1000 characters); headers stay on one line (styleHeader). */
function wrapText(ws: ExcelJS.Worksheet, column: number, width: number) {
  const col = ws.getColumn(column)
  col.width = width
  col.alignment = { wrapText: true, vertical: 'top' }
}

const chars = (text: string) => [...text].length

/**
 * 学习心得 of one article as .xlsx, through the same scope check as the screen (a branch admin: her branch; the
 * committee: every branch or the one asked for). Rows by branch in the tree's order, newest first inside a branch,
 * with the 党小组 column every list of members has; 字数 is a number.
 */
export const reflections: ArchiveHandler<'reflections'> = async (input, ctx) => {
  const { article, orgs, branches, where } = await articleReflectionScope(ctx, input)
  const rows = await reflectionRows(ctx, await allReflections(ctx, where), orgs, { article })
  // The tree's order (articleInScope lists the branches so); a branch retired since sorts last.
  const order = new Map(branches.map((b, i) => [b._id, i]))
  const place = (id: string) => order.get(id) ?? branches.length
  rows.sort((a, b) => place(a.branchId) - place(b.branchId) || byNewest(a, b))
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('学习心得')
  ws.addRow(['支部', '党小组', '姓名', '学习心得', '字数', '提交时间'])
  for (const r of rows)
    ws.addRow([r.branchName, r.groupName ?? '', r.name, r.text, chars(r.text), formatDateTime(r.updatedAt)])
  styleHeader(ws)
  wrapText(ws, 4, 60)
  const only = input.branchId ? `-${orgs.get(input.branchId)?.name ?? ''}` : ''
  const file = await saveWorkbook(ctx, wb, `${article.title}${only}-学习心得.xlsx`)
  return { ...file, count: rows.length }
}

/** One member's 学习心得 of a year as .xlsx (her secretary's or the committee's), newest first. */
export const memberReflections: ArchiveHandler<'memberReflections'> = async (input, ctx) => {
  const { member, orgs, year, where } = await memberReflectionScope(ctx, input)
  const rows = await reflectionRows(ctx, await allReflections(ctx, where), orgs, { member })
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('学习心得')
  ws.addRow(['资料', '学习心得', '字数', '提交时间', '提交时所在支部'])
  for (const r of rows) ws.addRow([r.articleTitle, r.text, chars(r.text), formatDateTime(r.updatedAt), r.branchName])
  styleHeader(ws)
  wrapText(ws, 2, 60)
  const file = await saveWorkbook(ctx, wb, `${member.name}-${year}年学习心得.xlsx`)
  return { ...file, count: rows.length }
}

function byNewest(a: ReflectionRow, b: ReflectionRow): number {
  return b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id)
}
