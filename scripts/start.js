#!/usr/bin/env node
// `npm start`: build what is missing or stale (functions, local cloud, H5 app), seed the demo data on first run,
// then serve everything on one port. `--reset --no-serve` (npm run reset) only reseeds.
const { execFileSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '..')
const args = process.argv.slice(2)

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

function run(cmd, cmdArgs) {
  execFileSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' })
}

run(process.execPath, [path.join(root, 'scripts', 'build-functions.js')])

if (!args.includes('--no-serve')) {
  const index = path.join(root, 'dist-h5', 'index.html')
  const stale = !fs.existsSync(index) || newestMtime(path.join(root, 'src')) > fs.statSync(index).mtimeMs
  if (stale) {
    console.log('正在构建 H5 应用（首次约 1–2 分钟）…')
    run(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'])
    run(process.execPath, [path.join(root, 'scripts', 'precompress.js')])
  }
}

process.argv = [process.argv[0], path.join(root, 'build', 'emulator', 'main.js'), ...args]
require(path.join(root, 'build', 'emulator', 'main.js'))
