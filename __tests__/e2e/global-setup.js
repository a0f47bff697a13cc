// Starts the local cloud exactly as `npm start` runs it (built bundles, H5 build), on a fresh seeded database in a
// temporary folder and a free port; the tests read its address from E2E_BASE_URL.
const { spawn } = require('child_process')
const fs = require('fs')
const net = require('net')
const os = require('os')
const path = require('path')

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '..', '..')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cloud-'))
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(root, 'build', 'emulator', 'main.js'), '--reset'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOCAL_CLOUD_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${log}`)), 30000)
    const onData = (d) => {
      log += d.toString()
      if (log.includes('本地云已启动')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (d) => (log += d.toString()))
    child.on('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${log}`)))
  })
  child.stdout.removeAllListeners('data')
  child.stdout.on('data', () => {})
  child.stderr.on('data', (d) => process.stderr.write(d))
  globalThis.__LOCAL_CLOUD__ = { child, dataDir }
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`
  process.env.E2E_DATA_DIR = dataDir
}
