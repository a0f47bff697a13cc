// The organisation tree is read at most once per request (issue 11): every action's budget case (cases.ts) runs on
// the seeded organisation, and each database request is counted by the collection it names. A handler and the helpers
// it calls share one read through the request's memo (_shared/orgs.ts loadOrgs).
import type { ProcedureName } from '../../../src/contract'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { CASES } from './cases'
import { buildWorld, SEEDED } from './world'

const orgReads = new Map<string, number>()

beforeAll(async () => {
  const t: TestCloud = await startTestCloud()
  try {
    const w = await buildWorld(t, SEEDED)
    for (const name of Object.keys(CASES) as ProcedureName[]) {
      const prepared = await CASES[name](w)
      for (const c of Array.isArray(prepared) ? prepared : [prepared]) {
        let reads = 0
        const res = await t.call(c.as, name, c.input, {
          // The tree is read whole by one aggregate (loadOrgs); reading or writing one org by id is not the tree.
          beforeRequest: (action, params) => {
            if (action === 'database.aggregateDocuments' && params?.collectionName === 'orgs') reads += 1
          },
        })
        const code = res.ok ? 'ok' : (res.error?.code ?? 'no answer')
        if (code !== (c.expect ?? 'ok')) throw new Error(`${name} ${c.label ?? ''} answered ${code}`)
        const what = `${name}${c.label ? ` (${c.label})` : ''}`
        orgReads.set(what, Math.max(orgReads.get(what) ?? 0, reads))
      }
    }
  } finally {
    t.close()
  }
}, 600_000)

it('no action reads the organisation tree more than once', () => {
  expect(orgReads.size).toBeGreaterThan(50)
  const twice = [...orgReads].filter(([, n]) => n > 1).map(([what, n]) => `${what}: ${n}`)
  expect(twice).toEqual([])
})

it('the tree is read where scope is decided (the meter sees it)', () => {
  // Guards the counter itself: an action that must place the caller in the tree shows its one read.
  expect(orgReads.get('member.tree')).toBe(1)
})
