// The yearly 志愿服务时长 report a union organiser sends upward: per member and per branch, read back from the xlsx.
import ExcelJS from 'exceljs'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { publishedActivity } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  // Two services by 钱文静 (3 h, then 1.5 h) and one by 孙浩然 (3 h), checked in and out on the day.
  await serve(['钱文静', '孙浩然'], 3)
  await serve(['钱文静'], 1.5)
})

async function serve(names: string[], hours: number) {
  const { admin, activity } = await publishedActivity(t)
  for (const n of names) await t.ok(await t.openidOf(n), 'activity.signup', { activityId: activity.id })
  const start = new Date(activity.startAt).getTime()
  t.cloud.clock.set(new Date(start))
  const tokenIn = (await t.ok(admin, 'activity.qrToken', { activityId: activity.id, mode: 'in' })).token
  for (const n of names) await t.ok(await t.openidOf(n), 'activity.checkIn', { token: tokenIn })
  t.cloud.clock.set(new Date(start + hours * 3600_000))
  const tokenOut = (await t.ok(admin, 'activity.qrToken', { activityId: activity.id, mode: 'out' })).token
  for (const n of names) await t.ok(await t.openidOf(n), 'activity.checkIn', { token: tokenOut })
}
afterEach(() => t.close())

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = []
  ws.eachRow((r, n) => n > 1 && out.push((r.values as unknown[]).slice(1)))
  return out
}

async function report(as: string) {
  const res = await t.ok(as, 'archive.volunteerHours', {})
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(t.cloud.storage.download(res.fileID) as unknown as ArrayBuffer)
  return { res, byMember: rowsOf(wb.getWorksheet('按党员')!), byBranch: rowsOf(wb.getWorksheet('按支部')!) }
}

describe('the yearly volunteer-hours report', () => {
  it("gives each member the hours she sees in 我的, and each branch the sum of its members'", async () => {
    const union = await t.openidOf('赵晓燕')
    const { res, byMember, byBranch } = await report(union)
    expect(res.fileName).toMatch(/^\d{4}年志愿服务时长\.xlsx$/)
    expect(byMember.map((r) => r.slice(0, 4))).toEqual([
      ['钱文静', '办公室党支部', 2, 4.5],
      ['孙浩然', '办公室党支部', 1, 3],
    ])
    for (const [name, , services, hours] of byMember) {
      const mine = await t.ok(await t.openidOf(name as string), 'activity.myHours', {})
      expect({ name, services, hours }).toEqual({ name, services: mine.items.length, hours: mine.totalHours })
    }
    expect(byBranch).toEqual([
      ['办公室党支部', 2, 3, 7.5],
      ['合计', 2, 3, 7.5],
    ])
    const total = byBranch.at(-1)!
    expect(total[3]).toBe(res.hours)
    const sum = byBranch.slice(0, -1).reduce((s, r) => s + (r[3] as number), 0)
    expect(Math.round(sum * 10) / 10).toBe(res.hours)
  })

  it('counts an hour corrected by hand, and shows the corrected figure', async () => {
    const union = await t.openidOf('赵晓燕')
    const served = (
      await t.cloud
        .db()
        .collection('signups')
        .where({ kind: 'volunteer', status: 'confirmed', hours: t.cloud.db().command.gt(0) })
        .limit(1)
        .get()
    ).data[0] as { _id: string; memberName: string }
    await t.ok(union, 'activity.setHours', { signupId: served._id, tenths: 45, reason: '提前到场布置' })
    const { byMember } = await report(union)
    const row = byMember.find((r) => r[0] === served.memberName)!
    expect(row[4]).toBe(1)
    const mine = await t.ok(await t.openidOf(served.memberName), 'activity.myHours', {})
    expect(row[3]).toBe(mine.totalHours)
  })

  it('is for the organisers: a branch secretary is refused', async () => {
    const res = await t.call(await t.openidOf('李秀英'), 'archive.volunteerHours', {})
    expect(res.ok || res.error.code).toBe('FORBIDDEN')
  })
})

describe('the sign-up roster export', () => {
  it('gives the organiser the phone numbers of the people coming, and records that she took them', async () => {
    const { admin, activity } = await publishedActivity(t)
    await t.ok(await t.openidOf('何雨桐'), 'activity.signup', { activityId: activity.id })
    const res = await t.ok(admin, 'activity.exportRoster', { activityId: activity.id })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(t.cloud.storage.download(res.fileID) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('报名名单')!
    expect(ws.getRow(1).getCell(3).value).toBe('联系电话')
    const he = rowsOf(ws).find((r) => r[0] === '何雨桐')!
    expect(he[2]).toBe('13900001043')
    expect(await t.count('audit_logs', { action: 'activity.contacts', targetId: activity.id })).toBe(1)
  })
})
