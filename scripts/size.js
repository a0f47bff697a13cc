#!/usr/bin/env node
// `npm run size`: byte counts of the weapp build (dist/) per package, against the budgets: main package 350 KiB (issue 13: was 450 with 400.6 used),
// each subpackage 600 KiB (WeChat refuses 2 MB; we keep well under so first open stays fast). Prints the figures
// either way; exits 1 when over budget or when there is no weapp build (`npm run build:weapp` first).
const fs = require('fs')
const path = require('path')

const KiB = 1024
const MAIN_BUDGET = 350 * KiB
const SUB_BUDGET = 600 * KiB
// 支部考评 is a subpackage of its own because AntV F2 (its charts) is ~440 KiB of it: 471 KiB when F2 5.14 came in
// (issue 16). Its own, tighter budget, so the chart screen does not quietly grow towards the default.
const BUDGETS = { 'packages/scorecard/': 500 * KiB }
const dist = path.resolve(__dirname, '..', 'dist')
const appJson = path.join(dist, 'app.json')

if (!fs.existsSync(appJson)) {
  console.error('dist/app.json not found: run `npm run build:weapp` first')
  process.exit(1)
}
const app = JSON.parse(fs.readFileSync(appJson, 'utf8'))
const roots = (app.subPackages || app.subpackages || []).map((s) => s.root.replace(/\/$/, '') + '/')
const sizes = { main: 0 }
for (const r of roots) sizes[r] = 0

;(function walk(dir) {
  for (const f of fs.readdirSync(dir)) {
    const p = path.join(dir, f)
    const st = fs.statSync(p)
    if (st.isDirectory()) walk(p)
    else {
      const rel = path.relative(dist, p).split(path.sep).join('/')
      if (rel.endsWith('.map')) continue // source maps are not uploaded
      const root = roots.find((r) => rel.startsWith(r))
      sizes[root || 'main'] += st.size
    }
  }
})(dist)

let over = false
const line = (name, bytes, budget) => {
  const ok = bytes <= budget
  if (!ok) over = true
  console.log(
    `${ok ? 'ok  ' : 'OVER'}  ${name.padEnd(22)} ${(bytes / KiB).toFixed(1).padStart(8)} KiB  / ${(budget / KiB).toFixed(0)} KiB`,
  )
}
line('main package', sizes.main, MAIN_BUDGET)
for (const r of roots) line(r, sizes[r], BUDGETS[r] ?? SUB_BUDGET)
const total = Object.values(sizes).reduce((a, b) => a + b, 0)
console.log(`total ${(total / KiB).toFixed(1)} KiB`)
process.exit(over ? 1 : 0)
