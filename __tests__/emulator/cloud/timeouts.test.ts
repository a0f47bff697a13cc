// Function timeouts as CloudBase enforces them: real elapsed time, the timed-out callFunction answer, writes made
// before the cut-off kept, nothing after it. The database is slowed for one call on purpose (the test hook) instead
// of the test sleeping.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { createCollectionsNow } from '../../../emulator/db'
import { DEFAULT_TIMEOUT_MS, invoke, isTimedOut, timeoutsMs, type FunctionMain } from '../../../emulator/functions'
import { createLocalCloud, type LocalCloud } from '../../../emulator/sdk'

let cloud: LocalCloud
let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeouts-'))
  cloud = createLocalCloud({ dbFile: ':memory:', storageDir: dir })
  createCollectionsNow(cloud.store, ['steps'])
})
afterEach(() => {
  cloud.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A function that writes step 1, 2, 3, … one after another, then answers how many it wrote. */
function stepper(steps: number, prefix = 's'): FunctionMain {
  return async () => {
    const db = (cloud.sdk.database as () => { collection(n: string): { add(o: object): Promise<unknown> } })()
    for (let i = 1; i <= steps; i++) await db.collection('steps').add({ data: { _id: `${prefix}${i}` } })
    return { wrote: steps }
  }
}

const written = async () => (await cloud.db().collection('steps').orderBy('_id', 'asc').get()).data.map((d) => d._id)

it('a function past its timeout answers as a timed-out callFunction; what it wrote stays, nothing after the cut-off lands', async () => {
  const functions = new Map([['slow', stepper(6)]])
  // 1 s timeout (as a manifest would set it), each database call 400 ms: steps 1 and 2 land, step 3 is cut off.
  const res = await invoke(functions, 'slow', {}, 'o1', { dbDelayMs: 400, timeouts: { slow: 1000 } })
  expect(isTimedOut(res)).toBe(true)
  expect(res).toEqual({ errCode: -504002, errMsg: expect.stringContaining('Invoking task timed out after 1 seconds') })
  expect(await written()).toEqual(['s1', 's2'])
  // The frozen run never resumes: later, still nothing more.
  await new Promise((r) => setTimeout(r, 900))
  expect(await written()).toEqual(['s1', 's2'])
})

it('3 s is the default, measured in real time whatever the test clock says; the same call on a fast database finishes', async () => {
  cloud.clock.set('2026-11-23T02:00:00Z') // the injected clock stands still; the timeout does not care
  const functions = new Map([['slow', stepper(4)]])
  const slow = await invoke(functions, 'slow', {}, 'o1', { dbDelayMs: 900, timeouts: {} })
  expect(slow).toEqual({
    errCode: -504002,
    errMsg: expect.stringContaining(`timed out after ${DEFAULT_TIMEOUT_MS / 1000} seconds`),
  })
  expect(await written()).toEqual(['s1', 's2', 's3'])
  await cloud
    .db()
    .collection('steps')
    .where({ _id: cloud.db().command.exists(true) })
    .remove()
  expect(await invoke(functions, 'slow', {}, 'o1', { timeouts: {} })).toEqual({ wrote: 4 })
})

it('the slowdown belongs to one call: another call running at the same time is not slowed or cut off', async () => {
  const functions = new Map([
    ['slow', stepper(5)],
    ['fast', stepper(1, 'f')],
  ])
  const slow = invoke(functions, 'slow', {}, 'o1', { dbDelayMs: 400, timeouts: { slow: 1000 } })
  const fast = await invoke(functions, 'fast', {}, 'o2', { timeouts: { fast: 1000 } })
  expect(fast).toEqual({ wrote: 1 })
  expect(isTimedOut(await slow)).toBe(true)
})

it('timeouts come from the deploy manifest (cloudbaserc.json, functions[].timeout); an unlisted function gets 3 s', () => {
  const table = timeoutsMs()
  expect(DEFAULT_TIMEOUT_MS).toBe(3000)
  // Every deployed function is declared there; the local cloud uses exactly those numbers.
  for (const name of ['member', 'meeting', 'quiz', 'study', 'activity'])
    expect(table[name]).toBeGreaterThanOrEqual(1000)
  expect(table['no-such-function']).toBeUndefined()
})

it('dbOnPlatformClock keeps the local database’s own work off the clock, not the modelled latency', async () => {
  const functions = new Map([['slow', stepper(4)]])
  // Four requests at 400 ms each: 1.6 s of modelled latency against a 1 s timeout is cut off with or without the hook.
  const res = await invoke(functions, 'slow', {}, 'o1', {
    dbDelayMs: 400,
    timeouts: { slow: 1000 },
    dbOnPlatformClock: true,
  })
  expect(isTimedOut(res)).toBe(true)
})
