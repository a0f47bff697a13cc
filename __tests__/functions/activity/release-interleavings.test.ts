// Interleavings of sign-ups and cancellations on one small activity, generated (fast-check): calls held before one of
// their writes while others run, released later in any order, sign-ups and cancellations dying where they were held.
// Whatever the schedule, once every call has ended nobody holds a place twice and no place is held by nobody —
// counted the way the crash tests count it (a cancelled sign-up still named on the activity holds her place in trust
// until it is passed on; a place claim named on the activity whose token no sign-up carries holds its place for a
// call that may still hand it over) — and after the calls' deadlines the next sign-up finishes every release and
// settles every claim left half done.
import fc from 'fast-check'
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { WRITES, addMembers, publishedActivity } from './fixtures'

let t: TestCloud
let people: string[]
beforeAll(async () => {
  t = await startTestCloud()
  people = await addMembers(t, 7)
})
afterAll(() => t.close())

type Command =
  | { op: 'call'; action: 'signup' | 'cancel'; who: number }
  | { op: 'hold'; action: 'signup' | 'cancel'; who: number; at: number }
  | { op: 'go'; pick: number; die: number | null }

const who = fc.integer({ min: 0, max: 5 })
const action = fc.constantFrom('signup' as const, 'cancel' as const)
// Holding and resuming weigh more than plain calls, so that calls die part way often (a sign-up between taking a
// place and handing it over, too) rather than once in many runs.
const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('call' as const), action, who }), weight: 1 },
  {
    arbitrary: fc.record({ op: fc.constant('hold' as const), action, who, at: fc.integer({ min: 1, max: 5 }) }),
    weight: 2,
  },
  // Resumes a held call; `die`: it makes that many more writes and dies before the next (null: it runs on).
  {
    arbitrary: fc.record({
      op: fc.constant('go' as const),
      pick: fc.nat(),
      die: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 3 }),
    }),
    weight: 2,
  },
)

interface Held {
  action: 'signup' | 'cancel'
  release: (die: number | null) => void
  done: Promise<{ code: string; died: boolean }>
}

/** Starts a call held just before its `at`-th write; null when it ended before getting there. */
async function startHeld(activityId: string, c: Extract<Command, { op: 'hold' }>): Promise<Held | null> {
  let writes = 0
  let arrived!: () => void
  let release!: (die: number | null) => void
  const reached = new Promise<void>((r) => (arrived = r))
  const gate = new Promise<number | null>((r) => (release = r))
  let dieAt: number | null = null
  let died = false
  const done = t
    .call(
      people[c.who],
      `activity.${c.action}`,
      { activityId },
      {
        beforeRequest: async (name: string) => {
          if (!WRITES.has(name)) return
          if (++writes === c.at) {
            arrived()
            const more = await gate
            if (more !== null) dieAt = c.at + more
          }
          if (dieAt === writes) {
            died = true
            throw new Error('instance stopped')
          }
        },
      },
    )
    .then((res) => ({ code: codeOf(res as { ok: boolean; error?: { code: string } }), died }))
  const first = await Promise.race([reached.then(() => 'held' as const), done.then(() => 'ended' as const)])
  if (first === 'ended') {
    expect((await done).code).not.toBe('INTERNAL')
    return null
  }
  return { action: c.action, release, done }
}

/** Who holds the activity's places (cancel-crash.test.ts `places`): confirmed, or releasing a place not passed on. */
async function places(activityId: string) {
  const db = t.cloud.db()
  const a = (await db.collection('activities').doc(activityId).get()).data as {
    taken: number
    capacity: number
    released?: string[]
    releasing?: string[]
    releasingMarks?: Record<string, { round: number }>
    claims?: Record<string, unknown>
  }
  const signups = (await db.collection('signups').where({ activityId }).get()).data as Array<{
    _id: string
    status: string
    promotedFrom?: string | null
    receivedFrom?: string[]
    releaseRound?: number
    claimTokens?: string[]
  }>
  const keyOf = (s: (typeof signups)[number]) => (s.releaseRound ? `${s._id}#${s.releaseRound}` : s._id)
  const passedOn = (key: string) =>
    (a.released ?? []).includes(key) ||
    signups.some((s) => s.promotedFrom === key || (s.receivedFrom ?? []).includes(key))
  // Named, and the cancellation that named her has cancelled her: she carries its round from then on (places.ts).
  const landed = (s: (typeof signups)[number]) => {
    const mark = a.releasingMarks?.[s._id]
    return mark ? (s.releaseRound ?? 0) >= mark.round : s.status === 'cancelled'
  }
  const inTrust = (s: (typeof signups)[number]) =>
    s.status === 'releasing' || ((a.releasing ?? []).includes(s._id) && landed(s))
  // A member signed up again while her earlier place is still in trust holds both (her new one, and the old until
  // it is passed on): counted twice, as `taken` counts them.
  // A claim (places.ts TAKE) whose token no sign-up carries: its call died, or has not yet, before handing it over.
  const handed = new Set(signups.flatMap((s) => s.claimTokens ?? []))
  const unhanded = Object.keys(a.claims ?? {}).filter((token) => !handed.has(token))
  const holders = [
    ...signups.filter((s) => s.status === 'confirmed'),
    ...signups.filter((s) => inTrust(s) && !passedOn(keyOf(s))),
    ...unhanded,
  ]
  return {
    taken: a.taken,
    capacity: a.capacity,
    holders: holders.length,
    confirmed: signups.filter((s) => s.status === 'confirmed').length,
    releasing: a.releasing ?? [],
    claims: Object.keys(a.claims ?? {}),
  }
}

it('any schedule of held, resumed and dying calls leaves every place held by exactly one person', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(1, 2),
      fc.integer({ min: 0, max: 4 }),
      fc.array(command, { minLength: 3, maxLength: 12 }),
      async (capacity, signedUp, commands) => {
        const { activity } = await publishedActivity(t, { capacity })
        // Up to a full activity with people waiting (holders 0..capacity-1, the next two on the waitlist); fewer, so
        // that sign-ups find free places to take (and die holding).
        for (let i = 0; i < Math.min(signedUp, capacity + 2); i++)
          await t.ok(people[i], 'activity.signup', { activityId: activity.id })
        const pending: Held[] = []
        for (const c of commands) {
          if (c.op === 'call') {
            expect(codeOf(await t.call(people[c.who], `activity.${c.action}`, { activityId: activity.id }))).not.toBe(
              'INTERNAL',
            )
          } else if (c.op === 'hold') {
            const held = await startHeld(activity.id, c)
            if (held) pending.push(held)
          } else if (pending.length) {
            const [held] = pending.splice(c.pick % pending.length, 1)
            held.release(c.die)
            const end = await held.done
            if (!end.died) expect(end.code).not.toBe('INTERNAL')
          }
        }
        for (const held of pending.splice(0)) {
          held.release(null)
          expect((await held.done).code).not.toBe('INTERNAL')
        }
        const after = await places(activity.id)
        expect(after.confirmed).toBeLessThanOrEqual(capacity)
        expect(after.holders).toBe(after.taken)

        // Past every call's deadline, the next sign-up finishes what died half way: no name and no claim is left, and
        // the places counted are the confirmed members'.
        t.cloud.clock.advance(60_000)
        expect(codeOf(await t.call(people[6], 'activity.signup', { activityId: activity.id }))).toBe('ok')
        const swept = await places(activity.id)
        expect(swept.releasing).toEqual([])
        expect(swept.claims).toEqual([])
        expect(swept.confirmed).toBeLessThanOrEqual(capacity)
        expect(swept.taken).toBe(swept.confirmed)
      },
    ),
    { numRuns: 40, seed: 20261202, endOnFailure: true },
  )
})

it('sign-ups racing for the last places and dying anywhere leave every place held by exactly one person', async () => {
  // Fresh members only, on an activity with free places: each sign-up takes a place, hands it over and takes the
  // claim's name off (places.ts TAKE), so dying between any two of those writes is what is generated here.
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(1, 2),
      fc.array(
        fc.record({
          at: fc.integer({ min: 1, max: 3 }),
          pick: fc.nat(),
          die: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 4 }),
        }),
        { minLength: 2, maxLength: 5 },
      ),
      async (capacity, calls) => {
        const { activity } = await publishedActivity(t, { capacity })
        const pending: Held[] = []
        for (const [i, c] of calls.entries()) {
          const held = await startHeld(activity.id, { op: 'hold', action: 'signup', who: i, at: c.at })
          if (held) pending.push(held)
        }
        for (const c of calls) {
          if (!pending.length) break
          const [held] = pending.splice(c.pick % pending.length, 1)
          held.release(c.die)
          const end = await held.done
          if (!end.died) expect(end.code).not.toBe('INTERNAL')
        }
        const after = await places(activity.id)
        expect(after.confirmed).toBeLessThanOrEqual(capacity)
        expect(after.holders).toBe(after.taken)

        t.cloud.clock.advance(60_000)
        expect(codeOf(await t.call(people[6], 'activity.signup', { activityId: activity.id }))).toBe('ok')
        const swept = await places(activity.id)
        expect(swept.claims).toEqual([])
        expect(swept.confirmed).toBeLessThanOrEqual(capacity)
        expect(swept.taken).toBe(swept.confirmed)
      },
    ),
    { numRuns: 30, seed: 20261202, endOnFailure: true },
  )
})
