#!/usr/bin/env node
// Runs a TypeScript command-line script (the deploy, the mini-program upload, the benchmarks): bundles it with esbuild
// (packages external, so it shares better-sqlite3, mingo and @cloudbase/database with the emulator) into build/<dir>/
// and runs it with node, passing the arguments through.
// Usage: node scripts/ts-run.js scripts/deploy/main.ts [args…]
const esbuild = require('esbuild')
const { spawnSync } = require('child_process')
const path = require('path')

const root = path.resolve(__dirname, '..')

/** Bundles `entry` into build/<outDir>/ and runs it with `nodeFlags`; returns the exit status. */
function runTs(entry, args, { outDir = 'scripts', nodeFlags = [] } = {}) {
  const outfile = path.join(root, 'build', outDir, path.basename(entry).replace(/\.ts$/, '.js'))
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
  const res = spawnSync(process.execPath, ['--enable-source-maps', ...nodeFlags, outfile, ...args], {
    cwd: root,
    stdio: 'inherit',
  })
  return res.status ?? 1
}

module.exports = { runTs }

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2)
  if (!entry) {
    console.error('usage: node scripts/ts-run.js <script.ts> [args…]')
    process.exit(2)
  }
  process.exit(runTs(entry, args))
}
