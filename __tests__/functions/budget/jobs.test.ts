// Timer jobs within their database-call budgets (src/contract/budget.ts JOB_BUDGETS), per batch, on an audience of
// ten and of two thousand: a tick's requests are recorded in order (the local cloud's per-request hook) and cut at
// each cursor save of the job runner, so every batch is measured on its own, whatever the audience.
import { JOB_BUDGETS } from '../../../src/contract/budget'
import { writeBoundMember } from '../bound-member'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { publishedActivity } from '../activity/fixtures'

const HOUR = 3600_000

interface Tick {
  /** Requests before the first job's lease (finding due items, queuing, finding due jobs). */
  head: number
  /** Requests of each batch: from the lease or the previous save to its cursor save, that save included. */
  batches: number[]
  /** The same, job by job (a tick may get through several). */
  jobs: number[][]
  /** Requests after the last save (none: a job ends with a save). */
  tail: number
  leases: number
  total: number
  /** Messages the tick sent (the outbox's writes): the walk did reach members and spend their consents. */
  sent: number
}

/** Runs one timer tick, recording its requests in order; `jobCollection` is where the job runner keeps its state. */
async function measureTick(t: TestCloud, fn: string, trigger: string, jobCollection: string): Promise<Tick> {
  const seen: Array<{ action: string; collection: string; query: string }> = []
  const res = await t.timer(fn, trigger, {
    beforeRequest: (action, params) => {
      const p = (params ?? {}) as { collectionName?: string; query?: unknown }
      seen.push({ action, collection: p.collectionName ?? '', query: JSON.stringify(p.query ?? '') })
    },
  })
  expect(res).toMatchObject({ ok: true })
  // The outbox is the local stand-in of WeChat's send, not a database call of the function in production.
  const reqs = seen.filter((r) => r.collection !== 'outbox')
  const onJob = (r: (typeof reqs)[number]) => r.action === 'database.modifyDocument' && r.collection === jobCollection
  const sent = seen.filter((r) => r.collection === 'outbox' && r.action === 'database.insertDocument').length
  const out: Tick = { head: 0, batches: [], jobs: [], tail: 0, leases: 0, total: reqs.length, sent }
  let open = -1
  reqs.forEach((r, i) => {
    if (onJob(r) && r.query.includes('leaseUntil')) {
      if (open < 0) out.head = i
      out.leases++
      out.jobs.push([])
      open = i
    } else if (onJob(r) && r.query.includes('runner')) {
      out.batches.push(i - open)
      out.jobs[out.jobs.length - 1].push(i - open)
      open = i
    }
  })
  out.tail = reqs.length - 1 - open
  return out
}

/**
 * How the added members' consents stand: three free ones each, or (`lapsed`) none free and one held for a meeting
 * that has already started — a hold that has ended, which a reminder of another item spends only after finding no
 * free one (cloudfunctions/_shared/subscriptions.ts sendWithCredit): the dearest way a consent is spent.
 */
type Consents = 'free' | 'lapsed'

/** Adds `n` bound members to 办公室党支部, each holding consents to `templateId` as `consents` says (setup, unmetered). */
async function addOfficeMembers(t: TestCloud, n: number, templateIds: string[], consents: Consents = 'free') {
  const db = t.cloud.db()
  const at = t.cloud.clock.now()
  for (let i = 0; i < n; i += 100)
    await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, async (_, k) => {
        const j = i + k
        const id = `m_job_${String(j).padStart(5, '0')}`
        const openid = `wx_job_${j}`
        const phone = `136${String(j).padStart(8, '0')}`
        await writeBoundMember(db, { id, openid, name: `党员${j}`, phone, branchId: 'org_office' }, at)
        for (const templateId of templateIds)
          await db
            .collection('subscriptions')
            .doc(`${id}_${templateId}`)
            .set({
              data: {
                memberId: id,
                openid,
                branchId: 'org_office',
                templateId,
                ...(consents === 'free'
                  ? { credits: 3, held: {} }
                  : {
                      credits: 0,
                      held: { meeting_started_earlier: 1 },
                      heldUntil: { meeting_started_earlier: new Date(at.getTime() - 24 * HOUR) },
                    }),
              },
            })
      }),
    )
}

/** Confirmed places for the first `n` added members (setup, unmetered). */
async function confirmPlaces(t: TestCloud, activityId: string, n: number) {
  const db = t.cloud.db()
  const at = t.cloud.clock.now()
  for (let i = 0; i < n; i += 100)
    await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, (_, k) => {
        const memberId = `m_job_${String(i + k).padStart(5, '0')}`
        return db
          .collection('signups')
          .doc(`${activityId}_${memberId}`)
          .set({
            data: {
              activityId,
              memberId,
              status: 'confirmed',
              branchId: 'org_office',
              createdAt: at,
              updatedAt: at,
              waitAt: null,
            },
          })
      }),
    )
}

async function remindScene(extra: number, consents: Consents = 'free'): Promise<TestCloud> {
  const t = await startTestCloud()
  await addOfficeMembers(t, extra, ['local_reminder'], consents)
  const admin = await t.openidOf('李秀英')
  const chen = await t.openidOf('陈建国')
  const iso = (h: number) => new Date(t.cloud.clock.now().getTime() + h * HOUR).toISOString()
  const { meeting } = await t.ok(admin, 'meeting.create', {
    branchId: 'org_office',
    title: '12 月支部党员大会',
    type: 'branch_assembly',
    startAt: iso(1.5),
    endAt: iso(3),
    place: '三楼会议室',
  })
  const { article } = await t.ok(chen, 'study.save', {
    title: '学习贯彻全会精神',
    category: '第一议题',
    markdown: '正文',
    required: true,
    audienceBranchIds: ['org_office'],
    deadline: iso(20),
    readMinutes: 1,
  })
  await t.ok(chen, 'study.publish', { articleId: article.id })
  const { activity } = await publishedActivity(t, {
    startAt: iso(10),
    endAt: iso(13),
    signupCloseAt: iso(5),
    capacity: 5000,
    waitlist: false,
  })
  await confirmPlaces(t, activity.id, Math.max(10, extra))
  await t.ok(admin, 'remind.send', { kind: 'meeting', itemId: meeting.id })
  return t
}

async function studyScene(extra: number): Promise<TestCloud> {
  const t = await startTestCloud()
  await addOfficeMembers(t, extra, ['local_study_required'])
  const chen = await t.openidOf('陈建国')
  const { article } = await t.ok(chen, 'study.save', {
    title: '学习贯彻全会精神',
    category: '第一议题',
    markdown: '正文',
    required: true,
    audienceBranchIds: ['org_office'],
    deadline: new Date(t.cloud.clock.now().getTime() + 72 * HOUR).toISOString(),
    readMinutes: 1,
  })
  await t.ok(chen, 'study.publish', { articleId: article.id })
  return t
}

const SIZES = { ten: 10, twoThousand: 2000 }

describe.each([
  ['remind.dispatch', 'remind', 'dispatch', 'reminder_jobs', (n: number) => remindScene(n)] as const,
  // Every added member's only consent is a hold whose meeting has started: each send first finds no free one.
  [
    'remind.dispatch, lapsed consents',
    'remind',
    'dispatch',
    'reminder_jobs',
    (n: number) => remindScene(n, 'lapsed'),
  ] as const,
  ['study.dispatchDue', 'study', 'dispatchDue', 'articles', studyScene] as const,
])('%s', (name, fn, trigger, jobCollection, scene) => {
  const budget = JOB_BUDGETS[name]
  const ticks: Record<string, Tick> = {}
  /** Consents held for a meeting that had started, spent by the tick (the lapsed scene's members hold one each). */
  const lapsedSpent: Record<string, number> = {}

  beforeAll(async () => {
    for (const [label, n] of Object.entries(SIZES)) {
      const t = await scene(n)
      try {
        ticks[label] = await measureTick(t, fn, trigger, jobCollection)
        lapsedSpent[label] = await t.count('subscriptions', { 'held.meeting_started_earlier': 0 })
      } finally {
        t.close()
      }
    }
  }, 300_000)

  it.each(Object.keys(SIZES))('every batch within its budget, with an audience of %s', (label) => {
    const tick = ticks[label]
    expect(tick.leases).toBeGreaterThan(0)
    expect(tick.sent).toBeGreaterThan(0)
    // The lapsed scene measured what it says: its sends were paid with consents whose meeting had started.
    if (name.includes('lapsed')) expect(lapsedSpent[label]).toBeGreaterThan(0)
    expect(tick.batches.length).toBeGreaterThan(1)
    expect(Math.max(...tick.batches)).toBeLessThanOrEqual(budget.perBatch)
    // Outside the batches: the tick's own reads and queuing before the first lease, and each further job's lease
    // (counted in its first batch above) — nothing after the last save.
    expect(tick.head).toBeLessThanOrEqual(budget.fixed)
    expect(tick.tail).toBe(0)
  })

  it("two thousand take more batches, not dearer ones: the tick's own part is the same, every full batch alike", () => {
    expect(ticks.twoThousand.head).toBe(ticks.ten.head)
    // The larger audience is really walked batch by batch (the tick is not answering from a shortcut; how many batches
    // one tick gets through before its run budget depends on the machine, so only a few are required) …
    expect(ticks.twoThousand.batches.length).toBeGreaterThanOrEqual(4)
    // … and a batch in the middle of a job's walk of two thousand costs what the second one did: nothing grows as the
    // walk goes on (a page of candidates read once per ten batches may differ by one). Compared within each job's
    // walk: another item's walk may cost differently per batch for its own reason (in the lapsed scene the first job
    // spends every member's one consent, so the later items' batches find none and write no spend).
    // The walk goes by member id, so the seeded members (no consents: no spend write each) come last, after the
    // m_job_ ones; the last batches (theirs, and the closing save) are left out of the comparison.
    const walks = ticks.twoThousand.jobs.map((b) => b.slice(1, -2)).filter((m) => m.length > 2)
    expect(walks.length).toBeGreaterThan(0)
    for (const middle of walks) expect(Math.max(...middle) - Math.min(...middle)).toBeLessThanOrEqual(1)
  })
})
