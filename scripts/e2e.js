#!/usr/bin/env node
// `npm run test:e2e`: build the functions, the local cloud and the H5 app, then run the browser tests.
// Needs Debian's Chromium (apt-get install -y chromium); never downloads a browser.
const { execFileSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '..')
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install it with: apt-get update && apt-get install -y chromium`)
  process.exit(1)
}
const run = (args) => {
  try {
    execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  } catch (err) {
    process.exit(err.status || 1) // the child already printed why
  }
}
run([path.join(root, 'scripts', 'build-functions.js')])
if (!process.argv.includes('--no-build')) {
  run([require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'])
  // The gateway sends these as they are (emulator/static-h5.ts): the browser tests load the app as a phone would.
  run([path.join(root, 'scripts', 'precompress.js')])
}
run([
  require.resolve('jest/bin/jest'),
  '-c',
  path.join(root, 'jest.e2e.config.js'),
  ...process.argv.slice(2).filter((a) => a !== '--no-build'),
])
