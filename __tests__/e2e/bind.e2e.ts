import type { Browser } from 'playwright-core'
import { ERRORS } from '../../src/contract/errors'
import { input, launch, phonePage, shot, signInAs } from './browser'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser.close()
})

describe('a new member binds their WeChat identity', () => {
  it('dev sign-in → bind (agreeing to the privacy guide) → the home page shows their branch and role', async () => {
    const page = await phonePage(browser, { privacyAgreed: false })
    await signInAs(page, '周明')
    // Not bound yet: the app sends them to the bind page.
    await page.waitForURL(/pages\/bind\/index/)
    await shot(page, 'bind-empty')
    await input(page, 'bind-name').fill('周明')
    await input(page, 'bind-phone-tail').fill('1022')
    await page.locator('#bind-submit').click()
    // First time: the consent sheet, with the guide one tap away; nothing is sent before 同意.
    const sheet = page.locator('#privacy-sheet')
    await sheet.waitFor()
    expect(await sheet.innerText()).toContain('《机关党建隐私保护指引》')
    await shot(page, 'bind-privacy-sheet')
    await page.locator('#privacy-open-guide').click()
    await page.waitForURL(/packages\/privacy\/pages\/index/)
    await page.locator('#privacy-page').waitFor()
    // Taro H5 slides the new page in: shoot once it has arrived.
    await page.waitForFunction(() => document.querySelector('#privacy-page')?.getBoundingClientRect().left === 0)
    expect(await page.locator('#privacy-page').innerText()).toContain('姓名、手机号后四位')
    await shot(page, 'privacy-page')
    await page.goBack()
    await page.waitForURL(/pages\/bind\/index/)
    await page.locator('#privacy-agree').click()
    await page.waitForURL(/pages\/home\/index/)
    await page.locator('.home-branch').waitFor()
    expect(await page.locator('.home-name').innerText()).toBe('周明')
    expect(await page.locator('.home-branch').innerText()).toBe('办公室党支部')
    expect(await page.locator('.home-role').innerText()).toBe('党员')
    await shot(page, 'home-after-bind')
  })

  it('a wrong phone tail shows the Chinese error on the bind page', async () => {
    const page = await phonePage(browser)
    await signInAs(page, '吴磊')
    await page.waitForURL(/pages\/bind\/index/)
    await input(page, 'bind-name').fill('吴磊')
    await input(page, 'bind-phone-tail').fill('0000')
    await page.locator('#bind-submit').click()
    const error = page.locator('.form-error')
    await error.waitFor()
    expect(await error.innerText()).toContain(ERRORS.BIND_NO_MATCH)
    await shot(page, 'bind-error')
    // Still on the bind page, still unbound.
    expect(page.url()).toMatch(/pages\/bind\/index/)
  })

  it('a bound member goes straight to the home page', async () => {
    const page = await phonePage(browser)
    await signInAs(page, '王志强')
    await page.waitForURL(/pages\/home\/index/)
    await page.locator('.home-branch').waitFor()
    expect(await page.locator('.home-branch').innerText()).toBe('预算处党支部')
    expect(await page.locator('.home-role').innerText()).toBe('支部管理员')
  })
})
