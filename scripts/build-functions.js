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

/**
 * Libraries only spreadsheet exports/imports and article rendering need. Each is bundled once into a file of its own,
 * `lib-<name>.js`, written beside index.js in every function that uses it, and index.js requires it from there on
 * first use (the sources reach them only through `import()` or a `require()` inside a function: `_shared/workbook.ts`,
 * `study/content.ts`). Lazy evaluation alone was not enough: V8 still reads and pre-parses the whole index.js at
 * cold start, and with exceljs inside it the member-facing functions were 2.5–3.3 MiB and took 140–330 ms to
 * require (reports/bench/cold-start.md). The files stay in the function's own directory, flat (the deploy hashes and
 * uploads the directory as it is): nothing is installed in the cloud but wx-server-sdk.
 */
const LAZY_LIBS = ['exceljs', 'markdown-it', 'markdown-it-cjk-friendly', 'sanitize-html']
const libFile = (lib) => `lib-${lib}.js`

/** Resolves the lazy libraries to their file beside index.js, and notes which ones the function uses. */
function lazyLibsPlugin(used) {
  const filter = new RegExp(`^(${LAZY_LIBS.map((l) => l.replace(/[-]/g, '\\-')).join('|')})$`)
  return {
    name: 'lazy-libs',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        used.add(args.path)
        return { path: `./${libFile(args.path)}`, external: true }
      })
    },
  }
}

/** Bundles one lazy library as a CommonJS file exporting what `require(lib)` would. */
async function buildLib(lib) {
  const out = await esbuild.build({
    stdin: { contents: `module.exports = require(${JSON.stringify(lib)})`, resolveDir: root, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  })
  return out.outputFiles[0].contents
}

function functionNames() {
  return fs
    .readdirSync(srcDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(srcDir, d.name, 'index.ts')))
    .map((d) => d.name)
}

async function buildFunction(name, manifest, libs) {
  const config = bundleConfig(name, manifest) // throws for a function the manifest does not declare
  const dir = path.join(outDir, name)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const used = new Set()
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
    plugins: [lazyLibsPlugin(used)],
    // `import()` of a lazy library becomes `Promise.resolve().then(() => require(...))`: the same on first use, and
    // loadable where dynamic import is not (the local cloud evaluates bundles as plain CommonJS, as under jest).
    supported: { 'dynamic-import': false },
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
  for (const lib of used) fs.writeFileSync(path.join(dir, libFile(lib)), await libs(lib))
  return { name, bytes: fs.statSync(path.join(dir, 'index.js')).size, libs: [...used] }
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
  const libCache = new Map()
  const libs = (lib) => {
    if (!libCache.has(lib)) libCache.set(lib, buildLib(lib))
    return libCache.get(lib)
  }
  const built = await Promise.all(names.map((n) => buildFunction(n, manifest, libs)))
  for (const b of built)
    console.log(
      `  build/cloudfunctions/${b.name}/index.js  ${(b.bytes / 1024).toFixed(1)} KiB` +
        (b.libs.length ? `  (on first use: ${b.libs.map(libFile).join(', ')})` : ''),
    )
  if (!process.argv.includes('--functions-only')) await buildEmulator()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
