#!/usr/bin/env node
// Prints the README's function → action → access table from the contract (src/contract); --write updates README.md.
const esbuild = require('esbuild')
const path = require('path')

const out = esbuild.buildSync({
  entryPoints: [path.join(__dirname, '..', 'src', 'contract', 'access-table.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
})
const mod = { exports: {} }
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require)
const table = [
  '| 云函数 | action | 谁可以调用 | 做什么 |',
  '| --- | --- | --- | --- |',
  ...mod.exports.accessTableRows(),
].join('\n')
if (process.argv.includes('--write')) {
  // Replaces the table between the markers in README.md.
  const fs = require('fs')
  const readme = path.join(__dirname, '..', 'README.md')
  const text = fs.readFileSync(readme, 'utf8')
  const next = text.replace(
    /<!-- access-table:start -->[\s\S]*<!-- access-table:end -->/,
    `<!-- access-table:start -->\n${table}\n<!-- access-table:end -->`,
  )
  fs.writeFileSync(readme, next)
  console.log('README.md access table updated')
} else console.log(table)
