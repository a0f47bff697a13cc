#!/usr/bin/env node
// `npm run weight:h5`: what a phone downloads for the H5 app — the first load of 首页 as a signed-in member, then
// what each further tab (学习, 活动, 我的) adds — counted on the wire (compressed, as sent) and decoded, from the
// browser's own network events. Uses the current H5 build (dist-h5/) on the built local cloud, Debian's Chromium.
// Writes reports/h5-weight.md and .json. A measurement, not a test: sizes are printed, nothing is asserted.
const fs = require('fs')
const path = require('path')
const { chromium } = require('playwright-core')
const { chromiumOptions } = require('./chromium')
const { startLocalCloudProcess } = require('./local-cloud-process')

const root = path.resolve(__dirname, '..')
const outDir = path.join(root, 'reports')
const label = (process.argv.find((a) => a.startsWith('--label=')) || '--label=current').split('=')[1]

const STEPS = [
  ['首页 (first load)', null],
  ['学习', '/pages/study/index'],
  ['活动', '/pages/activity/index'],
  ['我的', '/pages/me/index'],
]

async function main() {
  if (!fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) throw new Error('dist-h5/ missing: npm run build:h5')
  const { child, url, dataDir } = await startLocalCloudProcess({ prefix: 'weight-cloud-', timeoutMs: 60000 })
  const browser = await chromium.launch(chromiumOptions())
  const rows = []
  try {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const personas = await (await page.request.get(`${url}/dev/personas`)).json()
    const qian = personas.find((p) => p.name === '钱文静')
    await page.request.post(`${url}/dev/session`, { data: { openid: qian.openid } })
    await context.addInitScript(() => localStorage.setItem('privacy-agreed-v1', JSON.stringify({ data: true })))

    // Static files only (the app's code, styles, images): cloud calls are data, not weight.
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    const requests = new Map()
    let current = null
    let lastActivity = Date.now()
    cdp.on('Network.requestWillBeSent', () => (lastActivity = Date.now()))
    cdp.on('Network.responseReceived', (e) => {
      const u = new URL(e.response.url)
      if (u.pathname.startsWith('/cloud/') || u.pathname.startsWith('/dev/') || u.protocol === 'data:') return
      requests.set(e.requestId, {
        step: current,
        path: u.pathname,
        encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '',
      })
    })
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId)
      if (r) r.wire = e.encodedDataLength
      lastActivity = Date.now()
    })
    cdp.on('Network.dataReceived', (e) => {
      const r = requests.get(e.requestId)
      if (r) r.decoded = (r.decoded || 0) + e.dataLength
    })

    for (const [name, route] of STEPS) {
      current = name
      if (!route) {
        await page.goto(`${url}/#/pages/home/index`)
        await page.locator('.home-name').waitFor()
      } else {
        // A tab tap: Taro's H5 tab bar switches in the same document, so only the page's own chunks are new.
        await page.locator('.weui-tabbar__item', { hasText: name }).first().click()
        await page.waitForURL(new RegExp(route.replace(/\//g, '\\/')))
      }
      // A tab switch is a same-document navigation: 'networkidle' has long been reached, so wait for the page's own
      // requests to stop instead (nothing new for 800 ms, at least 1.5 s after the tap).
      const tapped = Date.now()
      while (Date.now() - tapped < 1500 || Date.now() - lastActivity < 800) await page.waitForTimeout(100)
      const mine = [...requests.values()].filter((r) => r.step === name)
      rows.push({
        step: name,
        files: mine.length,
        wire: sum(mine.map((r) => r.wire || 0)),
        decoded: sum(mine.map((r) => r.decoded || 0)),
        compressed: mine.filter((r) => r.encoding).length,
        all: mine.map((r) => [r.path, r.decoded || 0, r.wire || 0]),
        largest: mine
          .sort((a, b) => (b.decoded || 0) - (a.decoded || 0))
          .slice(0, 3)
          .map((r) => `${path.basename(r.path)} ${kib(r.decoded || 0)}`),
      })
    }
  } finally {
    await browser.close()
    child.kill()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  for (const r of rows)
    console.log(
      `${r.step.padEnd(18)} ${String(r.files).padStart(3)} files  on the wire ${kib(r.wire).padStart(10)}  decoded ${kib(r.decoded).padStart(10)}  (${r.compressed} compressed)`,
    )
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(path.join(outDir, `h5-weight-${label}.json`), JSON.stringify(rows, null, 2))
  fs.writeFileSync(
    path.join(outDir, `h5-weight-${label}.md`),
    [
      `# H5 download weight (${label})`,
      '',
      `Written by \`npm run weight:h5\` on ${new Date().toISOString()}: a member opens 首页, then taps 学习, 活动, 我的.`,
      '',
      '| step | files | on the wire | decoded | compressed files | largest |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.step} | ${r.files} | ${kib(r.wire)} | ${kib(r.decoded)} | ${r.compressed} | ${r.largest.join(', ')} |`,
      ),
      '',
    ].join('\n'),
  )
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0)
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
