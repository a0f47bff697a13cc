// Starts the local cloud exactly as `npm start` runs it (built bundles, H5 build), on a fresh seeded database in a
// temporary folder and a free port; the tests read its address from E2E_BASE_URL.
const { startLocalCloudProcess } = require('../../scripts/local-cloud-process')

module.exports = async function globalSetup() {
  const { child, url, dataDir } = await startLocalCloudProcess({ prefix: 'e2e-cloud-', timeoutMs: 30000 })
  child.stderr.on('data', (d) => process.stderr.write(d))
  globalThis.__LOCAL_CLOUD__ = { child, dataDir }
  process.env.E2E_BASE_URL = url
  process.env.E2E_DATA_DIR = dataDir
}
