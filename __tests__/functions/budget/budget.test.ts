// Every action within its database-call budget (src/contract/budget.ts), on the seeded organisation and on a large
// one, and no action costing more on the large one (issue 11). Counts come from the local cloud's per-invocation
// meter: every request the function sends, caller identification and transaction control included.
import fs from 'fs'
import { BUDGETS, type ProcedureName } from '../../../src/contract'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { CASES } from './cases'
import { describeRead, indexFor, sortedReadOf, type SortedRead } from './sort-indexes'
import { buildWorld, LARGE, SEEDED, type WorldSize } from './world'

interface Measured {
  label: string
  total: number
  reads: number
  writes: number
  other: number
  code: string
}

const results: Record<'seeded' | 'large', Map<ProcedureName, Measured[]>> = { seeded: new Map(), large: new Map() }
/** Every sorted read of a collection the measured calls sent (sort-indexes.ts), with the action that sent it. */
const sortedReads: Array<SortedRead & { by: string }> = []

async function measure(size: WorldSize, into: Map<ProcedureName, Measured[]>) {
  const t: TestCloud = await startTestCloud()
  try {
    const w = await buildWorld(t, size)
    for (const name of Object.keys(CASES) as ProcedureName[]) {
      const prepared = await CASES[name](w)
      const calls = Array.isArray(prepared) ? prepared : [prepared]
      const out: Measured[] = []
      for (const c of calls) {
        const { res, requests } = await t.metered(c.as, name, c.input, {
          beforeRequest: (action, params) => {
            const read = sortedReadOf(action, params)
            if (read) sortedReads.push({ ...read, by: name })
          },
        })
        const code = res.ok ? 'ok' : res.error.code
        out.push({
          label: c.label ?? '',
          total: requests.total,
          reads: requests.reads,
          writes: requests.writes,
          other: requests.other,
          code,
        })
        if (code !== (c.expect ?? 'ok'))
          throw new Error(
            `${name} ${c.label ?? ''} answered ${code}${res.ok ? '' : ` (${res.error.message})`}, expected ${c.expect ?? 'ok'}`,
          )
      }
      into.set(name, out)
    }
  } finally {
    t.close()
  }
}

beforeAll(async () => {
  await measure(SEEDED, results.seeded)
  await measure(LARGE, results.large)
  if (process.env.BUDGET_REPORT) fs.writeFileSync(process.env.BUDGET_REPORT, report())
}, 600_000)

function report(): string {
  const rows = (Object.keys(BUDGETS) as ProcedureName[]).flatMap((name) =>
    (results.seeded.get(name) ?? []).map((s, i) => {
      const l = results.large.get(name)?.[i]
      const b = BUDGETS[name]
      return `| ${name}${s.label ? ` (${s.label})` : ''} | ${s.total} | ${l?.total ?? '–'} | ${b.max}${b.grows ? ` (large: ${b.grows.large}, grows with ${b.grows.with})` : ''} | ${b.target ?? ''} |`
    }),
  )
  return ['| action | seeded | large | budget | target |', '|---|---|---|---|---|', ...rows].join('\n') + '\n'
}

const names = Object.keys(BUDGETS) as ProcedureName[]

it('every procedure of the contract has a case here', () => {
  expect(Object.keys(CASES).sort()).toEqual([...names].sort())
})

describe.each(names)('%s', (name) => {
  const budget = BUDGETS[name]
  it(
    budget.grows
      ? `costs at most ${budget.max} requests (${budget.grows.large} on the large data: grows with ${budget.grows.with})`
      : `costs at most ${budget.max} requests at any size`,
    () => {
      const seeded = results.seeded.get(name)!
      const large = results.large.get(name)!
      expect(seeded.length).toBeGreaterThan(0)
      seeded.forEach((s, i) => {
        const l = large[i]
        const what = `${name}${s.label ? ` (${s.label})` : ''}`
        expect({ what, seeded: s.total }).toEqual({ what, seeded: Math.min(s.total, budget.max) })
        if (budget.grows)
          expect({ what, large: l.total }).toEqual({ what, large: Math.min(l.total, budget.grows.large) })
        // The same call on 2,000 members, a 2,000-long waitlist and a 100-question paper costs no more.
        else expect({ what, large: l.total }).toEqual({ what, large: Math.min(l.total, s.total, budget.max) })
      })
    },
  )
})

/**
 * Sorted reads no index can give, each with why it stays small: the order is computed by the aggregation itself.
 * A new one fails the test below until it is listed here with its reason, or given an index.
 */
const IN_MEMORY_SORTS: Record<string, string> = {
  // Not yet over first, then by start (issue 13): computed from the clock per request. Sorts the published
  // activities of the member's reach, a few hundred a year, not a roster or a record table.
  'activity.list': 'activities: the computed not-over-first order, over the published activities',
}

// CloudBase sorts a large collection from an index or not at all well: every sorted read the actions made above (on
// both worlds, every path of every case) has an index of cloudfunctions/_shared/indexes.ts giving its order — the
// fields it holds equal first, then its sort fields (the `_id` tie-break included) in order, same or reversed
// (sort-indexes.ts says the rule and where it is documented). Reads a case does not reach are not seen here.
it('every sorted read of a collection has a declared index giving its order', () => {
  expect(sortedReads.length).toBeGreaterThan(20)
  const missing = [
    ...new Set(
      sortedReads
        .filter((r) => !indexFor(r) && !(r.computed.length && IN_MEMORY_SORTS[r.by]))
        .map((r) => `${r.by}: ${describeRead(r)}`),
    ),
  ].sort()
  expect(missing).toEqual([])
  // The list above holds only what is still needed.
  const computedBy = new Set(sortedReads.filter((r) => r.computed.length).map((r) => r.by))
  expect(Object.keys(IN_MEMORY_SORTS).filter((by) => !computedBy.has(by))).toEqual([])
})
