import fs from 'fs'
import os from 'os'
import path from 'path'
import { COL } from '../../cloudfunctions/_shared/collections'
import {
  bundleConfig,
  functionSpec,
  functionTimeouts,
  loadManifest,
  readEnvFile,
  resolveEnvVariables,
} from '../../scripts/deploy/manifest'
import { collect, functionDirs, ROOT, sourcesOf } from './sources'

const manifest = loadManifest()

describe('cloudbaserc.json declares every function the build makes', () => {
  it('has exactly one entry per cloudfunctions/<name>, so a new function cannot ship with platform defaults', () => {
    expect(manifest.functions.map((f) => f.name).sort()).toEqual(functionDirs())
  })

  it('names a Node runtime CloudBase offers and a timeout and memory within its limits', () => {
    for (const f of manifest.functions) {
      // https://docs.cloudbase.net/cloud-function/runtime-support (Node.js 24.11 is the Active LTS there)
      expect([f.name, f.runtime]).toEqual([f.name, 'Nodejs24.11'])
      expect(f.timeout).toBeGreaterThanOrEqual(1)
      expect(f.timeout).toBeLessThanOrEqual(60)
    }
  })

  it('gives every function with a spreadsheet import or export (its slowest path) at least 20 s', () => {
    for (const f of manifest.functions) {
      const heavy = sourcesOf(f.name).some((file) => /_shared[\\/](sheets|exports)\.ts$/.test(file))
      if (heavy) expect([f.name, f.timeout >= 20]).toEqual([f.name, true])
    }
  })

  it('declares by name every environment variable a function reads, and none it does not', () => {
    for (const f of manifest.functions) {
      const read = collect(sourcesOf(f.name), /process\.env\.([A-Z][A-Z0-9_]*)/g)
      expect([f.name, f.envVariables.map((v) => v.name).sort()]).toEqual([f.name, [...read].sort()])
    }
  })

  it('grants every open API a function calls (cloud.openapi.x.y), and nothing else', () => {
    for (const f of manifest.functions) {
      const called = collect(sourcesOf(f.name), /\.openapi\.([a-zA-Z]+\.[a-zA-Z]+)\(/g)
      expect([f.name, [...f.openapi].sort()]).toEqual([f.name, [...called].sort()])
    }
  })

  it('points each timer trigger at a timer job the function registers', () => {
    for (const f of manifest.functions) {
      const index = fs.readFileSync(path.join(ROOT, 'cloudfunctions', f.name, 'index.ts'), 'utf8')
      for (const t of f.triggers)
        expect([
          f.name,
          t.name,
          new RegExp(`\\{[^}]*\\b${t.name}\\b[^}]*\\}\\s*,?\\s*\\)\\s*$`, 'm').test(index),
        ]).toEqual([f.name, t.name, true])
    }
  })

  it('writes config.json of each built bundle from the manifest (open APIs and triggers)', () => {
    for (const f of manifest.functions) {
      const file = path.join(ROOT, 'build', 'cloudfunctions', f.name, 'config.json')
      if (!fs.existsSync(file)) throw new Error(`${file} missing: run npm run build:functions first (npm test does)`)
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(bundleConfig(f.name, manifest))
    }
    expect(bundleConfig('study', manifest).triggers).toEqual([
      { name: 'dispatchDue', type: 'timer', config: '0 */5 * * * * *' },
    ])
  })

  it('gives the local cloud every timeout in milliseconds', () => {
    expect(functionTimeouts(manifest)).toEqual(
      Object.fromEntries(manifest.functions.map((f) => [f.name, f.timeout * 1000])),
    )
  })

  it('refuses a function the manifest does not declare', () => {
    expect(() => functionSpec('payments', manifest)).toThrow(
      /cloudfunctions\/payments has no entry in cloudbaserc\.json/,
    )
  })
})

describe('the manifest loader rejects a manifest CloudBase would reject or that leaks a secret', () => {
  const write = (mutate: (m: { functions: Array<Record<string, unknown>> }) => void) => {
    const raw = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8'))
    mutate(raw)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rc-')), 'cloudbaserc.json')
    fs.writeFileSync(file, JSON.stringify(raw))
    return file
  }

  it('refuses a literal secret value, a timeout over 60 s, an odd memory size and a 5-field cron', () => {
    expect(() => loadManifest(write((m) => void (m.functions[1].envVariables = { CHECKIN_SECRET: 'abc' })))).toThrow(
      /must be "\{\{env\.CHECKIN_SECRET\}\}"/,
    )
    expect(() => loadManifest(write((m) => void (m.functions[0].timeout = 90)))).toThrow(/timeout must be 1–60/)
    expect(() => loadManifest(write((m) => void (m.functions[0].memorySize = 300)))).toThrow(/memorySize/)
    expect(() =>
      loadManifest(
        write((m) => void (m.functions[3].triggers = [{ name: 't', type: 'timer', config: '*/5 * * * *' }])),
      ),
    ).toThrow(/cron needs 7/)
  })
})

describe('environment variable values come from .env.cloud or the process, never the repository', () => {
  it('reads NAME=value lines, ignoring comments and quotes', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'env-')), '.env.cloud')
    fs.writeFileSync(file, '# secrets\nCHECKIN_SECRET="s3cret value"\nexport STUDY_TEMPLATE_ID=tpl_1\n\n')
    expect(readEnvFile(file)).toEqual({ CHECKIN_SECRET: 's3cret value', STUDY_TEMPLATE_ID: 'tpl_1' })
  })

  it('sets the declared names that have values and reports the rest as missing', () => {
    const activity = functionSpec('activity', manifest)
    expect(resolveEnvVariables(activity, { CHECKIN_SECRET: 'x'.repeat(32), OTHER: 'y' })).toEqual({
      set: { CHECKIN_SECRET: 'x'.repeat(32) },
      missing: ['ACTIVITY_TEMPLATE_ID', 'ACTIVITY_TEMPLATE_KEYS'],
    })
  })

  it('keeps .env.cloud out of git', () => {
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env\.cloud$/m)
  })
})

it('lists every collection constant once (the deploy plan checks usage against this list)', () => {
  expect(new Set(Object.values(COL)).size).toBe(Object.values(COL).length)
})
