#!/usr/bin/env node
// `npm run lighthouse`: Lighthouse (mobile) on the key H5 pages — 首页, 学习, 活动 — as an ordinary member and as a
// member of the 离退休干部党支部, whose screens open in 长辈模式 (html.elder, src/components/elder-mode.ts). Uses the
// current H5 build (dist-h5/) and the built local cloud on a fresh database, in Debian's Chromium (never a
// downloaded browser). Writes reports/lighthouse/<who>-<page>.html, summary.json and summary.md.
// `--assert` exits 1 when any page's accessibility score is under ACCESSIBILITY_MIN (issues 13 and 16). Performance is
// reported, not asserted: its score comes from timings on a shared 2-core machine.
// `--categories=accessibility` limits the audits (CI runs accessibility only; performance doubles the time);
// `--pages=all` audits more of the member's pages than the three key ones.
const fs = require('fs')
const net = require('net')
const os = require('os')
const path = require('path')
const { chromium } = require('playwright-core')
const http = require('http')
const { emptyTaroBuild } = require('./empty-taro')
const { startLocalCloudProcess } = require('./local-cloud-process')

const root = path.resolve(__dirname, '..')
const outDir = path.join(root, 'reports', 'lighthouse')
const ACCESSIBILITY_MIN = 0.95
const arg = (name) => (process.argv.find((a) => a.startsWith(`--${name}=`)) || '').split('=')[1]
const categories = (arg('categories') || 'accessibility,performance').split(',')
const assert = process.argv.includes('--assert')

// The landing page and the two content tabs (issue 13); `--pages=all` adds the rest a member uses most.
const KEY_PAGES = [
  ['home', '/#/pages/home/index'],
  ['study', '/#/pages/study/index'],
  ['activity', '/#/pages/activity/index'],
]
const MORE_PAGES = [
  ['me', '/#/pages/me/index'],
  ['meeting', '/#/packages/meeting/pages/index'],
  ['meeting-checkin', '/#/packages/meeting/pages/checkin/index'],
  ['activity-checkin', '/#/packages/activity/pages/checkin/index'],
  ['quiz', '/#/packages/quiz/pages/index'],
]
const PAGES = arg('pages') === 'all' ? [...KEY_PAGES, ...MORE_PAGES] : KEY_PAGES
// 钱文静: an ordinary member of 办公室党支部. 杨桂兰: 离退休干部党支部, so whoami's elderDefault turns 长辈模式 on.
const PEOPLE = [
  ['normal', '钱文静'],
  ['elder', '杨桂兰'],
]

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** Serves a built H5 folder the way the local gateway does (emulator/static-h5.ts: precompressed, cache headers). */
async function serveStatic(dir) {
  const outfile = path.join(root, 'build', 'scripts', 'static-h5.js')
  require('esbuild').buildSync({
    entryPoints: [path.join(root, 'emulator', 'static-h5.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  })
  const { serveH5 } = require(outfile)
  const server = http.createServer((req, res) => serveH5(req, res, dir, new URL(req.url, 'http://x').pathname))
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }
}

async function main() {
  if (!fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) throw new Error('dist-h5/ missing: npm run build:h5')
  const { default: lighthouse } = await import('lighthouse')
  const { child, url, dataDir } = await startLocalCloudProcess({ prefix: 'lighthouse-cloud-', timeoutMs: 60000 })
  const port = await freePort()
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lighthouse-profile-'))
  // A persistent context is the browser's default one, which the tab Lighthouse opens shares: the session cookie and
  // the stored privacy consent set here are what its page load sees (disableStorageReset keeps them).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--remote-debugging-port=${port}`,
    ],
  })
  fs.mkdirSync(outDir, { recursive: true })
  const results = []
  // Performance is read beside an empty Taro app measured in the same run, on the same machine and load.
  const baseline = categories.includes('performance') ? await serveStatic(emptyTaroBuild()) : null
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    const personas = await (await page.request.get(`${url}/dev/personas`)).json()
    const cdp = await context.newCDPSession(page)
    for (const [mode, name] of PEOPLE) {
      const persona = personas.find((p) => p.name === name)
      if (!persona) throw new Error(`no demo persona ${name}`)
      await page.request.post(`${url}/dev/session`, { data: { openid: persona.openid } })
      await page.goto(`${url}/#/pages/home/index`)
      await page.evaluate(() => localStorage.setItem('privacy-agreed-v1', JSON.stringify({ data: true })))
      await page.reload()
      await page.locator('.home-name').waitFor()
      // The measurement in 长辈模式 means nothing unless the root class is really on (and off for the other person).
      const elder = await page.evaluate(() => document.documentElement.classList.contains('elder'))
      if (elder !== (mode === 'elder'))
        throw new Error(`${name}: 长辈模式 is ${elder ? 'on' : 'off'}, expected ${mode}`)
      for (const [key, route] of PAGES) {
        results.push(await audit(lighthouse, port, cdp, `${url}${route}`, mode, key, name))
      }
    }
    if (baseline)
      results.push(
        await audit(lighthouse, port, cdp, `${baseline.url}/`, 'baseline', 'empty-taro', '（空白 Taro 应用）'),
      )
  } finally {
    baseline?.close()
    await context.close()
    child.kill()
    fs.rmSync(profile, { recursive: true, force: true })
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  writeSummary(results)
  const low = results.filter(
    (r) => r.mode !== 'baseline' && r.accessibility !== null && r.accessibility < ACCESSIBILITY_MIN,
  )
  if (assert && low.length) {
    console.error(
      `Lighthouse accessibility under ${ACCESSIBILITY_MIN}: ${low.map((r) => `${r.mode} ${r.page} ${r.accessibility}`).join('; ')}`,
    )
    process.exit(1)
  }
}

/** One Lighthouse run on `target` (a first visit: storage kept, HTTP cache cleared); writes its reports, returns its row. */
async function audit(lighthouse, port, cdp, target, mode, key, name) {
  // Storage is kept (disableStorageReset: the session and the consent), the HTTP cache is not — the code an earlier
  // page loaded is cached for a year and would make every load look free.
  await cdp.send('Network.clearBrowserCache')
  const runner = await lighthouse(
    target,
    {
      port,
      output: ['json', 'html'],
      logLevel: 'error',
      onlyCategories: categories,
      disableStorageReset: true,
      formFactor: 'mobile',
    },
    undefined,
  )
  const lhr = runner.lhr
  const [json, html] = runner.report
  const file = `${mode}-${key}`
  fs.writeFileSync(path.join(outDir, `${file}.json`), json)
  fs.writeFileSync(path.join(outDir, `${file}.html`), html)
  // What a person would fix: every failed accessibility audit with the elements it names.
  const failed = (lhr.categories.accessibility?.auditRefs ?? [])
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => ({
      id: a.id,
      title: a.title,
      items: (a.details?.items ?? []).slice(0, 6).map((i) => i.node?.snippet ?? i.node?.selector ?? ''),
    }))
  const row = {
    page: key,
    mode,
    person: name,
    url: lhr.finalDisplayedUrl,
    accessibility: lhr.categories.accessibility?.score ?? null,
    performance: lhr.categories.performance?.score ?? null,
    bytes: lhr.audits['total-byte-weight']?.numericValue ?? null,
    tbt: lhr.audits['total-blocking-time']?.numericValue ?? null,
    lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? null,
    failed,
  }
  console.log(
    `${mode.padEnd(8)} ${key.padEnd(16)} accessibility ${fmt(row.accessibility)}  performance ${fmt(row.performance)}` +
      (failed.length ? `  failing: ${failed.map((f) => f.id).join(', ')}` : ''),
  )
  return row
}

const fmt = (s) => (s === null ? '  – ' : s.toFixed(2))

const ms = (v) => (v === null || v === undefined ? '–' : `${Math.round(v)} ms`)

function writeSummary(results) {
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(results, null, 2))
  const lines = [
    '# Lighthouse (mobile) on the H5 build',
    '',
    `Written by \`npm run lighthouse\` on ${new Date().toISOString()}. Accessibility must be ≥ ${ACCESSIBILITY_MIN}` +
      ' (asserted in CI); performance is a measurement on this machine, not asserted, read beside an empty Taro app' +
      ' (one page, one line of text, same Taro/React/webpack) loaded in the same run: the baseline row.',
    '',
    '| mode | page | accessibility | performance | LCP | TBT | bytes | failing audits |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.mode} | ${r.page} | ${fmt(r.accessibility)} | ${fmt(r.performance)} | ${ms(r.lcp)} | ${ms(r.tbt)} | ${r.bytes === null ? '–' : Math.round(r.bytes / 1024) + ' KiB'} | ${r.failed.map((f) => f.id).join(', ') || '–'} |`,
    ),
    '',
  ]
  fs.writeFileSync(path.join(outDir, 'summary.md'), lines.join('\n'))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
