#!/usr/bin/env node
// Bundles each cloud function (cloudfunctions/<fn>/index.ts) with esbuild into build/cloudfunctions/<fn>/ as the
// deployable unit: index.js + package.json (wx-server-sdk, installed in the cloud) + config.json (open API
// permissions and timer triggers, written from cloudbaserc.json: one source). Also bundles the local cloud (emulator/)
// into build/emulator/ for `npm start`.
const esbuild = require('esbuild')
const fs = require('fs')
const path = require('path')
const { bundleConfig, functionTimeouts, loadManifest } = require('./deploy/manifest')

const root = path.resolve(__dirname, '..')
const srcDir = path.join(root, 'cloudfunctions')
const outDir = path.join(root, 'build', 'cloudfunctions')
const SDK_VERSION = require(path.join(root, 'node_modules', 'wx-server-sdk', 'package.json')).version

function functionNames() {
  return fs
    .readdirSync(srcDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(srcDir, d.name, 'index.ts')))
    .map((d) => d.name)
}

async function buildFunction(name, manifest) {
  const config = bundleConfig(name, manifest) // throws for a function the manifest does not declare
  const dir = path.join(outDir, name)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  await esbuild.build({
    entryPoints: [path.join(srcDir, name, 'index.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    // The cloud runs the manifest's runtime (Nodejs24.11); the local cloud runs the same bundle on Node 20, so code
    // may use nothing newer than Node 20.
    target: 'node20',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: path.join(root, 'tsconfig.json'),
    // The function's own timeout, from the manifest the deploy uses: the job runner stops itself well before it
    // (cloudfunctions/_shared/job-runner.ts).
    define: { __FUNCTION_TIMEOUT_MS__: String(functionTimeouts(manifest)[name]) },
  })
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': SDK_VERSION } },
      null,
      2,
    ) + '\n',
  )
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n')
  return { name, bytes: fs.statSync(path.join(dir, 'index.js')).size }
}

async function buildEmulator() {
  await esbuild.build({
    entryPoints: [path.join(root, 'emulator', 'main.ts')],
    outfile: path.join(root, 'build', 'emulator', 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external', // the same wx-server-sdk and @cloudbase/database instances as everything else
    logLevel: 'warning',
  })
}

async function main() {
  const names = functionNames()
  const manifest = loadManifest()
  const built = await Promise.all(names.map((n) => buildFunction(n, manifest)))
  for (const b of built) console.log(`  build/cloudfunctions/${b.name}/index.js  ${(b.bytes / 1024).toFixed(1)} KiB`)
  if (!process.argv.includes('--functions-only')) await buildEmulator()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
