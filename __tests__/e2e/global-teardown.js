const fs = require('fs')

module.exports = async function globalTeardown() {
  const lc = globalThis.__LOCAL_CLOUD__
  if (!lc) return
  lc.child.removeAllListeners('exit')
  lc.child.kill('SIGTERM')
  await new Promise((r) => setTimeout(r, 300))
  fs.rmSync(lc.dataDir, { recursive: true, force: true })
}
