#!/usr/bin/env node
// `npm run screens`: signs in as each demo role on a fresh local cloud and writes a 375×812 screenshot of every
// screen it can reach to reports/screens/<role>/<screen>.png (not committed). Uses the current H5 build (dist-h5/,
// `npm run build:h5` first) and the built local cloud (`npm run build:functions`). Debian's Chromium only.
// `node scripts/screens.js --only=study,activity` limits the screens; `--roles=党员` the roles; `--elder` takes every
// role's screens in 长辈模式 (the member's own switch, as 我的 sets it) into reports/screens/<role>-长辈模式/.
const fs = require('fs')
const path = require('path')
const { chromium } = require('playwright-core')
const { startLocalCloudProcess } = require('./local-cloud-process')
const { chromiumOptions } = require('./chromium')

const root = path.resolve(__dirname, '..')
const outDir = path.join(root, 'reports', 'screens')
const arg = (name) => (process.argv.find((a) => a.startsWith(`--${name}=`)) || '').split('=')[1]
const only = arg('only') ? arg('only').split(',') : null
const roleFilter = arg('roles') ? arg('roles').split(',') : null
const elder = process.argv.includes('--elder')

// Screens without parameters, then detail screens reached by tapping the first card of a list.
const SCREENS = [
  ['home', '/pages/home/index'],
  ['study', '/pages/study/index'],
  ['activity', '/pages/activity/index'],
  ['me', '/pages/me/index'],
  ['bind', '/packages/member/pages/bind/index'],
  ['meeting', '/packages/meeting/pages/index'],
  ['meeting-history', '/packages/meeting/pages/history/index'],
  ['meeting-checkin', '/packages/meeting/pages/checkin/index'],
  ['quiz', '/packages/quiz/pages/index'],
  ['quiz-practice', '/packages/quiz/pages/practice/index'],
  ['quiz-wrong-book', '/packages/quiz/pages/wrong-book/index'],
  ['activity-hours', '/packages/activity/pages/hours/index'],
  ['activity-checkin', '/packages/activity/pages/checkin/index'],
  ['admin', '/packages/admin/pages/index'],
  ['admin-meetings', '/packages/admin/pages/meetings/index'],
  ['admin-leaves', '/packages/admin/pages/leaves/index'],
  ['admin-quizzes', '/packages/admin/pages/quizzes/index'],
  ['admin-activities', '/packages/admin/pages/activities/index'],
  ['admin-study', '/packages/admin/pages/study-articles/index'],
  ['admin-roster', '/packages/admin/pages/roster/index'],
  ['admin-review', '/packages/admin/pages/review/index'],
  ['admin-org', '/packages/admin/pages/org/index'],
  ['admin-attendance-stats', '/packages/admin/pages/attendance-stats/index'],
  // 阅读统计 of the demo's first required article (readers, 学习心得 and their export).
  ['admin-study-stats', '/packages/admin/pages/study-stats/index?id=ar_demo_01'],
  ['admin-compliance', '/packages/admin/pages/compliance/index'],
  ['admin-talks', '/packages/admin/pages/talks/index'],
  ['admin-record-completeness', '/packages/admin/pages/record-completeness/index'],
  ['scorecard', '/packages/scorecard/pages/index'],
  // 补学 of the demo's 第四季度支部党员大会 (one on leave, the rest of the branch absent or there).
  ['admin-makeups', '/packages/admin/pages/makeups/index?id=mt_demo_assembly'],
  ['admin-bank', '/packages/admin/pages/bank/index'],
  ['admin-import', '/packages/admin/pages/import/index'],
  ['admin-bank-import', '/packages/admin/pages/bank-import/index'],
  ['admin-quiz-edit', '/packages/admin/pages/quiz-edit/index'],
  // 测试实时情况 of the demo's 七一 test (its 导出成绩 / 编辑测试 are NutUI's secondary buttons).
  ['admin-quiz-live', '/packages/admin/pages/quiz-live/index?id=qz_demo_qiyi'],
  ['admin-meeting-edit', '/packages/admin/pages/meeting-edit/index'],
  ['admin-study-completion', '/packages/admin/pages/study-completion/index'],
]
const DETAILS = [
  ['study-article', '/pages/study/index', '[data-article-id]'],
  ['activity-detail', '/pages/activity/index', '[data-activity-id]'],
  ['meeting-detail', '/packages/meeting/pages/index', '[data-meeting-id]'],
  ['admin-member', '/packages/admin/pages/roster/index', '[data-member-id]'],
  ['admin-question-edit', '/packages/admin/pages/bank/index', '[data-question-id]'],
]

async function startCloud() {
  const { child, url, dataDir } = await startLocalCloudProcess({ prefix: 'screens-cloud-', timeoutMs: 60000 })
  return { url, stop: () => child.kill(), dataDir }
}

const settle = (page) => page.waitForTimeout(900)

async function main() {
  if (!fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) throw new Error('dist-h5/ missing: npm run build:h5')
  const cloud = await startCloud()
  // Native date and time fields are drawn by the browser in its own language: Debian's headless Chromium shows them in
  // English (12/02/2026, 03:00 PM) whatever --lang or LANG say; on a member's phone they follow the phone's language.
  const browser = await chromium.launch(chromiumOptions())
  try {
    const all = await (await fetch(cloud.url + '/dev/personas')).json()
    // One persona per role, plus one not yet bound (the seed lists bound members first, by role).
    const personas = []
    const seen = new Set()
    for (const p of all) {
      const kind = p.bound ? p.roleLabel : p.pending ? '待审核' : '未绑定'
      if (seen.has(kind)) continue
      seen.add(kind)
      personas.push({ ...p, roleLabel: kind })
    }
    // A member of the 离退休干部党支部: she starts in 长辈模式 (issue 16), so her screens show that mode.
    const retiree = all.find((p) => p.bound && p.branchName.includes('离退休') && p.roleLabel === '党员')
    if (retiree) personas.push({ ...retiree, roleLabel: '离退休党员-长辈模式' })
    let n = 0
    for (const p of personas) {
      if (roleFilter && !roleFilter.some((r) => p.roleLabel.includes(r) || p.name.includes(r))) continue
      const label = elder && !p.roleLabel.includes('长辈模式') ? `${p.roleLabel}-长辈模式` : p.roleLabel
      const dir = path.join(outDir, `${label}-${p.name}`.replace(/[\\/:*?"<>| ]/g, '_'))
      fs.mkdirSync(dir, { recursive: true })
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 1,
        locale: 'zh-CN',
        baseURL: cloud.url,
      })
      // The member's own choice, stored as Taro's H5 setStorageSync stores it (src/components/elder-mode.ts).
      if (elder) await context.addInitScript(() => localStorage.setItem('elder-mode', JSON.stringify({ data: 'on' })))
      const page = await context.newPage()
      await page.goto('/#/packages/dev/pages/sign-in/index')
      await page.locator('.persona', { hasText: p.name }).first().click()
      await settle(page)
      for (const [name, route] of SCREENS) {
        if (only && !only.includes(name)) continue
        await page.goto(`/#${route}`)
        await settle(page)
        await page.screenshot({ path: path.join(dir, `${name}.png`) })
        n++
      }
      for (const [name, route, card] of DETAILS) {
        if (only && !only.includes(name)) continue
        await page.goto(`/#${route}`)
        await settle(page)
        const first = page.locator(card).first()
        if (!(await first.count())) continue
        await first.click()
        await settle(page)
        await page.screenshot({ path: path.join(dir, `${name}.png`) })
        n++
      }
      await context.close()
    }
    console.log(`${n} screenshots in ${path.relative(root, outDir)}/`)
  } finally {
    await browser.close()
    cloud.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
