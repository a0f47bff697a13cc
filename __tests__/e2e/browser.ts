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

/** Taro H5 renders <Input id="x"> as a custom element around a real <input>; this reaches the real one. */
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
