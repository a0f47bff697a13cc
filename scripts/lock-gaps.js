#!/usr/bin/env node
// The registry this project installs from lacks a few optional packages (other platforms' native bindings, NutUI's
// usage-stats tool). `npm install` skips them, but leaves them out of package-lock.json, and `npm ci` then refuses
// the lock as out of sync. This adds each missing optional package to the lock with its platform, so `npm ci`
// accepts the lock and still skips what does not fit this machine. Run after `npm install` changes the lock.
const fs = require('fs')
const path = require('path')

const file = path.join(__dirname, '..', 'package-lock.json')
const lock = JSON.parse(fs.readFileSync(file, 'utf8'))
const pkgs = lock.packages

function platformOf(name) {
  const m = name.match(
    /-(android|darwin|freebsd|linux|openharmony|win32)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)/,
  )
  if (!m) return {}
  const out = { os: [m[1]], cpu: [m[2]] }
  if (m[1] === 'linux') out.libc = [/musl/.test(name) ? 'musl' : 'glibc']
  return out
}

function resolves(from, dep) {
  let base = from
  for (;;) {
    if (pkgs[(base ? base + '/node_modules/' : 'node_modules/') + dep]) return true
    if (!base) return false
    const i = base.lastIndexOf('/node_modules/')
    base = i >= 0 ? base.slice(0, i) : ''
  }
}

let added = 0
for (const [where, info] of Object.entries(pkgs)) {
  for (const [dep, spec] of Object.entries(info.optionalDependencies || {})) {
    if (resolves(where, dep)) continue
    pkgs[`${where}/node_modules/${dep}`] = {
      version: /^\d/.test(spec) ? spec : '0.0.0',
      optional: true,
      ...platformOf(dep),
    }
    added++
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(`package-lock.json: ${added} missing optional package(s) recorded`)
