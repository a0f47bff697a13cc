#!/usr/bin/env node
// Prints the README's database-requests-per-call table from src/contract/budget.ts; --write updates README.md.
const esbuild = require('esbuild')
const path = require('path')

const out = esbuild.buildSync({
  entryPoints: [path.join(__dirname, '..', 'src', 'contract', 'budget-table.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
})
const mod = { exports: {} }
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require)
const table = [...mod.exports.BUDGET_TABLE_HEAD, ...mod.exports.budgetTableRows()].join('\n')
if (process.argv.includes('--write')) {
  // Replaces the table between the markers in README.md.
  const fs = require('fs')
  const readme = path.join(__dirname, '..', 'README.md')
  const text = fs.readFileSync(readme, 'utf8')
  const next = text.replace(
    /<!-- budget-table:start -->[\s\S]*<!-- budget-table:end -->/,
    `<!-- budget-table:start -->\n${table}\n<!-- budget-table:end -->`,
  )
  fs.writeFileSync(readme, next)
  console.log('README.md budget table updated')
} else console.log(table)
