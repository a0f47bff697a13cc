import ExcelJS from 'exceljs'
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Browser, Page } from 'playwright-core'
import { china } from '../../src/domain/time'
import { asPerson, confirmModal, eventually, input, launch, snap } from './browser'

// One meeting of 办公室党支部 (8 members, all on the list) from creation to export:
// 李秀英 (branch admin) creates it starting in ~20 minutes, so sign-in is already open (30 min before) and leave can
// still be requested (before the start); 何雨桐 asks for leave and it is approved; 钱文静 and 孙浩然 sign in with the
// code read off the organiser's screen; then the board, closing, the list's tally and the exported sheet.

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser.close()
})

jest.setTimeout(180_000)

const TITLE = `主题党日（测试 ${String(Date.now()).slice(-5)}）`

/**
 * A finger's tap at the middle of the element. On the kit's pull-to-refresh pages Playwright's actionability check
 * reports Taro H5's <taro-pull-to-refresh-core> as intercepting although document.elementFromPoint at that point is
 * the button itself (checked in a probe against the running local cloud); a mouse click at the button's box goes
 * through the real hit test, so a button that really were covered would still miss and the next step would fail.
 */
async function tap(page: Page, selector: string) {
  const el = page.locator(selector)
  await el.waitFor()
  await page.waitForTimeout(450) // the slide-in animation
  const box = await el.boundingBox()
  if (!box) throw new Error(`${selector} has no box`)
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
}

async function figure(page: Page, key: string): Promise<string> {
  return page.locator(`[data-figure="${key}"] .board-figure-value`).innerText()
}

/** The code on the organiser's screen right now (it changes every 10 s; the cloud accepts the current and previous). */
async function currentToken(qr: Page): Promise<string> {
  const el = qr.locator('#qr-token')
  return eventually(
    async () => (await el.getAttribute('data-token')) ?? '',
    (t) => t.startsWith('m.'),
    15_000,
  )
}

async function checkInWith(page: Page, token: string) {
  await page.goto('/#/packages/meeting/pages/checkin/index')
  await input(page, 'checkin-token').fill(token)
  await page.locator('#checkin-submit').click()
}

describe('a branch meeting from creation to the exported sign-in sheet', () => {
  let meetingId = ''
  let admin: Page

  it('李秀英 creates the meeting through the form (a bad time is refused first)', async () => {
    admin = await asPerson(browser, '李秀英')
    await admin.goto('/#/packages/admin/pages/index')
    await admin.locator('.admin-entry', { hasText: '会议管理' }).click()
    await admin.waitForURL(/admin\/pages\/meetings\/index/)
    await admin.locator('.admin-meeting, .page-state-empty').first().waitFor()
    await snap(admin, 'meeting-admin-list')
    await admin.locator('#meeting-new').click()
    await admin.waitForURL(/meeting-edit\/index/)
    await input(admin, 'meeting-title').waitFor()
    await snap(admin, 'meeting-form-empty')

    const start = china(Date.now() + 20 * 60_000)
    const endAt = start.add(60, 'minute')
    const end = endAt.format('YYYY-MM-DD') === start.format('YYYY-MM-DD') ? endAt.format('HH:mm') : '23:59'
    await input(admin, 'meeting-title').fill(TITLE)
    await admin.locator('#meeting-date').fill(start.format('YYYY-MM-DD'))
    await admin.locator('#meeting-start').fill(start.format('HH:mm'))
    // End before start: refused in Chinese, nothing sent.
    await admin.locator('#meeting-end').fill(start.subtract(30, 'minute').format('HH:mm'))
    await input(admin, 'meeting-place').fill('三楼第一会议室')
    await admin.locator('#meeting-agenda textarea').fill('学习习近平总书记关于党的建设的重要思想')
    await admin.locator('#meeting-submit').click()
    await eventually(() => admin.locator('#meeting-form-error').innerText(), '结束时间应晚于开始时间')
    await snap(admin, 'meeting-form-error')

    await admin.locator('#meeting-end').fill(end)
    await admin.locator('#meeting-submit').click()
    await admin.waitForURL(/meeting-board\/index\?id=/)
    meetingId = decodeURIComponent(new URL(admin.url().replace('/#/', '/')).searchParams.get('id') ?? '')
    expect(meetingId).toMatch(/^mt/)
    await admin.locator('[data-figure="expected"]').waitFor()
    expect(await figure(admin, 'expected')).toBe('8')
    expect(await figure(admin, 'came')).toBe('0')
  })

  it('何雨桐 asks for leave on the detail page and sees it waiting', async () => {
    const he = await asPerson(browser, '何雨桐')
    await he.goto('/#/packages/meeting/pages/index')
    const item = he.locator('.mine-item', { hasText: TITLE })
    await item.waitFor()
    await snap(he, 'meeting-mine')
    await item.click()
    await he.waitForURL(/meeting\/pages\/detail\/index/)
    await tap(he, '#leave-open')
    await he.locator('#leave-reason textarea').fill('赴省财政厅参加预算业务培训')
    await snap(he, 'meeting-detail')
    await tap(he, '#leave-submit')
    await he.locator('.leave-status-pending', { hasText: '待审批' }).waitFor()
    expect(await he.locator('.detail-mine .att-badge').innerText()).toBe('请假待批')
    await snap(he, 'meeting-detail-leave-pending')
  })

  it('李秀英 approves the leave on 请假审批', async () => {
    await admin.goto('/#/packages/admin/pages/leaves/index')
    const card = admin.locator('.leave-item', { hasText: TITLE }).filter({ hasText: '何雨桐' })
    await card.waitFor()
    await snap(admin, 'meeting-leaves')
    await card.locator('.leave-approve').click()
    await confirmModal(admin, '何雨桐')
    await card.waitFor({ state: 'detached' })
  })

  it('钱文静 and 孙浩然 sign in with the code read off the organiser screen', async () => {
    await admin.goto(`/#/packages/admin/pages/meeting-qr/index?id=${encodeURIComponent(meetingId)}`)
    await admin.locator('.qr-code-img').waitFor()
    await eventually(() => admin.locator('.qr-title').innerText(), TITLE)
    await snap(admin, 'meeting-qr')

    const qian = await asPerson(browser, '钱文静')
    await checkInWith(qian, await currentToken(admin))
    await qian.locator('.checkin-result-title', { hasText: '签到成功' }).waitFor()
    expect(await qian.locator('.checkin-result-meeting').innerText()).toBe(TITLE)
    await snap(qian, 'meeting-checkin-success')

    const sun = await asPerson(browser, '孙浩然')
    await sun.goto('/#/packages/meeting/pages/checkin/index')
    await input(sun, 'checkin-token').waitFor()
    await snap(sun, 'meeting-checkin-paste')
    // The paste field stays inside its card's padding (as a plain <input> it once took 100% plus its own padding and
    // ran past the card's right edge).
    const field = (await input(sun, 'checkin-token').boundingBox())!
    const pasteCard = (await sun.locator('.paste-code').boundingBox())!
    expect(field.x + field.width).toBeLessThanOrEqual(pasteCard.x + pasteCard.width - 12)
    await checkInWith(sun, await currentToken(admin))
    await sun.locator('.checkin-result-title', { hasText: '签到成功' }).waitFor()

    // The same member again: 已签到 with the first time, no second record.
    await checkInWith(qian, await currentToken(admin))
    await qian.locator('.checkin-result-title', { hasText: '已签到' }).waitFor()
    expect(await qian.locator('.checkin-result-time').innerText()).toMatch(
      /^已签到（首次签到时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}）$/,
    )
    await snap(qian, 'meeting-checkin-already')

    // A code from two slots ago is refused as expired, with the prompt to rescan.
    const old = await currentToken(admin)
    const middle = await eventually(
      () => currentToken(admin),
      (t) => t !== old,
      15_000,
    )
    await eventually(
      () => currentToken(admin),
      (t) => t !== middle,
      15_000,
    )
    const ma = await asPerson(browser, '马俊杰')
    await checkInWith(ma, old)
    await ma.locator('#checkin-error').waitFor()
    expect(await ma.locator('.checkin-result-title').innerText()).toBe('签到码已过期')
    expect(await ma.locator('.checkin-result-message').innerText()).toContain('请扫描组织者屏幕上最新的二维码')
    await ma.locator('#checkin-rescan').waitFor()
    await snap(ma, 'meeting-checkin-expired')

    await eventually(() => admin.locator('#qr-count .qr-count-n').innerText(), '2', 15_000)
    await snap(admin, 'meeting-qr-two-signed-in')
  })

  it('the board shows 应到 8, 已到 2, 请假 1; closing counts the other 5 absent', async () => {
    await admin.goto(`/#/packages/admin/pages/meeting-board/index?id=${encodeURIComponent(meetingId)}`)
    await admin.locator('[data-figure="expected"]').waitFor()
    await eventually(() => figure(admin, 'came'), '2')
    expect(await figure(admin, 'expected')).toBe('8')
    expect(await figure(admin, 'leave')).toBe('1')
    expect(await figure(admin, 'missing')).toBe('5')
    await snap(admin, 'meeting-board')

    await admin.locator('#board-close').click()
    await confirmModal(admin, '还有 5 人未签到且未请假')
    await eventually(() => admin.locator('.board-tags .status-tag').innerText(), '已结束')
    expect(await figure(admin, 'missing')).toBe('5')
    expect(await admin.locator('[data-figure="missing"] .board-figure-label').innerText()).toBe('缺席')
    expect(await admin.locator('#board-rate').innerText()).toContain('出勤率 28.6%')
    await snap(admin, 'meeting-board-closed')
  })

  it('the meeting list shows the tally: 实到 2/应到 8, 缺席 5, 28.6%', async () => {
    await admin.goto('/#/packages/admin/pages/meetings/index')
    const item = admin.locator(`[data-meeting-id="${meetingId}"]`)
    await item.waitFor()
    expect(await item.locator('.admin-meeting-tally-main').innerText()).toBe('实到 2/应到 8')
    expect(await item.locator('.admin-meeting-tally').innerText()).toContain('请假 1 · 缺席 5 · 出勤率 28.6%')
    await snap(admin, 'meeting-admin-list-after')
  })

  it('导出签到表 downloads an xlsx with 8 rows on 签到表 and 6 on 未签到 (何雨桐 as 请假)', async () => {
    await admin.goto(`/#/packages/admin/pages/meeting-board/index?id=${encodeURIComponent(meetingId)}`)
    await admin.locator('#board-export').waitFor()
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.locator('#board-export').click()])
    expect(download.suggestedFilename()).toMatch(/签到表\.xlsx$/)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-export-')), 'sheet.xlsx')
    await download.saveAs(file)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const rows = (name: string) => {
      const ws = wb.getWorksheet(name)!
      const out: string[][] = []
      ws.eachRow((r, n) => {
        if (n > 1) out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')))
      })
      return out
    }
    const sheet = rows('签到表')
    expect(sheet).toHaveLength(8)
    const statusOf = (name: string) => sheet.find((r) => r[0] === name)?.[2]
    expect(statusOf('钱文静')).toBe('已签到')
    expect(statusOf('孙浩然')).toBe('已签到')
    expect(statusOf('何雨桐')).toBe('请假')
    expect(statusOf('马俊杰')).toBe('缺席')
    const missing = rows('未签到')
    expect(missing).toHaveLength(6)
    expect(missing.find((r) => r[0] === '何雨桐')?.[2]).toBe('请假')
    expect(missing.filter((r) => r[2] === '缺席')).toHaveLength(5)
  })

  it('the members see their outcome: 何雨桐 请假 on the detail page, 钱文静 in 我的会议 已召开', async () => {
    const he = await asPerson(browser, '何雨桐')
    await he.goto(`/#/packages/meeting/pages/detail/index?id=${encodeURIComponent(meetingId)}`)
    await he.locator('.leave-status-approved').waitFor()
    expect(await he.locator('.detail-mine .att-badge').innerText()).toBe('请假')
    await snap(he, 'meeting-detail-leave-approved')

    const qian = await asPerson(browser, '钱文静')
    await qian.goto('/#/packages/meeting/pages/index')
    await qian.locator('#mine-tab-past').click()
    const item = qian.locator('.mine-item', { hasText: TITLE })
    await item.waitFor()
    expect(await item.locator('.att-badge').innerText()).toBe('已签到')
    await snap(qian, 'meeting-mine-past')
    await qian.goto('/#/packages/meeting/pages/history/index')
    await qian.locator('#history-rate').waitFor()
    await snap(qian, 'meeting-history')
  })

  it('出勤统计 and 组织生活达标 open for the branch', async () => {
    await admin.goto('/#/packages/admin/pages/attendance-stats/index')
    await admin.locator('#stats-summary').waitFor()
    await snap(admin, 'meeting-stats')
    await admin.goto('/#/packages/admin/pages/compliance/index')
    await admin.locator('#compliance-total').waitFor()
    await snap(admin, 'meeting-compliance')
  })
})
