import fs from 'fs'
import path from 'path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { chromiumOptions } from '../../scripts/chromium'

/**
 * Debian's Chromium, headless, with the flags this machine's closed network needs. Never a downloaded browser.
 * `extraArgs`: e.g. a fake camera playing a video file (member-day.e2e).
 */
export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(chromiumOptions(extraArgs))
}

/**
 * A fresh phone-sized page (its own cookies) on the local cloud. The person has agreed to the privacy guide before
 * (as everyone who used the app once has) unless `privacyAgreed: false`: bind.e2e walks through the consent sheet.
 */
export async function phonePage(browser: Browser, opts: { privacyAgreed?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    baseURL: baseUrl(),
  })
  if (opts.privacyAgreed !== false) {
    // Taro H5 keeps storage as JSON {data}: what Taro.setStorageSync('privacy-agreed-v1', true) writes.
    await context.addInitScript(() => localStorage.setItem('privacy-agreed-v1', JSON.stringify({ data: true })))
  }
  return context.newPage()
}

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL
  if (!url) throw new Error('E2E_BASE_URL not set: run through npm run test:e2e')
  return url
}

/** Saves a screenshot under reports/e2e/ for a person to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = path.resolve(__dirname, '..', '..', 'reports', 'e2e')
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`) })
}

/**
 * The real <input> of a Taro <Input id="x">: the H5 build renders plain elements (`h5.useHtmlComponents`), so it is
 * `input#x`; Taro's web-component build wrapped it in a custom element carrying the id (`#x input`).
 */
export function input(page: Page, id: string) {
  return page.locator(`#${id} input, input#${id}`).first()
}

/** Signs in on the dev sign-in page as the demo persona with this name. */
export async function signInAs(page: Page, name: string): Promise<void> {
  await page.goto('/#/packages/dev/pages/sign-in/index')
  await page.locator('.persona', { hasText: name }).first().click()
}

/**
 * Calls the local cloud as the person signed in on `page` (their session cookie), through the same gateway and rules
 * as the app: for setting a scene a journey does not walk through on screen.
 */
export async function callAs<T>(page: Page, fn: string, action: string, inputValue: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([f, body]) =>
      (
        await fetch(`/cloud/functions/${f}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      ).json(),
    [fn, JSON.stringify({ action, input: inputValue })] as const,
  )
  if (!res.ok) throw new Error(`${fn}.${action}: ${res.error.code} ${res.error.message}`)
  return res.data as T
}

/** Signs `name` in on a fresh phone page and waits for 首页 to greet her. */
export async function asPerson(browser: Browser, name: string): Promise<Page> {
  const page = await phonePage(browser)
  await signInAs(page, name)
  await page.waitForURL(/pages\/home\/index/)
  await page.locator('.home-name').waitFor()
  return page
}

/** A screenshot once the screen's transitions (a toast, a modal's fade) have run. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(450)
  await shot(page, name)
}

/**
 * Confirms the Taro modal on screen: checks it says `text`, keeps a screenshot of it (`<shotPrefix>-<its title>`),
 * taps 确定 and waits for it to go.
 */
export async function confirmModal(page: Page, text?: string, shotPrefix = 'modal'): Promise<void> {
  const modal = page.locator('.taro__modal .taro-modal__content').filter({ visible: true })
  await modal.waitFor()
  if (text) expect(await modal.locator('.taro-modal__text').innerText()).toContain(text)
  await snap(page, `${shotPrefix}-${(await modal.locator('.taro-modal__title').innerText()) || 'confirm'}`)
  await modal.locator('.taro-model__confirm').click()
  await modal.waitFor({ state: 'hidden' })
}

/** Polls `read` until it returns what `want` accepts (or equals it); fails with the last value after `timeout`. */
export async function eventually<T>(
  read: () => Promise<T>,
  want: T | ((v: T) => boolean),
  timeout = 10_000,
): Promise<T> {
  const ok = typeof want === 'function' ? (want as (v: T) => boolean) : (v: T) => v === want
  const until = Date.now() + timeout
  let last: T | undefined
  for (;;) {
    try {
      last = await read()
      if (ok(last)) return last
    } catch {
      // Not on the page yet.
    }
    if (Date.now() > until) throw new Error(`still ${JSON.stringify(last)} after ${timeout} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
}
