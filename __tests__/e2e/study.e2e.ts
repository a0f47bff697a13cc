import type { Browser, Page } from 'playwright-core'
import { china } from '../../src/domain/time'
import { asPerson, confirmModal, input, launch, snap } from './browser'

// A required article of 办公室党支部 from the admin form to the receipt in the statistics:
// 李秀英 (branch admin) publishes it (it can only go to her branch) with a reading time of 1 minute (18 s minimum);
// 钱文静 sees it first in the 学习 tab, reads to the end and waits until the cloud records 已读; the statistics show
// her under 已读; 冯涛 of 预算处党支部 sees neither the item nor the article by its link.

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser.close()
})

jest.setTimeout(180_000)

const TITLE = `必读：党纪学习教育要点（测试 ${String(Date.now()).slice(-5)}）`
const BODY = [
  '## 一、学习目标',
  '',
  '通过集中学习，引导党员干部**学纪、知纪、明纪、守纪**，搞清楚党的纪律规矩是什么，弄明白能干什么、不能干什么。',
  '',
  '> 纪律是管党治党的“戒尺”，也是党员干部约束自身行为的标准和遵循。',
  '',
  ...Array.from(
    { length: 12 },
    (_, i) =>
      `### ${i + 1}. 学习要点\n\n坚持读原著、学原文、悟原理，逐章逐条学习《中国共产党纪律处分条例》，结合本职工作谈体会、找差距、抓落实，做到真学真懂真信真用。\n`,
  ),
  '## 二、工作要求',
  '',
  '- 支部书记带头学，党员逐篇读',
  '- 读完后撰写学习心得',
  '- 按期完成，支部统计完成情况',
].join('\n')

describe('a required study article from publishing to the read receipt', () => {
  let admin: Page
  let articleId = ''

  it('李秀英 publishes a required article to her branch through the form', async () => {
    admin = await asPerson(browser, '李秀英')
    await admin.goto('/#/packages/admin/pages/index')
    await admin.locator('.admin-entry', { hasText: '学习资料' }).click()
    await admin.waitForURL(/study-articles\/index/)
    await admin.locator('.sa-item, .page-state-empty').first().waitFor()
    await snap(admin, 'study-admin-list')
    await admin.locator('#study-new').click()
    await admin.waitForURL(/study-edit\/index/)
    await input(admin, 'study-title').waitFor()
    await snap(admin, 'study-form-empty')

    // A branch admin cannot choose the audience: it is her branch.
    expect(await admin.locator('#study-audience-fixed').innerText()).toContain('办公室党支部')
    // Nothing sent while the body is empty.
    await input(admin, 'study-title').fill(TITLE)
    await admin.locator('#study-publish').click()
    await admin.locator('#study-form-error', { hasText: '请填写正文' }).waitFor()

    await admin.locator('[data-category="纪律教育"]').click()
    await admin.locator('#study-markdown textarea').fill(BODY)
    await admin.locator('#study-required').click()
    await admin.locator('#study-deadline-date').waitFor()
    await admin.locator('#study-deadline-date').fill(china(Date.now() + 86_400_000).format('YYYY-MM-DD'))
    await input(admin, 'study-read-minutes').fill('1')
    await snap(admin, 'study-form-filled')

    await admin.locator('#study-preview').click()
    await admin.locator('#study-preview-body .ac-h2', { hasText: '一、学习目标' }).waitFor()
    await snap(admin, 'study-form-preview')
    await admin.locator('#study-preview-back').click()

    await admin.locator('#study-publish').click()
    await confirmModal(admin, '本支部（办公室党支部）', 'study-modal')
    await admin.waitForURL(/study-stats\/index\?id=/)
    articleId = decodeURIComponent(new URL(admin.url().replace('/#/', '/')).searchParams.get('id') ?? '')
    expect(articleId).toMatch(/^ar_/)
    await admin.locator('[data-figure="audience"]').waitFor()
    expect(await admin.locator('[data-figure="read"] .ss-figure-value').innerText()).toBe('0')
    await snap(admin, 'study-stats-before')
  })

  it('钱文静 sees it first among the required items, reads to the end and gets 已读 after the minimum time', async () => {
    const qian = await asPerson(browser, '钱文静')
    // The 首页 card carries the unread-required badge.
    await qian.locator('#home-study-badge').waitFor()
    await snap(qian, 'study-home-badge')
    await qian.goto('/#/pages/study/index')
    const first = qian.locator('#study-required .study-req').first()
    await first.waitFor()
    expect(await first.locator('.study-req-title').innerText()).toBe(TITLE)
    expect(await first.locator('.study-read-tag').innerText()).toBe('未读')
    await snap(qian, 'study-tab')

    await first.click()
    await qian.waitForURL(/study\/pages\/article\/index\?id=/)
    await qian.locator('.article-title', { hasText: TITLE }).waitFor()
    await snap(qian, 'study-article-top')
    // Not at the end yet: no receipt asked for, and the progress bar has barely moved.
    await qian.waitForTimeout(1000)
    expect(await qian.locator('#article-read, #article-wait').count()).toBe(0)
    expect(
      await qian.locator('#article-progress').evaluate((el) => parseFloat((el as HTMLElement).style.width)),
    ).toBeLessThan(10)

    await qian.locator('#article-end').scrollIntoViewIfNeeded()
    await qian.mouse.wheel(0, 4000)
    await qian.locator('#article-wait, #article-read').first().waitFor({ timeout: 15_000 })
    if (await qian.locator('#article-wait').count()) {
      expect(await qian.locator('#article-wait').innerText()).toMatch(/^请再阅读 \d+ 秒$/)
      await snap(qian, 'study-article-wait')
    }
    // The page asks again by itself once the 18 seconds have passed.
    await qian.locator('#article-read').waitFor({ timeout: 30_000 })
    expect(await qian.locator('#article-read').innerText()).toMatch(/^已读 ✓ · 阅读用时 \d+ 秒$/)
    await snap(qian, 'study-article-read')

    await qian.locator('#reflection-input textarea').fill('学习纪律处分条例，要把纪律规矩刻印在心，落实到日常工作中。')
    await qian.locator('#reflection-submit').click()
    await qian.locator('#reflection-saved').waitFor()
    await snap(qian, 'study-article-reflection')

    await qian.goto('/#/pages/study/index')
    const again = qian.locator(`#study-required [data-article-id="${articleId}"]`)
    await again.waitFor()
    await expectText(() => again.locator('.study-read-tag').innerText(), '已读')
  })

  it('the statistics show 钱文静 under 已读', async () => {
    await admin.goto(`/#/packages/admin/pages/study-stats/index?id=${encodeURIComponent(articleId)}`)
    await admin.locator('#stats-names').waitFor()
    await admin.locator('#names-read').click()
    await admin.locator('.ss-reader[data-member-name="钱文静"]').waitFor()
    expect(await admin.locator('[data-figure="read"] .ss-figure-value').innerText()).toBe('1')
    await snap(admin, 'study-stats-after')
    await admin.locator('#names-not-read').click()
    await admin.locator('.ss-unread-name', { hasText: '孙浩然' }).waitFor()
    expect(await admin.locator('.ss-unread-name', { hasText: '钱文静' }).count()).toBe(0)

    await admin.goto('/#/packages/admin/pages/study-completion/index')
    await admin.locator('#completion-table').waitFor()
    await snap(admin, 'study-completion')
  })

  it('冯涛 of 预算处党支部 does not see it, not even by its link', async () => {
    const feng = await asPerson(browser, '冯涛')
    await feng.goto('/#/pages/study/index')
    await feng.locator('#study-required .study-req, .study-item').first().waitFor()
    expect(await feng.locator(`[data-article-id="${articleId}"]`).count()).toBe(0)
    expect(await feng.getByText(TITLE).count()).toBe(0)

    await feng.goto(`/#/packages/study/pages/article/index?id=${encodeURIComponent(articleId)}`)
    await feng.locator('.page-state-title', { hasText: '没有找到该资料' }).waitFor()
    await snap(feng, 'study-article-not-found')
  })
})

async function expectText(read: () => Promise<string>, want: string, timeout = 10_000) {
  const until = Date.now() + timeout
  let last = ''
  for (;;) {
    last = await read().catch(() => '')
    if (last === want) return
    if (Date.now() > until) throw new Error(`still "${last}", wanted "${want}"`)
    await new Promise((r) => setTimeout(r, 250))
  }
}
