import fs from 'fs'
import path from 'path'
import { COL } from '../../cloudfunctions/_shared/collections'
import { INDEXES } from '../../cloudfunctions/_shared/indexes'
import { loadManifest } from '../../scripts/deploy/manifest'
import { buildPlan, LOCAL_ONLY_COLLECTIONS } from '../../scripts/deploy/plan'
import { collect, functionDirs, FUNCTIONS_DIR, sourcesOf } from './sources'

const plan = buildPlan({ envId: 'prod', values: {}, hash: () => '0123456789ab' })
const planned = new Set(plan.collections.map((c) => c.name))

/** The collections a function's sources name: COL.<key> constants and string literals passed to collection(). */
function collectionsUsedBy(fn: string): Set<string> {
  const files = sourcesOf(fn).filter((f) => !/_shared[\\/](collections|indexes)\.ts$/.test(f))
  const keys = collect(files, /\bCOL\.([A-Za-z]+)/g)
  const literals = collect(files, /\.collection\(\s*['"]([^'"]+)['"]/g)
  const names = new Set(literals)
  for (const k of keys) {
    const name = (COL as Record<string, string>)[k]
    if (!name) throw new Error(`${fn} uses COL.${k}, which collections.ts does not define`)
    names.add(name)
  }
  return names
}

describe('the deploy plan matches the code', () => {
  const used = new Map(functionDirs().map((fn) => [fn, collectionsUsedBy(fn)]))

  it('creates every collection any function reads or writes (a missing one fails in production with -502005)', () => {
    for (const [fn, names] of used)
      for (const name of names) expect([fn, name, planned.has(name)]).toEqual([fn, name, true])
  })

  it('creates no collection that no function uses', () => {
    const all = new Set([...used.values()].flatMap((s) => [...s]))
    for (const name of planned) expect([name, all.has(name)]).toEqual([name, true])
  })

  it('plans every collection of the index manifest except the local cloud’s own outbox', () => {
    expect([...planned].sort()).toEqual(
      Object.keys(INDEXES)
        .filter((n) => !LOCAL_ONLY_COLLECTIONS.includes(n))
        .sort(),
    )
    expect(fs.readFileSync(path.join(FUNCTIONS_DIR, '..', 'emulator', 'sdk', 'openapi.ts'), 'utf8')).toContain(
      ".collection('outbox')",
    )
  })

  it('carries each collection’s declared indexes, names unique within the collection, unique flags kept', () => {
    for (const c of plan.collections) {
      const declared = (
        INDEXES as Record<string, Array<{ name: string; keys: Record<string, number>; unique?: boolean }>>
      )[c.name]
      expect(c.indexes.map((i) => [i.name, Object.fromEntries(i.keys), i.unique])).toEqual(
        declared.map((d) => [d.name, d.keys, !!d.unique]),
      )
      expect(new Set(c.indexes.map((i) => i.name)).size).toBe(c.indexes.length)
      for (const i of c.indexes) expect(i.keys.length).toBeGreaterThan(0)
    }
    // The natural keys that stop duplicates in production need their unique index.
    expect(plan.collections.find((c) => c.name === 'members')!.indexes.find((i) => i.name === 'phone')!.unique).toBe(
      true,
    )
    expect(plan.collections.find((c) => c.name === 'questions')!.indexes.find((i) => i.name === 'key')!.unique).toBe(
      true,
    )
  })

  it('has, for every literal where({ … }) on a collection, an index led by one of its fields', () => {
    // What can be read without running anything: `.collection(COL.x).where({ a: …, b: … })` with plain keys. Queries
    // that spread a variable or compute a key are left out (their fields are not in the text), as is `_id`.
    const missing: string[] = []
    const call = /collection\(COL\.([A-Za-z]+)\)\s*\.where\(\{([^{}]*)\}/g
    for (const fn of functionDirs()) {
      for (const file of sourcesOf(fn)) {
        const text = fs.readFileSync(file, 'utf8').replace(/\n\s*/g, ' ')
        for (const m of text.matchAll(call)) {
          const parts = m[2]
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)
          if (parts.some((p) => p.startsWith('...') || p.startsWith('['))) continue
          const keys = parts.map((p) => p.split(':')[0].trim())
          if (!keys.length || keys.includes('_id')) continue
          const name = (COL as Record<string, string>)[m[1]]
          const indexes = plan.collections.find((c) => c.name === name)?.indexes ?? []
          if (!indexes.some((i) => keys.includes(i.keys[0][0])))
            missing.push(`${path.relative(FUNCTIONS_DIR, file)}: ${name} where ${keys.join(', ')}`)
        }
      }
    }
    expect([...new Set(missing)]).toEqual([])
  })

  it('deploys every function of the manifest with its timeout, memory, runtime and trigger', () => {
    const manifest = loadManifest()
    expect(plan.functions.map((f) => [f.name, f.runtime, f.timeout, f.memorySize, f.triggers])).toEqual(
      manifest.functions.map((f) => [f.name, f.runtime, f.timeout, f.memorySize, f.triggers]),
    )
    for (const f of plan.functions) expect(f.description).toMatch(/ \[bundle 0123456789ab\]$/)
  })

  it('locks every collection to 仅管理端可读写 and keeps storage unreadable from the client', () => {
    expect(plan.collectionAcl).toBe('ADMINONLY')
    expect(plan.storage).toEqual({ acl: 'CUSTOM', rule: { read: false, write: 'resource.openid == auth.openid' } })
  })
})
