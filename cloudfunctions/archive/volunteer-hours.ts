import { china } from '../../src/domain/time'
import { saveWorkbook } from '../_shared/exports'
import { orgsOf } from '../_shared/orgs'
import { styleHeader } from '../_shared/xlsx-format'
import { newWorkbook } from '../_shared/workbook'
import type { ArchiveHandler } from '../_shared/handlers'
import { volunteerHoursByMember } from './archive.repo'

const round1 = (n: number) => Math.round(n * 10) / 10

/**
 * The year's 志愿服务时长 as .xlsx: 按党员 (each member who served: services, hours, how many of them corrected by hand)
 * and 按支部 (members who served, services, hours). The same rule as 我的志愿服务时长 (activity.myHours): confirmed
 * volunteer sign-ups with hours, by the activity's start in China time, so a member's row equals what she sees.
 * One aggregation, grouped by member (1000 rows a page), whatever the number of sign-ups.
 */
export const volunteerHours: ArchiveHandler<'volunteerHours'> = async (input, ctx) => {
  const year = input.year ?? china(ctx.clock.now()).year()
  const from = china(`${year}-01-01T00:00:00+08:00`).toDate()
  const to = china(`${year + 1}-01-01T00:00:00+08:00`).toDate()
  const [rows, orgs] = await Promise.all([volunteerHoursByMember(ctx.db, from, to), orgsOf(ctx)])
  const members = rows
    .map((r) => ({
      name: r.name,
      branchId: r.branchId,
      services: r.services,
      hours: round1(r.hours),
      edited: r.edited,
    }))
    .sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name, 'zh'))
  const branchName = (id: string) => orgs.get(id)?.name ?? '（已撤销的支部）'

  const wb = await newWorkbook()
  const byMember = wb.addWorksheet('按党员')
  byMember.addRow(['姓名', '所在支部', '服务次数', '服务时长（小时）', '其中手工修改（次）'])
  for (const m of members) byMember.addRow([m.name, branchName(m.branchId), m.services, m.hours, m.edited])
  styleHeader(byMember)
  byMember.getColumn(4).numFmt = '0.0'

  const branches = new Map<string, { people: number; services: number; hours: number }>()
  for (const m of members) {
    const b = branches.get(m.branchId) ?? { people: 0, services: 0, hours: 0 }
    b.people++
    b.services += m.services
    b.hours = round1(b.hours + m.hours)
    branches.set(m.branchId, b)
  }
  const byBranch = wb.addWorksheet('按支部')
  byBranch.addRow(['支部', '参加人数', '服务次数', '服务时长（小时）'])
  const list = [...branches.entries()].sort((a, b) => b[1].hours - a[1].hours)
  for (const [id, b] of list) byBranch.addRow([branchName(id), b.people, b.services, b.hours])
  const total = round1(members.reduce((s, m) => s + m.hours, 0))
  byBranch.addRow(['合计', members.length, members.reduce((s, m) => s + m.services, 0), total]).font = { bold: true }
  styleHeader(byBranch)
  byBranch.getColumn(4).numFmt = '0.0'

  return {
    ...(await saveWorkbook(ctx, wb, `${year}年志愿服务时长.xlsx`)),
    members: members.length,
    hours: total,
  }
}
