#!/usr/bin/env node
// Runs a TypeScript command-line script (the deploy, the mini-program upload): bundles it with esbuild (packages
// external) into build/scripts/ and runs it with node, passing the arguments through.
// Usage: node scripts/ts-run.js scripts/deploy/main.ts [args…]
const esbuild = require('esbuild')
const { spawnSync } = require('child_process')
const path = require('path')

const root = path.resolve(__dirname, '..')
const [entry, ...args] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/ts-run.js <script.ts> [args…]')
  process.exit(2)
}
const outfile = path.join(root, 'build', 'scripts', path.basename(entry).replace(/\.ts$/, '.js'))
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
const res = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { cwd: root, stdio: 'inherit' })
process.exit(res.status ?? 1)
