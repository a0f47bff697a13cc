#!/usr/bin/env node
// Runs a TypeScript benchmark from __tests__/bench/ through scripts/ts-run.js, bundled into build/bench/.
// Usage: node scripts/bench-run.js __tests__/bench/<name>.ts [args…]
const { runTs } = require('./ts-run')

const [entry, ...args] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/bench-run.js __tests__/bench/<name>.ts [args…]')
  process.exit(2)
}
// A large heap: the report benchmark holds a 500,000-record dataset in memory.
process.exit(runTs(entry, args, { outDir: 'bench', nodeFlags: ['--max-old-space-size=8192'] }))
