#!/usr/bin/env node
// Runs a TypeScript benchmark from __tests__/bench/: bundles it with esbuild (packages external, so it shares
// better-sqlite3, mingo and @cloudbase/database with the emulator) into build/bench/ and runs it with node.
// Usage: node scripts/bench-run.js __tests__/bench/<name>.ts [args…]
const esbuild = require('esbuild')
const { spawnSync } = require('child_process')
const path = require('path')

const root = path.resolve(__dirname, '..')
const [entry, ...args] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/bench-run.js __tests__/bench/<name>.ts [args…]')
  process.exit(2)
}
const outfile = path.join(root, 'build', 'bench', path.basename(entry).replace(/\.ts$/, '.js'))
esbuild.buildSync({
  entryPoints: [path.resolve(root, entry)],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  tsconfig: path.join(root, 'tsconfig.json'),
})
// A large heap: the report benchmark holds a 500,000-record dataset in memory.
const res = spawnSync(process.execPath, ['--enable-source-maps', '--max-old-space-size=8192', outfile, ...args], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(res.status ?? 1)
