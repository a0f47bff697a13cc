#!/usr/bin/env node
// `npm run lighthouse`: Lighthouse (mobile) on the key H5 pages — 首页, 学习, 活动 — as an ordinary member and as a
// member of the 离退休干部党支部, whose screens open in 长辈模式 (html.elder, src/components/elder-mode.ts). Uses the
// current H5 build (dist-h5/) and the built local cloud on a fresh database, in Debian's Chromium (never a
// downloaded browser). Writes reports/lighthouse/<who>-<page>.html (the median run's), summary.json and summary.md.
// Every page is read beside an empty Taro app (scripts/empty-taro.js) loaded in the same rounds, on the same machine
// and load: a low score that the empty app shares is the machine's, not the page's.
// `--runs=N` (default 3 when performance is measured, else 1): N rounds over every page and the empty app; a page's
// figures are the median round's (by performance score). One Lighthouse run on a shared 2-core machine moves by
// ±0.1; the median of three moves far less.
// `--assert` exits 1 when any page's accessibility is under ACCESSIBILITY_MIN, or (when performance is measured) its
// median performance is under PERFORMANCE_MIN (issue 13).
// `--compare=DIR` also audits another H5 build (e.g. a copy of main's dist-h5/) in the same rounds, on the same local
// cloud (its calls are passed through): a change read against the build before it under one load, as rows `<mode>~`.
// `--categories=accessibility` limits the audits; `--pages=all` audits more of the member's pages than the three key
// ones; `--people=normal` (or elder) audits one of the two people only (for iterating; CI audits both).
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
const PERFORMANCE_MIN = 0.95
const arg = (name) => (process.argv.find((a) => a.startsWith(`--${name}=`)) || '').split('=')[1]
const categories = (arg('categories') || 'accessibility,performance').split(',')
const assert = process.argv.includes('--assert')
const runs = Number(arg('runs') || (categories.includes('performance') ? 3 : 1))
const compareDir = arg('compare') ? path.resolve(arg('compare')) : null

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
].filter(([mode]) => !arg('people') || arg('people').split(',').includes(mode))

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

/**
 * Serves a built H5 folder the way the local gateway does (emulator/static-h5.ts: precompressed, cache headers).
 * `cloud`: the local cloud's address, to which its calls (/cloud/, /dev/) are passed through unchanged.
 */
async function serveStatic(dir, cloud) {
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
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname
    if (cloud && (pathname.startsWith('/cloud/') || pathname.startsWith('/dev/'))) {
      const target = new URL(cloud)
      const { method, headers } = req
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: req.url, method, headers },
        (up) => {
          res.writeHead(up.statusCode, up.headers)
          up.pipe(res)
        },
      )
      upstream.on('error', () => res.destroy())
      return req.pipe(upstream)
    }
    serveH5(req, res, dir, pathname)
  })
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
  const rounds = []
  const load = { before: os.loadavg(), after: null }
  // Performance is read beside an empty Taro app measured in the same rounds, on the same machine and load.
  const baseline = categories.includes('performance') ? await serveStatic(emptyTaroBuild()) : null
  if (compareDir && !fs.existsSync(path.join(compareDir, 'index.html'))) throw new Error(`${compareDir}: no index.html`)
  const compare = compareDir ? await serveStatic(compareDir, url) : null
  // The app as built now, and the build it is compared with; each origin keeps its own storage (consent, hint).
  const builds = [['', url], ...(compare ? [['~', compare.url]] : [])]
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    const personas = await (await page.request.get(`${url}/dev/personas`)).json()
    const cdp = await context.newCDPSession(page)
    for (let round = 1; round <= runs; round++) {
      if (runs > 1) console.log(`— 第 ${round}/${runs} 轮`)
      for (const [mode, name] of PEOPLE) {
        const persona = personas.find((p) => p.name === name)
        if (!persona) throw new Error(`no demo persona ${name}`)
        await page.request.post(`${url}/dev/session`, { data: { openid: persona.openid } })
        for (const [suffix, origin] of builds) {
          await page.goto(`${origin}/#/pages/home/index`)
          await page.evaluate(() => localStorage.setItem('privacy-agreed-v1', JSON.stringify({ data: true })))
          await page.reload()
          await page.locator('.home-name').waitFor()
          // The measurement in 长辈模式 means nothing unless the root class is really on (and off for the other).
          const elder = await page.evaluate(() => document.documentElement.classList.contains('elder'))
          if (elder !== (mode === 'elder'))
            throw new Error(`${name}: 长辈模式 is ${elder ? 'on' : 'off'}, expected ${mode}`)
          for (const [key, route] of PAGES) {
            rounds.push(await audit(lighthouse, port, cdp, `${origin}${route}`, mode + suffix, key, name, round))
          }
        }
      }
      if (baseline)
        rounds.push(
          await audit(lighthouse, port, cdp, `${baseline.url}/`, 'baseline', 'empty-taro', '（空白 Taro 应用）', round),
        )
    }
  } finally {
    baseline?.close()
    compare?.close()
    await context.close()
    child.kill()
    fs.rmSync(profile, { recursive: true, force: true })
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  load.after = os.loadavg()
  const results = medians(rounds)
  writeSummary(results, load)
  const failures = []
  for (const r of results) {
    if (r.mode === 'baseline' || r.mode.endsWith('~')) continue
    if (r.accessibility !== null && r.accessibility < ACCESSIBILITY_MIN)
      failures.push(`${r.mode} ${r.page} accessibility ${fmt(r.accessibility)} < ${ACCESSIBILITY_MIN}`)
    if (r.performance !== null && r.performance < PERFORMANCE_MIN)
      failures.push(
        `${r.mode} ${r.page} performance ${fmt(r.performance)} (median of ${r.runs.length}) < ${PERFORMANCE_MIN}`,
      )
  }
  if (assert && failures.length) {
    const base = results.find((r) => r.mode === 'baseline')
    console.error(`Lighthouse: ${failures.join('; ')}`)
    if (base)
      console.error(`(empty Taro app in the same rounds: performance ${fmt(base.performance)}; load ${fmtLoad(load)})`)
    process.exit(1)
  }
}

/** One row per page and person: the median round's figures (by performance score, else the first), all scores kept. */
function medians(rounds) {
  const groups = new Map()
  for (const r of rounds) {
    const key = `${r.mode}/${r.page}`
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key).push(r)
  }
  return [...groups.values()].map((runsOfPage) => {
    const sorted = [...runsOfPage].sort((a, b) => (a.performance ?? 0) - (b.performance ?? 0))
    const median = sorted[Math.floor((sorted.length - 1) / 2)]
    // The median run's reports become the page's (<mode>-<page>.json/html), the others stay as -r<N>.
    for (const suffix of ['json', 'html'])
      fs.copyFileSync(
        path.join(outDir, `${median.file}.${suffix}`),
        path.join(outDir, `${median.mode}-${median.page}.${suffix}`),
      )
    return {
      ...median,
      runs: runsOfPage.map((r) => ({ round: r.round, performance: r.performance, benchmark: r.benchmark })),
    }
  })
}

/** One Lighthouse run on `target` (a first visit: storage kept, HTTP cache cleared); writes its reports, returns its row. */
async function audit(lighthouse, port, cdp, target, mode, key, name, round) {
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
  const file = `${mode}-${key}-r${round}`
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
  const metric = (id) => lhr.audits[id]?.numericValue ?? null
  const lcpPhases = (lhr.audits['largest-contentful-paint-element']?.details?.items ?? [])[1]?.items ?? []
  const row = {
    page: key,
    mode,
    person: name,
    round,
    file,
    url: lhr.finalDisplayedUrl,
    accessibility: lhr.categories.accessibility?.score ?? null,
    performance: lhr.categories.performance?.score ?? null,
    // Lighthouse's own reading of how fast this machine was during the run (higher is faster; ~1000+ is a desktop).
    benchmark: lhr.environment?.benchmarkIndex ?? null,
    bytes: metric('total-byte-weight'),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    lcpRenderDelay: lcpPhases.find((p) => p.phase === 'Render Delay')?.timing ?? null,
    failed,
  }
  console.log(
    `${mode.padEnd(8)} ${key.padEnd(16)} accessibility ${fmt(row.accessibility)}  performance ${fmt(row.performance)}` +
      (row.performance !== null
        ? `  (FCP ${ms(row.fcp)}, LCP ${ms(row.lcp)}, TBT ${ms(row.tbt)}, CLS ${row.cls?.toFixed(3)})`
        : '') +
      (failed.length ? `  failing: ${failed.map((f) => f.id).join(', ')}` : ''),
  )
  return row
}

const fmt = (s) => (s === null ? '  – ' : s.toFixed(2))

const ms = (v) => (v === null || v === undefined ? '–' : `${Math.round(v)} ms`)

const fmtLoad = (load) =>
  `load average ${load.before.map((v) => v.toFixed(2)).join(' ')} before, ${load.after.map((v) => v.toFixed(2)).join(' ')} after (${os.cpus().length} cores)`

function writeSummary(results, load) {
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify({ load, results }, null, 2))
  const rounds = Math.max(...results.map((r) => r.runs.length))
  const lines = [
    '# Lighthouse (mobile) on the H5 build',
    '',
    `Written by \`npm run lighthouse\` on ${new Date().toISOString()}; ${fmtLoad(load)}. ` +
      `Each row is the median of ${rounds} round${rounds > 1 ? 's' : ''} (by performance score; every round's score in the last column). ` +
      `Accessibility must be ≥ ${ACCESSIBILITY_MIN} and performance ≥ ${PERFORMANCE_MIN} (\`--assert\`). ` +
      'The baseline row is an empty Taro app (one page, one line of text, same Taro/React/webpack) loaded in the same rounds: ' +
      'what the machine and Taro alone score. ' +
      (compareDir
        ? `Rows marked \`~\` are another build (${path.relative(root, compareDir)}) audited in the same rounds, for comparison. `
        : '') +
      'Lighthouse simulates a mid-range phone on a slow 4G network (150 ms round trips, ' +
      '1.6 Mbps, CPU 4× slower); "bench" is its reading of the machine\'s speed during the run (higher is faster).',
    '',
    '| mode | page | accessibility | performance | FCP | LCP | LCP render delay | TBT | CLS | bytes | rounds (performance / bench) | failing audits |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.mode} | ${r.page} | ${fmt(r.accessibility)} | ${fmt(r.performance)} | ${ms(r.fcp)} | ${ms(r.lcp)} | ${ms(r.lcpRenderDelay)} | ${ms(r.tbt)} | ${r.cls === null ? '–' : r.cls.toFixed(3)} | ${r.bytes === null ? '–' : Math.round(r.bytes / 1024) + ' KiB'} | ${r.runs.map((x) => `${fmt(x.performance)} / ${x.benchmark === null ? '–' : Math.round(x.benchmark)}`).join(', ')} | ${r.failed.map((f) => f.id).join(', ') || '–'} |`,
    ),
    '',
  ]
  fs.writeFileSync(path.join(outDir, 'summary.md'), lines.join('\n'))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
