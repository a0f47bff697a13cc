import ExcelJS from 'exceljs'
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Browser, Page } from 'playwright-core'
import { china } from '../../src/domain/time'
import { asPerson, callAs, confirmModal, eventually, input, launch, snap } from './browser'

// Volunteer activities from publishing to the member's hours:
// 赵晓燕 (union_admin) publishes one through the form with 2 places and a waitlist, sign-up open now until its start
// in two hours; 钱文静 and 孙浩然 get places, 何雨桐 is 候补第 1 位; 孙浩然 cancels and 何雨桐 is promoted. On-site
// check-in opens at an activity's start, and the browser tests run on real time: rather than wait for that one,
// 赵晓燕 publishes a second activity starting seconds from now through the local cloud (the form has minute
// precision, so a start seconds away cannot be typed) and 钱文静 signs up to it the same way; she then checks in and
// out with the codes read off the organiser's screen, and 我的 shows her hours. The cloud applies its usual rules to
// both: nothing is opened early for the test.

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser.close()
})

jest.setTimeout(180_000)

const TITLE = `社区环境整治志愿服务（测试 ${String(Date.now()).slice(-5)}）`

async function fillTime(page: Page, prefix: string, at: number) {
  const d = china(at)
  await page.locator(`#${prefix}-date`).fill(d.format('YYYY-MM-DD'))
  await page.locator(`#${prefix}-time`).fill(d.format('HH:mm'))
}

async function myStatus(page: Page): Promise<string> {
  return page.locator('#act-my-status').innerText()
}

async function currentToken(qr: Page, prefix: string): Promise<string> {
  return eventually(
    async () => (await qr.locator('#qr-token').getAttribute('data-token')) ?? '',
    (t) => t.includes(prefix),
    15_000,
  )
}

async function checkInWith(page: Page, token: string) {
  await page.goto('/#/packages/activity/pages/checkin/index')
  await input(page, 'activity-token').fill(token)
  await page.locator('#activity-checkin-submit').click()
}

describe('a volunteer activity with places, waitlist, promotion, check-in/out and hours', () => {
  let admin: Page
  let activityId = ''
  /** The second activity, starting seconds after it is published: the check-in and hours steps use it. */
  let onsiteId = ''
  /** 钱文静's volunteer hours this year as 我的 shows them, e.g. '2.0'. */
  let qianTotal = ''
  const ONSITE_TITLE = `楼道清理现场服务（测试 ${String(Date.now()).slice(-5)}）`
  const people: Record<string, Page> = {}

  it('赵晓燕 publishes it through the admin form (2 places, waitlist)', async () => {
    admin = await asPerson(browser, '赵晓燕')
    await admin.goto('/#/packages/admin/pages/index')
    await admin.locator('.admin-entry', { hasText: '活动管理' }).click()
    await admin.waitForURL(/admin\/pages\/activities\/index/)
    await admin.locator('.aa-item, .page-state-empty').first().waitFor()
    await snap(admin, 'activity-admin-list')
    // 本年志愿时长 and 新建活动 sit side by side on one line (Taro's H5 button stylesheet once pushed the second 15 px
    // down).
    const tops = await admin
      .locator('.aa-toolbar .nut-button')
      .evaluateAll((bs) => bs.map((b) => Math.round(b.getBoundingClientRect().top)))
    expect(tops).toHaveLength(2)
    expect(tops[1]).toBe(tops[0])
    await admin.locator('#activity-new').click()
    await admin.waitForURL(/activity-edit\/index/)
    await input(admin, 'activity-title').waitFor()
    await snap(admin, 'activity-form-empty')

    const now = Date.now()
    // Minute precision in the form: the start is the whole minute two hours ahead.
    const start = Math.ceil((now + 120 * 60_000) / 60_000) * 60_000
    await input(admin, 'activity-title').fill(TITLE)
    await input(admin, 'activity-place').fill('幸福里社区服务中心')
    await admin
      .locator('#activity-description textarea')
      .fill('清理楼道堆放杂物，宣传垃圾分类。请穿志愿者马甲，自备手套。')
    await fillTime(admin, 'activity-start', start)
    await fillTime(admin, 'activity-end', start + 60 * 60_000)
    await fillTime(admin, 'activity-open', now - 2 * 60_000)
    // Closing after the end is refused in Chinese before anything is sent.
    await fillTime(admin, 'activity-close', start + 2 * 60 * 60_000)
    await input(admin, 'activity-capacity').fill('2')
    await admin.locator('#activity-publish').click()
    await eventually(() => admin.locator('#activity-form-error').innerText(), '报名截止时间不能晚于活动结束时间')
    await snap(admin, 'activity-form-error')
    await fillTime(admin, 'activity-close', start)

    // An extra field, optional, to show the editor.
    await admin.locator('#extra-add').click()
    await input(admin, 'extra-label-f1').fill('是否需要马甲')
    await admin.locator('[data-extra-key="f1"] .chip', { hasText: '是/否' }).click()
    await snap(admin, 'activity-form-filled')

    await admin.locator('#activity-publish').click()
    await confirmModal(admin, '2 个名额，满额后可候补', 'activity-modal')
    await admin.waitForURL(/activity-roster\/index\?id=/)
    activityId = decodeURIComponent(new URL(admin.url().replace('/#/', '/')).searchParams.get('id') ?? '')
    expect(activityId).toMatch(/^ac_/)
    await eventually(
      () => admin.locator('#roster-places').innerText(),
      (t) => t.includes('已报名 0/2'),
    )
  })

  it('opened in two tabs, the second save is refused as edited elsewhere and 重新打开 shows the first one', async () => {
    const edit = `/#/packages/admin/pages/activity-edit/index?id=${encodeURIComponent(activityId)}`
    const second = await asPerson(browser, '赵晓燕')
    for (const tab of [admin, second]) {
      await tab.goto(edit)
      await input(tab, 'activity-place').waitFor()
    }
    await input(admin, 'activity-place').fill('幸福里社区文化广场')
    await admin.locator('#activity-save').click()
    await eventually(
      async () =>
        (await callAs<{ activity: { place: string } }>(admin, 'activity', 'get', { activityId })).activity.place,
      '幸福里社区文化广场',
    )
    // The second tab still shows the place it opened with; its own change would overwrite the first one's.
    await second.locator('#activity-description textarea').fill('清理楼道堆放杂物。请自备手套。')
    await second.locator('#activity-save').click()
    await second.locator('#edited-elsewhere').waitFor()
    expect(await second.locator('#edited-elsewhere').innerText()).toContain('请重新打开')
    const stored = (
      await callAs<{ activity: { place: string; description: string } }>(admin, 'activity', 'get', {
        activityId,
      })
    ).activity
    expect(stored).toMatchObject({ place: '幸福里社区文化广场', description: expect.stringContaining('宣传垃圾分类') })
    // 重新打开 in the modal: the editor opens again on the activity as stored.
    await confirmModal(second, '请重新打开', 'activity-edited-elsewhere')
    await eventually(() => input(second, 'activity-place').inputValue(), '幸福里社区文化广场')
    expect(await second.locator('#edited-elsewhere').count()).toBe(0)
    await second.context().close()
    await admin.goto(`/#/packages/admin/pages/activity-roster/index?id=${encodeURIComponent(activityId)}`)
    await admin.locator('#roster-places').waitFor()
  })

  it('钱文静 and 孙浩然 get places; 何雨桐 is 候补第 1 位 and asks to be told', async () => {
    for (const name of ['钱文静', '孙浩然']) {
      const p = await asPerson(browser, name)
      people[name] = p
      await p.goto('/#/pages/activity/index')
      const card = p.locator(`[data-activity-id="${activityId}"]`)
      await card.waitFor()
      if (name === '钱文静') await snap(p, 'activity-tab')
      await card.click()
      await p.waitForURL(/activity\/pages\/detail\/index/)
      await p.locator('#act-signup').waitFor()
      if (name === '钱文静') await snap(p, 'activity-detail-open')
      await p.locator('#act-signup').click()
      await eventually(() => myStatus(p), '报名成功')
    }
    await snap(people['孙浩然'], 'activity-detail-confirmed')

    const he = await asPerson(browser, '何雨桐')
    people['何雨桐'] = he
    await he.goto(`/#/packages/activity/pages/detail/index?id=${encodeURIComponent(activityId)}`)
    await he.locator('#act-signup', { hasText: '报名候补' }).waitFor()
    expect(await he.locator('#act-places').innerText()).toContain('已满·可候补')
    await snap(he, 'activity-detail-full')
    await he.locator('#act-signup').click()
    await confirmModal(he, '递补成功后是否通过微信通知您', 'activity-modal')
    await eventually(() => myStatus(he), '候补第 1 位')
    await snap(he, 'activity-detail-waitlisted')
  })

  it('孙浩然 cancels and 何雨桐 is promoted', async () => {
    const sun = people['孙浩然']
    await sun.locator('#act-cancel').click()
    await confirmModal(sun, '名额将让给候补的同志', 'activity-modal')
    await sun.locator('#act-form, .act-closed').first().waitFor()
    expect(await sun.locator('#act-my-status').count()).toBe(0)

    const he = people['何雨桐']
    await he.reload()
    await eventually(() => myStatus(he), '报名成功')
    await snap(he, 'activity-detail-promoted')

    await admin.reload()
    await eventually(() => admin.locator('[data-status="confirmed"] .ar-tab-count').innerText(), '2')
    expect(await admin.locator('[data-status="cancelled"] .ar-tab-count').innerText()).toBe('1')
    await snap(admin, 'activity-roster')
  })

  it('钱文静 checks in and out with the codes on the organiser screen; 我的 shows her hours', async () => {
    // The day of the second activity: published by 赵晓燕 and joined by 钱文静 through the cloud, starting in 5 s.
    const startsAt = Date.now() + 5_000
    const iso = (t: number) => new Date(t).toISOString()
    const { activity } = await callAs<{ activity: { id: string } }>(admin, 'activity', 'save', {
      title: ONSITE_TITLE,
      kind: 'volunteer',
      subType: '社区服务',
      description: '清理楼道堆放杂物，宣传垃圾分类。',
      place: '幸福里社区服务中心',
      startAt: iso(startsAt),
      endAt: iso(startsAt + 60 * 60_000),
      signupOpenAt: iso(Date.now() - 60_000),
      signupCloseAt: iso(startsAt + 60 * 60_000),
      capacity: 5,
      waitlist: false,
    })
    onsiteId = activity.id
    await callAs(admin, 'activity', 'publish', { activityId: onsiteId })
    await callAs(people['钱文静'], 'activity', 'signup', { activityId: onsiteId })

    await admin.goto(`/#/packages/admin/pages/activity-qr/index?id=${encodeURIComponent(onsiteId)}&mode=in`)
    await admin.locator('.qr-code-img').waitFor()
    await eventually(() => admin.locator('.qr-title').innerText(), ONSITE_TITLE)
    await snap(admin, 'activity-qr-in')

    const qian = people['钱文静']
    // She already served this year (the demo's 文明交通 shift): the new hours add to that.
    await qian.goto('/#/pages/me/index')
    const before = Number(
      (
        await eventually(
          () => qian.locator('#me-hours').innerText(),
          (t) => /^\d+\.\d 小时/.test(t),
        )
      ).split(' ')[0],
    )
    // On-site check-in opens at the start: a scan before is refused, saying when it opens (seconds away by now).
    await new Promise((r) => setTimeout(r, Math.max(0, startsAt + 1_000 - Date.now())))
    await checkInWith(qian, await currentToken(admin, ':in.'))
    await qian.locator('.act-checkin-title', { hasText: '签到成功' }).waitFor()
    expect(await qian.locator('.act-checkin-activity').innerText()).toBe(ONSITE_TITLE)
    await snap(qian, 'activity-checkin-in')
    await eventually(() => admin.locator('#qr-count-in .qr-count-n').innerText(), '1', 15_000)

    await admin.locator('#qr-switch').click()
    await eventually(
      () => admin.locator('.qr-sub').innerText(),
      (t) => t.startsWith('签退码'),
    )
    await checkInWith(qian, await currentToken(admin, ':out.'))
    await qian.locator('.act-checkin-title', { hasText: '签退成功' }).waitFor()
    // Hours are capped by the activity's length and floored to 0.1 h: a quick test may well serve 0.0 h.
    const hours = (await qian.locator('#activity-checkin-hours .act-checkin-hours-n').innerText()).trim()
    expect(hours).toMatch(/^\d+\.\d$/)
    await snap(qian, 'activity-checkin-out')
    await eventually(() => admin.locator('#qr-count-out .qr-count-n').innerText(), '1', 15_000)
    await snap(admin, 'activity-qr-out')

    // A code that is not a code.
    await checkInWith(qian, 'a.forged.code.123')
    await qian.locator('#activity-checkin-error').waitFor()
    await snap(qian, 'activity-checkin-error')

    await qian.goto('/#/pages/me/index')
    const total = (before + Number(hours)).toFixed(1)
    qianTotal = total
    await eventually(async () => (await qian.locator('#me-hours').innerText()).trim(), `${total} 小时`)
    await snap(qian, 'activity-me-hours')
    await qian.locator('.me-hours').click()
    await qian.waitForURL(/activity\/pages\/hours\/index/)
    await eventually(
      () => qian.locator('#hours-total').innerText(),
      (t) => t.startsWith(total),
    )
    // Only served hours are listed (0.0 h is not a service record).
    if (Number(hours) > 0) await qian.locator('.act-hours-item', { hasText: ONSITE_TITLE }).waitFor()
    await snap(qian, 'activity-hours')

    await qian.goto('/#/pages/activity/index')
    await qian.locator('#act-filter-mine').click()
    await qian.locator(`[data-activity-id="${onsiteId}"] .act-status`, { hasText: '已签退' }).waitFor()
    await snap(qian, 'activity-tab-mine')
  })

  it('the roster shows the check-out', async () => {
    await admin.goto(`/#/packages/admin/pages/activity-roster/index?id=${encodeURIComponent(onsiteId)}`)
    const row = admin.locator('.ar-row[data-member-name="钱文静"]')
    await row.waitFor()
    expect(await row.locator('.ar-status').innerText()).toBe('已签退')
    await snap(admin, 'activity-roster-after')
  })

  it("本年志愿时长 downloads the year's hours, and 钱文静's row says what her 我的 says", async () => {
    await admin.goto('/#/packages/admin/pages/activities/index')
    await admin.locator('#activity-hours-report').waitFor()
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.locator('#activity-hours-report').click(),
    ])
    expect(download.suggestedFilename()).toBe(`${china(Date.now()).year()}年志愿服务时长.xlsx`)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hours-export-')), 'hours.xlsx')
    await download.saveAs(file)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const rows: unknown[][] = []
    wb.getWorksheet('按党员')!.eachRow((r, n) => {
      if (n > 1) rows.push((r.values as unknown[]).slice(1))
    })
    const qian = rows.find((r) => r[0] === '钱文静')
    expect(qian?.[1]).toBe('办公室党支部')
    // Stored as a number (the sheet formats it), equal to the figure on her own screen.
    expect(typeof qian?.[3]).toBe('number')
    expect((qian![3] as number).toFixed(1)).toBe(qianTotal)
  })
})
