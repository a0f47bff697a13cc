import ExcelJS from 'exceljs'
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Browser, Page } from 'playwright-core'
import { demoPhoneOf } from '../../emulator/seed-members'
import { asPerson, callAs, input, launch, shot } from './browser'

// Staff journeys of issue 14 on the demo organisation: 陈建国 (org admin) adds a 党小组 under 国库处党支部 from the
// tree and makes 冯涛 a branch admin from the roster; 李秀英 (branch admin of 办公室党支部) creates a meeting that
// starts in ~10 minutes, opens its code screen and taps 我已到会, and the board then counts her present.

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser.close()
})

jest.setTimeout(180_000)

/** Taps an entry of Taro's H5 action sheet (Taro.showActionSheet). */
async function sheet(page: Page, label: string) {
  const cell = page.locator('.taro-actionsheet__cell', { hasText: label }).filter({ visible: true }).first()
  await cell.waitFor()
  await cell.click()
}

describe('the org admin runs the organisation from the app', () => {
  it('adds a 党小组 to a branch from the tree', async () => {
    const page = await asPerson(browser, '陈建国')
    await page.goto('/#/packages/admin/pages/org/index')
    await page.locator('.org-node', { hasText: '国库处党支部' }).click()
    await sheet(page, '新建党小组')
    await input(page, 'org-name').fill('第二党小组')
    await shot(page, 'staff-org-create')
    await page.locator('#org-confirm').click()
    await page.locator('.org-node', { hasText: '第二党小组' }).nth(1).waitFor()
    const names = await page.locator('.org-node-name').allInnerTexts()
    // The new group sits under 国库处党支部, after its first group.
    const at = names.indexOf('国库处党支部')
    expect(names.slice(at + 1, at + 3)).toEqual(['第一党小组', '第二党小组'])
    await shot(page, 'staff-org-created')
  })

  it('makes a member a branch admin from the roster', async () => {
    const page = await asPerson(browser, '陈建国')
    await page.goto('/#/packages/admin/pages/roster/index')
    await input(page, 'roster-keyword').fill('冯涛')
    await input(page, 'roster-keyword').press('Enter')
    await page.locator('.roster-item', { hasText: '冯涛' }).click()
    await page.waitForURL(/admin\/pages\/member\/index/)
    await page.locator('#member-role').click()
    await sheet(page, '支部管理员')
    await page.locator('#member-role', { hasText: '支部管理员' }).waitFor()
    await shot(page, 'staff-member-role')
  })
})

describe('the organiser at her own meeting', () => {
  it('taps 我已到会 on the code screen and the board counts her present', async () => {
    const page = await asPerson(browser, '李秀英')
    // The meeting is created through the cloud the page itself uses (the create form has its own journey).
    const start = new Date(Date.now() + 10 * 60_000)
    const created = await page.evaluate(
      async ({ startAt, endAt }) => {
        const res = await fetch('/cloud/functions/meeting', {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            action: 'create',
            input: {
              branchId: 'org_office',
              title: '我已到会测试会议',
              type: 'branch_assembly',
              startAt,
              endAt,
              place: '三楼会议室',
            },
          }),
        })
        return res.json()
      },
      { startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString() },
    )
    expect(created.ok).toBe(true)
    const id = created.data.meeting.id as string
    await page.goto(`/#/packages/admin/pages/meeting-qr/index?id=${encodeURIComponent(id)}`)
    await page.locator('#qr-im-here').click()
    await page.locator('#qr-present').waitFor()
    expect(await page.locator('#qr-present').innerText()).toMatch(/^您已签到（\d\d:\d\d）$/)
    await shot(page, 'staff-organiser-present')
    await page.locator('#qr-projector').click()
    await page.locator('.qr-projector').waitFor()
    expect(await page.locator('#qr-token').innerText()).toBe('')
    await shot(page, 'staff-projector')
    await page.goto(`/#/packages/admin/pages/meeting-board/index?id=${encodeURIComponent(id)}`)
    const row = page.locator('.board-row', { hasText: '李秀英' })
    await row.waitFor()
    expect(await row.innerText()).toContain('组织者确认到会')
    expect(await page.locator('#board-rate').innerText()).toContain('会议开始后显示出勤率')
    await shot(page, 'staff-board')
  })
})

describe("a secretary's roster import", () => {
  it('李秀英 previews a file field by field (马俊杰 becomes 宣传委员, one new member), then confirms it', async () => {
    const page = await asPerson(browser, '李秀英')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('花名册')
    ws.addRow(['姓名', '手机号', '所在支部', '职务'])
    ws.addRow(['马俊杰', demoPhoneOf('马俊杰'), '办公室党支部', '宣传委员'])
    ws.addRow(['陆一鸣', '13911112222', '办公室党支部', ''])
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roster-import-')), '办公室党支部花名册.xlsx')
    await wb.xlsx.writeFile(file)

    await page.goto('/#/packages/admin/pages/import/index')
    await page.locator('#import-file').setInputFiles(file)
    const preview = page.locator('.import-preview')
    await preview.waitFor()
    expect(await preview.locator('.import-preview-counts').innerText()).toContain('共 2 人：新增 1 人，更新 1 人')
    const ma = preview.locator('.import-preview-row', { hasText: '马俊杰' })
    expect(await ma.locator('.import-preview-tag').first().innerText()).toBe('更新')
    expect(await ma.locator('.import-preview-change').allInnerTexts()).toEqual([expect.stringMatching(/→ 宣传委员$/)])
    expect(await preview.locator('.import-preview-row', { hasText: '陆一鸣' }).innerText()).toContain('新增')
    await shot(page, 'staff-import-preview')

    await page.locator('#import-confirm').click()
    const result = page.locator('.import-result')
    await result.waitFor()
    expect(await result.locator('.import-created').innerText()).toBe('1')
    expect(await result.locator('.import-updated').innerText()).toBe('1')
    await shot(page, 'staff-import-done')
    // The journeys share one local cloud, and meeting.e2e counts 办公室党支部 at 8 members: the new member leaves
    // again (转出), so whichever journey runs next finds the branch as seeded.
    const { items } = await callAs<{ items: Array<{ id: string }> }>(page, 'member', 'list', { keyword: '陆一鸣' })
    await callAs(page, 'member', 'setStatus', {
      memberId: items[0].id,
      status: 'transferred',
      reason: '测试数据，已转出',
    })
  })
})

describe('一键提醒 from the sign-in board', () => {
  it('李秀英 reminds who has not signed in: the timer sends once to each member who consented, and the card says so', async () => {
    const page = await asPerson(browser, '李秀英')
    // It enters the 会前提醒 window (two hours before) 90 s from now, after the consents below: a tick before them
    // would find nobody consented and record everyone 未授权 once and for all.
    const start = new Date(Date.now() + 120 * 60_000 + 90_000)
    const { meeting } = await callAs<{ meeting: { id: string } }>(page, 'meeting', 'create', {
      branchId: 'org_office',
      title: '一键提醒测试会议',
      type: 'branch_assembly',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 3600_000).toISOString(),
      place: '三楼会议室',
    })
    // 钱文静 and 孙浩然 tap 开会前提醒我 on this meeting's page twice each (one consent, one message): the consents
    // are held for this meeting, so the 会前提醒 the timer queues for it has one and the 一键提醒 the other — the
    // suite's earlier meeting (starting sooner) gets its own 会前提醒 from the same tick and may spend none of them.
    const consenting = ['钱文静', '孙浩然']
    for (const name of consenting) {
      const member = await asPerson(browser, name)
      await member.goto(`/#/packages/meeting/pages/detail/index?id=${encodeURIComponent(meeting.id)}`)
      await member.locator('#detail-remind-me').click()
      await member.locator('#detail-remind-note', { hasText: '可收 1 条提醒' }).waitFor()
      await member.locator('#detail-remind-me', { hasText: '再授权一次' }).click()
      await member.locator('#detail-remind-note', { hasText: '可收 2 条提醒' }).waitFor()
      if (name === '钱文静') await shot(member, 'staff-remind-consent')
      await member.close()
    }
    await page.goto(`/#/packages/admin/pages/meeting-board/index?id=${encodeURIComponent(meeting.id)}`)
    await page.locator('#remind-send').click()
    await page.locator('.remind-line[data-job="manual"]').waitFor()
    await shot(page, 'staff-remind-queued')
    // The local cloud runs timer triggers every minute (production: every 5): the job is sent by the next one; the
    // first tick after the meeting enters the two-hour window queues and sends its 会前提醒.
    const line = page.locator('.remind-line[data-job="manual"]')
    const soon = page.locator('.remind-line[data-job="meeting_soon"]')
    const deadline = Date.now() + 240_000
    const sentBoth = async () =>
      (await line.innerText()).includes('已发送') &&
      (await soon.count()) === 1 &&
      (await soon.innerText()).includes('已发送')
    while (!(await sentBoth()) && Date.now() < deadline) {
      await page.waitForTimeout(5_000)
      await page.reload()
      await line.waitFor()
    }
    expect(await line.innerText()).toMatch(/李秀英 一键提醒：已发送 2 人，\d+ 人未授权订阅消息/)
    expect(await soon.innerText()).toMatch(/会前提醒（开始前 2 小时内）：已发送 2 人，\d+ 人未授权订阅消息/)
    // Throttled: a second 一键提醒 on the same meeting waits a day.
    expect(await page.locator('#remind-send').getAttribute('aria-disabled')).toBe('true')
    await shot(page, 'staff-remind-sent')
  }, 360_000)
})
