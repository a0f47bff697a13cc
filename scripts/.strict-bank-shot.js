// One-off (not committed): the bank-import screen while a large file is being written, at 375×812.
const path = require('path')
const { chromium } = require('playwright-core')
const ExcelJS = require('exceljs')
const { startLocalCloudProcess } = require('./local-cloud-process')

async function main() {
  const { child, url } = await startLocalCloudProcess({ prefix: 'strict-shot-', timeoutMs: 60000 })
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  try {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, locale: 'zh-CN', baseURL: url })
    const page = await context.newPage()
    await page.goto('/#/packages/dev/pages/sign-in/index')
    await page.locator('.persona', { hasText: '陈建国' }).first().click()
    await page.waitForTimeout(1200)
    // The real cloud answers the first call; the screen is held on a `writing` answer so the line can be seen.
    let n = 0
    let release
    const hold = new Promise((r) => (release = r))
    await page.route('**/cloud/functions/quiz', async (route) => {
      const body = JSON.parse(route.request().postData() || '{}')
      if (body.action !== 'importBank') return route.continue()
      n++
      if (n === 1) {
        const real = await route.fetch()
        const env = await real.json()
        console.log('real answer', JSON.stringify(env).slice(0, 200))
        const data = { ...env.data, stage: 'writing', progress: { written: 120, total: env.data.created } }
        return route.fulfill({ json: { ok: true, data } })
      }
      await hold
      return route.continue()
    })
    await page.goto('/#/packages/admin/pages/bank-import/index')
    await page.waitForTimeout(1200)
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('题库')
    ws.addRow(['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '分类'])
    for (let i = 0; i < 300; i++) ws.addRow(['单选', `截图题${i}（  ）`, '甲', '乙', '丙', '丁', 'A', `解析${i}`, '党章'])
    const buf = Buffer.from(await wb.xlsx.writeBuffer())
    await page.locator('#bank-file').setInputFiles({ name: '题库.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: buf })
    await page.locator('#bank-import-progress').waitFor({ timeout: 30000 })
    await page.waitForTimeout(500)
    await page.screenshot({ path: '/tmp/strict-shots/bank-import-writing.png' })
    release()
    await page.locator('#bank-import-result').waitFor({ timeout: 30000 })
    await page.waitForTimeout(500)
    await page.screenshot({ path: '/tmp/strict-shots/bank-import-done.png' })
    console.log('calls', n)
  } finally {
    await browser.close()
    child.kill()
  }
}
main().catch((e) => {
  console.error(e)
  process.exit(1)
})
