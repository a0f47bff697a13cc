#!/usr/bin/env node
// Prints the README's function → action → access table from the contract (src/contract), for pasting.
const esbuild = require('esbuild')
const path = require('path')

const out = esbuild.buildSync({ entryPoints: [path.join(__dirname, '..', 'src', 'contract', 'access-table.ts')], bundle: true, platform: 'node', format: 'cjs', write: false })
const mod = { exports: {} }
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require)
console.log('| 云函数 | action | 谁可以调用 | 做什么 |\n| --- | --- | --- | --- |')
console.log(mod.exports.accessTableRows().join('\n'))
