import fc from 'fast-check'
import { CONTRACT } from '../../../src/contract'
import { ERRORS } from '../../../src/contract/errors'
import type { Schema } from '../../../src/contract/schema'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { writeCounter } from './db-hash'
import { validInput } from './valid-inputs'

/**
 * Fuzz past the validator, generated from the contract: every action gets inputs its schema ACCEPTS, with random
 * values (times far in the past or future, empty optional parts, ids of objects of two branches or of none), from the
 * org admin (who passes every access check, so the handler itself decides) and from a plain member. Whatever the
 * handler makes of them, the answer is a success or a coded error with a Chinese message — never INTERNAL — and a
 * refusal writes nothing.
 */
const CASES_PER_ACTION = 20
const SEED = Number(process.env.FUZZ_SEED ?? 20261201)
const HAN = /[\u4e00-\u9fff]/
/** Refusals that are themselves recorded on purpose: a wrong bind guess counts against the limit (issue 9). */
const WRITES_WHEN_REFUSED = new Set(['member.bind'])

let t: TestCloud
let writes: () => number
const callers: Record<string, string> = {}
const ids: Record<string, string[]> = {}

beforeAll(async () => {
  t = await startTestCloud()
  writes = writeCounter(t)
  const [chen, qian, li, wang] = await Promise.all(['陈建国', '钱文静', '李秀英', '王志强'].map((n) => t.openidOf(n)))
  Object.assign(callers, { 'the org admin': chen, 'a member': qian })
  const at = (h: number) => new Date(t.cloud.clock.now().getTime() + h * 3600_000).toISOString()
  const meetings = []
  for (const [admin, branchId] of [
    [li, 'org_office'],
    [wang, 'org_budget'],
  ] as const) {
    const { meeting } = await t.ok(admin, 'meeting.create', {
      branchId,
      title: '支部党员大会',
      type: 'branch_assembly',
      startAt: at(1),
      endAt: at(2),
      place: '会议室',
    })
    meetings.push(meeting.id)
  }
  // The callers themselves are left out: a case that unbinds or re-roles one would silence every case after it.
  const members = (await t.cloud.db().collection('members').limit(100).get()).data
    .filter((m) => m.openid !== chen && m.openid !== qian)
    .map((m) => m._id as string)
  Object.assign(ids, {
    branchId: ['org_office', 'org_budget', 'x_nowhere'],
    orgId: ['org_office', 'org_budget', 'x_nowhere'],
    memberId: [...members.slice(0, 6), 'x_nowhere'],
    meetingId: [...meetings, 'x_nowhere'],
  })
})
afterAll(() => t.close())

const actions = Object.entries(CONTRACT).flatMap(([fn, specs]) =>
  Object.entries(specs as Record<string, { input: Schema<unknown> }>).map(
    ([name, spec]) => [`${fn}.${name}`, spec.input] as const,
  ),
)

it('covers every action of the contract', () => {
  expect(actions.length).toBeGreaterThan(90)
})

describe.each(actions)('%s, with inputs its schema accepts', (procedure, schema) => {
  it.each(Object.keys({ 'the org admin': 0, 'a member': 0 }))(
    `from %s: ${CASES_PER_ACTION} cases, a success or a coded Chinese error, never INTERNAL; a refusal writes nothing`,
    async (who) => {
      let cases = 0
      await fc.assert(
        fc.asyncProperty(validInput(schema, ids), async (input) => {
          cases++
          const before = writes()
          const res = await t.call(callers[who], procedure as never, input as never)
          if (process.env.FUZZ_DEBUG) console.log(procedure, who, res.ok ? 'ok' : res.error.code)
          if (res.ok) return
          expect([res.error.code, Object.keys(ERRORS).includes(res.error.code)]).toEqual([res.error.code, true])
          expect([res.error.code, res.error.message]).not.toEqual(['INTERNAL', expect.anything()])
          expect(res.error.message).toMatch(HAN)
          if (!WRITES_WHEN_REFUSED.has(procedure))
            expect([res.error.code, writes() - before]).toEqual([res.error.code, 0])
        }),
        { numRuns: CASES_PER_ACTION, seed: SEED, endOnFailure: true },
      )
      expect(cases).toBe(CASES_PER_ACTION)
    },
  )
})
