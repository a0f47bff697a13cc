// Benchmark (issue 10, "Quotas, counted"): what a 2,000-member 七一 test rush (start, one save per question, submit)
// a 2,000-member sign-up rush for an activity's places and a 2,000-member meeting check-in rush cost in CloudBase requests, measured by the local cloud's per-invocation
// meter (emulator/db/request.ts), set against the base plan's documented quotas. The figures that matter are counts
// (function calls, database reads and writes per member), which do not depend on this machine; the wall time and the
// in-process request rate are printed for the record only. Nothing passes or fails. Run with `npm run bench:quota`.
//
// Quotas (基础版, per environment; developers.weixin.qq.com/minigame/en/dev/wxcloud/basis/concepts/quota.html):
// database reads 50,000/day, writes 30,000/day, QPS 30, 20 concurrent connections; cloud function calls
// 200,000/month, 20 concurrent requests per function.
import type { RequestMeter } from '../../emulator/db'
import { startTestCloud, type TestCloud } from '../functions/local-cloud'
import { publishedActivity } from '../functions/activity/fixtures'
import { officeMeeting, tokenFor } from '../functions/meeting/fixtures'
import { importBank, publishedQuiz } from '../functions/quiz/fixtures'
import { addBenchMembers, fmt, machineTable, now, table, writeReport } from './support'

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2000)
/** In flight at once: CloudBase's documented ceiling of concurrent requests for one function. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20)

const QUOTA = { readsPerDay: 50_000, writesPerDay: 30_000, dbQps: 30, callsPerMonth: 200_000, perFunction: 20 }

interface Tally {
  calls: number
  reads: number
  writes: number
  other: number
  failed: Record<string, number>
  peak: number
  ms: number
}

const blank = (): Tally => ({ calls: 0, reads: 0, writes: 0, other: 0, failed: {}, peak: 0, ms: 0 })

function add(t: Tally, m: RequestMeter) {
  t.calls++
  t.reads += m.reads
  t.writes += m.writes
  t.other += m.other
}

/** Runs `work(i)` for every member with at most CONCURRENCY in flight; records the peak actually reached. */
async function pool(n: number, tally: Tally, work: (i: number) => Promise<void>) {
  let next = 0
  let inFlight = 0
  const started = now()
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, n) }, async () => {
      while (next < n) {
        const i = next++
        inFlight++
        tally.peak = Math.max(tally.peak, inFlight)
        try {
          await work(i)
        } finally {
          inFlight--
        }
      }
    }),
  )
  tally.ms = now() - started
}

async function metered(t: TestCloud, tally: Tally, openid: string, name: string, input: Record<string, unknown>) {
  const { res, requests } = await t.metered(openid, name as never, input)
  add(tally, requests)
  if (!res.ok) tally.failed[res.error.code] = (tally.failed[res.error.code] ?? 0) + 1
  return res
}

/** The baseline, measured in the same run: one member's whole sequence with nobody else calling. */
async function alone(
  members: Array<{ openid: string }>,
  run: (tally: Tally, i: number) => Promise<void>,
): Promise<Tally> {
  const tally = blank()
  const started = now()
  await run(tally, members.length - 1)
  tally.peak = 1
  tally.ms = now() - started
  return tally
}

async function quizRush(): Promise<{ tally: Tally; base: Tally; questions: number }> {
  const t = await startTestCloud()
  try {
    const members = await addBenchMembers(t.cloud.db(), MEMBERS, 'org_office', 'rush')
    await importBank(t)
    const { quiz } = await publishedQuiz(t, { durationMin: 60 })
    let questions = 0
    const one = async (tally: Tally, i: number) => {
      const m = members[i]
      const started = await metered(t, tally, m.openid, 'quiz.start', { quizId: quiz.id })
      if (!started.ok) return
      const attempt = (started.data as { attempt: { attemptId: string; questions: Array<{ id: string }> } }).attempt
      questions = attempt.questions.length
      for (const q of attempt.questions)
        await metered(t, tally, m.openid, 'quiz.saveAnswer', {
          attemptId: attempt.attemptId,
          questionId: q.id,
          choice: [0],
        })
      await metered(t, tally, m.openid, 'quiz.submit', { attemptId: attempt.attemptId })
    }
    const base = await alone(members, one)
    const tally = blank()
    await pool(members.length - 1, tally, (i) => one(tally, i))
    return { tally, base, questions }
  } finally {
    t.close()
  }
}

async function checkInRush(): Promise<{ tally: Tally; base: Tally }> {
  const t = await startTestCloud()
  try {
    const members = await addBenchMembers(t.cloud.db(), MEMBERS, 'org_office', 'scan')
    // Created after the roster grew, so all of them are expected; sign-in opens before the start.
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 5 })
    const token = await tokenFor(t, admin, meeting.id)
    // One scan each, and one in ten scans twice (a double tap), as at a real door.
    const one = async (tally: Tally, i: number) => {
      await metered(t, tally, members[i].openid, 'meeting.checkIn', { token })
      if (i % 10 === 0) await metered(t, tally, members[i].openid, 'meeting.checkIn', { token })
    }
    // The baseline member scans once and once more (the double tap), alone.
    const base = await alone(members, async (tally, i) => {
      await metered(t, tally, members[i].openid, 'meeting.checkIn', { token })
      await metered(t, tally, members[i].openid, 'meeting.checkIn', { token })
    })
    const tally = blank()
    await pool(members.length - 1, tally, (i) => one(tally, i))
    return { tally, base }
  } finally {
    t.close()
  }
}

async function signupRush(): Promise<{ tally: Tally; base: Tally }> {
  const t = await startTestCloud()
  try {
    const members = await addBenchMembers(t.cloud.db(), MEMBERS, 'org_office', 'join')
    // 100 places and a waitlist: the first hundred get a place, everyone after them a waitlist position.
    const { activity } = await publishedActivity(t, { capacity: 100, waitlist: true })
    const input = { activityId: activity.id }
    // One sign-up each, one in ten tapping twice, as when a popular activity opens.
    const one = async (tally: Tally, i: number) => {
      await metered(t, tally, members[i].openid, 'activity.signup', input)
      if (i % 10 === 0) await metered(t, tally, members[i].openid, 'activity.signup', input)
    }
    const base = await alone(members, async (tally, i) => {
      await metered(t, tally, members[i].openid, 'activity.signup', input)
      await metered(t, tally, members[i].openid, 'activity.signup', input)
    })
    const tally = blank()
    await pool(members.length - 1, tally, (i) => one(tally, i))
    return { tally, base }
  } finally {
    t.close()
  }
}

function rows(name: string, t: Tally, members: number) {
  const db = t.reads + t.writes + t.other
  return [
    name,
    fmt(t.calls),
    fmt(t.calls / members, 2),
    fmt(t.reads),
    fmt(t.writes),
    fmt(t.other),
    fmt(db / members, 1),
    `${fmt((t.reads / QUOTA.readsPerDay) * 100, 1)} %`,
    `${fmt((t.writes / QUOTA.writesPerDay) * 100, 1)} %`,
    `${fmt(db / QUOTA.dbQps / 60, 1)} min`,
    String(t.peak),
    Object.keys(t.failed).length ? JSON.stringify(t.failed) : '—',
  ]
}

async function main() {
  console.log(`quota rush: ${MEMBERS} members, ${CONCURRENCY} in flight …`)
  const quiz = await quizRush()
  console.log(`七一 test: ${quiz.tally.calls} calls in ${(quiz.tally.ms / 1000).toFixed(1)} s`)
  const signup = await signupRush()
  console.log(`sign-up: ${signup.tally.calls} calls in ${(signup.tally.ms / 1000).toFixed(1)} s`)
  const checkIn = await checkInRush()
  const scans = checkIn.tally
  console.log(`check-in: ${scans.calls} calls in ${(scans.ms / 1000).toFixed(1)} s`)
  const rushed = MEMBERS - 1

  const headers = [
    'rush',
    'function calls',
    'calls / member',
    'db reads',
    'db writes',
    'db other',
    'db requests / member',
    'of reads/day (50,000)',
    'of writes/day (30,000)',
    'shortest rush at 30 QPS',
    'peak in flight',
    'refused',
  ]
  const report = `# Quota rush: what 2,000 members cost in CloudBase requests

${MEMBERS} members of one branch, at most ${CONCURRENCY} calls in flight (CloudBase's documented limit of concurrent
requests for one function). 七一 test: \`quiz.start\`, one \`quiz.saveAnswer\` per question (${quiz.questions}
questions on this paper), \`quiz.submit\`. Activity sign-up: one \`activity.signup\` per member for an activity with 100
places and a waitlist, one in ten twice. Meeting check-in: one \`meeting.checkIn\` per member, one in ten twice.
Counts come from the local cloud's per-invocation request meter; they are the same on any machine.

${table(headers, [
  rows('七一 test, one member alone (baseline)', quiz.base, 1),
  rows(`七一 test, ${fmt(rushed)} members in the rush`, quiz.tally, rushed),
  rows('activity sign-up, one member tapping twice alone (baseline)', signup.base, 1),
  rows(`activity sign-up, ${fmt(rushed)} members in the rush (100 places, the rest waitlisted)`, signup.tally, rushed),
  rows('check-in, one member scanning twice alone (baseline)', checkIn.base, 1),
  rows(`check-in, ${fmt(rushed)} members in the rush`, scans, rushed),
])}

The baseline rows are the same sequence for one member with nobody else calling, measured in the same run: a rush
that cost more per member than the baseline would be paying for conflicts and retries. Quota shares in the baseline
rows are for that one member.

Against the base plan (基础版, per environment: database reads 50,000/day, writes 30,000/day, QPS 30, 20 concurrent
connections; cloud function calls 200,000/month, 20 concurrent requests per function;
developers.weixin.qq.com/minigame/en/dev/wxcloud/basis/concepts/quota.html). "Shortest rush at 30 QPS" is every
database request of the rush divided by the QPS limit: members arriving faster than that queue or are refused.

Wall time here (one process, in-memory SQLite, not a production figure): 七一 test ${(quiz.tally.ms / 1000).toFixed(1)} s,
sign-up ${(signup.tally.ms / 1000).toFixed(1)} s, check-in ${(scans.ms / 1000).toFixed(1)} s.

## Machine

${machineTable()}
`
  writeReport('quota-rush', report)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
