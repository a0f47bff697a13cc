// Starts the built local cloud (build/emulator/main.js --reset) as a child process on a free port and a fresh data
// folder, and resolves once it says it is up. Shared by the browser tests' global setup and `npm run screens`.
const { spawn } = require('child_process')
const fs = require('fs')
const net = require('net')
const os = require('os')
const path = require('path')

const root = path.resolve(__dirname, '..')

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

/** Resolves to { child, url, dataDir } once the local cloud prints that it has started; rejects with its log. */
async function startLocalCloudProcess({ prefix, timeoutMs }) {
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const child = spawn(process.execPath, [path.join(root, 'build', 'emulator', 'main.js'), '--reset'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOCAL_CLOUD_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${log}`)), timeoutMs)
    child.stdout.on('data', (d) => {
      log += d.toString()
      if (log.includes('本地云已启动')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr.on('data', (d) => (log += d.toString()))
    child.on('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${log}`)))
  })
  child.stdout.removeAllListeners('data')
  child.stderr.removeAllListeners('data')
  child.stdout.on('data', () => {})
  return { child, url: `http://127.0.0.1:${port}`, dataDir }
}

module.exports = { startLocalCloudProcess }
