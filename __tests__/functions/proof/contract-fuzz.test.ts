import fc from 'fast-check'
import { CONTRACT } from '../../../src/contract'
import { ERRORS } from '../../../src/contract/errors'
import type { Schema } from '../../../src/contract/schema'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { dbHasher, writeCounter } from './db-hash'
import { badObject } from './hostile-inputs'

/**
 * Fuzz suite generated from the contract: for every action of every function, inputs built from its schema to be
 * refused (see hostile-inputs.ts). Each case must answer a coded error with a Chinese message, never INTERNAL, and
 * leave every collection byte for byte as it was. A new action is covered the day it is added to src/contract.
 */
const CASES_PER_ACTION = 50
// A fixed seed per run keeps failures reproducible; FUZZ_SEED varies it (CI may set it from the build number).
const SEED = Number(process.env.FUZZ_SEED ?? 20261201)

let t: TestCloud
let hash: () => string
let writes: () => number
let caller: string
beforeAll(async () => {
  t = await startTestCloud()
  hash = dbHasher(t)
  writes = writeCounter(t)
  // The org admin passes every access check, so a refusal can only come from the input.
  caller = await t.openidOf('陈建国')
})
afterAll(() => t.close())

const HAN = /[\u4e00-\u9fff]/
const actions = Object.entries(CONTRACT).flatMap(([fn, specs]) =>
  Object.entries(specs as Record<string, { input: Schema<unknown> }>).map(
    ([name, spec]) => [`${fn}.${name}`, spec.input] as const,
  ),
)

it('covers every action of the contract', () => {
  expect(actions.length).toBeGreaterThan(90)
})

describe.each(actions)('%s refuses hostile input', (procedure, schema) => {
  it(`${CASES_PER_ACTION} cases: a coded Chinese error, never INTERNAL, nothing written`, async () => {
    let cases = 0
    const digest = hash()
    await fc.assert(
      fc.asyncProperty(badObject(schema), async (input) => {
        cases++
        const before = writes()
        const res = await t.call(caller, procedure as never, input as never)
        if (res.ok) throw new Error(`accepted ${JSON.stringify(input).slice(0, 300)}`)
        expect(Object.keys(ERRORS)).toContain(res.error.code)
        expect(res.error.code).not.toBe('INTERNAL')
        expect(res.error.message).toMatch(HAN)
        // Not a single row inserted, updated or deleted by this call...
        expect(writes()).toBe(before)
      }),
      { numRuns: CASES_PER_ACTION, seed: SEED, endOnFailure: true },
    )
    expect(cases).toBe(CASES_PER_ACTION)
    // ...and every collection byte for byte as it was before the action's cases.
    expect(hash()).toBe(digest)
  })
})
