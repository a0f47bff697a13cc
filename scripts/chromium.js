// Debian's Chromium as every browser script and test here launches it: headless, with the flags this machine's
// closed network needs (no background fetches, no component updates, no sync, no first-run page). Never a downloaded
// browser: CI installs Debian's package (`.ci/run`). CHROMIUM_PATH points elsewhere when a machine keeps it elsewhere.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Options for playwright-core's chromium.launch / launchPersistentContext, with `extraArgs` after the common ones. */
function chromiumOptions(extraArgs = []) {
  return { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] }
}

module.exports = { CHROMIUM_PATH, CHROMIUM_ARGS, chromiumOptions }
