// The deploy manifest, cloudbaserc.json at the repository root, read in one place. Everything that needs a function's
// settings asks here: the build (each bundle's config.json), the deploy command, and the local cloud (timeouts).
//
// The file is in the CloudBase CLI format (https://docs.cloudbase.net/cli-v1/functions/configs: name, runtime,
// handler, timeout 1–60 s, memorySize 128–2048 MB, envVariables, triggers, installDependency), version 2.0 so that
// `{{env.NAME}}` values come from .env files (https://docs.cloudbase.net/cli-v1/config, "动态变量"): the committed
// file names the variables, their values live in the uncommitted `.env.cloud` (`tcb … --mode cloud` reads the same
// file). One addition of ours per function: `permissions.openapi`, WeChat's cloud-call permission list, which the
// build copies into config.json where WeChat reads it.
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '..', '..')
const MANIFEST = path.join(ROOT, 'cloudbaserc.json')
/** Where the values of `{{env.NAME}}` live; never committed (.gitignore). */
const ENV_FILE = path.join(ROOT, '.env.cloud')

// Limits from the CLI's configuration reference (see above).
const MEMORY_SIZES = [128, 256, 512, 1024, 2048]
const RUNTIME = /^Nodejs\d+\.\d+$/
const ENV_REF = /^\{\{env\.([A-Z][A-Z0-9_]*)\}\}$/
const CRON_FIELDS = 7 // second minute hour day month weekday year

/** @returns {import('./manifest').Manifest} */
function loadManifest(file = MANIFEST) {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  const problems = []
  if (raw.version !== '2.0') problems.push('version must be "2.0" (the {{env.NAME}} values need it)')
  if (!Array.isArray(raw.functions) || raw.functions.length === 0) problems.push('functions must be a non-empty array')
  const seen = new Set()
  const functions = (raw.functions ?? []).map((f) => {
    const where = `function ${f.name ?? '?'}`
    if (typeof f.name !== 'string' || !/^[a-z][a-z0-9_-]*$/.test(f.name)) problems.push(`${where}: name`)
    if (seen.has(f.name)) problems.push(`${where}: declared twice`)
    seen.add(f.name)
    if (!RUNTIME.test(f.runtime ?? '')) problems.push(`${where}: runtime must look like Nodejs24.11`)
    if (!Number.isInteger(f.timeout) || f.timeout < 1 || f.timeout > 60)
      problems.push(`${where}: timeout must be 1–60 seconds`)
    if (!MEMORY_SIZES.includes(f.memorySize))
      problems.push(`${where}: memorySize must be one of ${MEMORY_SIZES.join(', ')}`)
    const envVariables = Object.entries(f.envVariables ?? {}).map(([name, ref]) => {
      const m = ENV_REF.exec(String(ref))
      // A literal value here would be committed: only references to .env.cloud are allowed.
      if (!m) problems.push(`${where}: envVariables.${name} must be "{{env.${name}}}", not a literal value`)
      return { name, from: m ? m[1] : name }
    })
    const triggers = (f.triggers ?? []).map((t) => {
      if (t.type !== 'timer') problems.push(`${where}: trigger ${t.name}: only timer triggers exist`)
      if (String(t.config).trim().split(/\s+/).length !== CRON_FIELDS)
        problems.push(`${where}: trigger ${t.name}: cron needs ${CRON_FIELDS} fields`)
      return { name: t.name, type: t.type, config: t.config }
    })
    const openapi = f.permissions?.openapi ?? []
    if (!Array.isArray(openapi)) problems.push(`${where}: permissions.openapi must be a list`)
    return {
      name: f.name,
      description: f.description ?? '',
      runtime: f.runtime,
      handler: f.handler ?? 'index.main',
      installDependency: f.installDependency !== false,
      timeout: f.timeout,
      memorySize: f.memorySize,
      envVariables,
      triggers,
      openapi: [...openapi],
    }
  })
  if (problems.length) throw new Error(`cloudbaserc.json:\n  ${problems.join('\n  ')}`)
  return {
    envIdRef: raw.envId,
    functionRoot: path.resolve(path.dirname(file), raw.functionRoot ?? 'functions'),
    functions,
  }
}

/** One function's entry; a function the code has but the manifest lacks is an error, not a default. */
function functionSpec(name, manifest = loadManifest()) {
  const spec = manifest.functions.find((f) => f.name === name)
  if (!spec)
    throw new Error(
      `cloudfunctions/${name} has no entry in cloudbaserc.json: declare its runtime, timeout and memory there`,
    )
  return spec
}

/** The config.json shipped inside a bundle: WeChat reads open-API permissions and triggers from it. */
function bundleConfig(name, manifest = loadManifest()) {
  const spec = functionSpec(name, manifest)
  return { permissions: { openapi: spec.openapi }, ...(spec.triggers.length ? { triggers: spec.triggers } : {}) }
}

/** Each function's timeout in milliseconds, for the local cloud (it must cut a call off where CloudBase would). */
function functionTimeouts(manifest = loadManifest()) {
  return Object.fromEntries(manifest.functions.map((f) => [f.name, f.timeout * 1000]))
}

/** Parses a .env file (NAME=value lines, # comments, optional quotes). A missing file is empty. */
function readEnvFile(file = ENV_FILE) {
  if (!fs.existsSync(file)) return {}
  const out = {}
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (!m || line.trim().startsWith('#')) continue
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return out
}

/**
 * The environment variables to set on a function: every declared name whose value is known (the process
 * environment wins over .env.cloud, so CI can inject them), plus the names left without a value.
 */
function resolveEnvVariables(spec, values = { ...readEnvFile(), ...process.env }) {
  const set = {}
  const missing = []
  for (const v of spec.envVariables) {
    const value = values[v.from]
    if (value === undefined || value === '') missing.push(v.name)
    else set[v.name] = value
  }
  return { set, missing }
}

module.exports = {
  MANIFEST,
  ENV_FILE,
  loadManifest,
  functionSpec,
  bundleConfig,
  functionTimeouts,
  readEnvFile,
  resolveEnvVariables,
}
