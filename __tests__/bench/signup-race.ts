// Benchmark (issue 6, "Proof"): the 2,000-for-100 sign-up race through the gateway. Prints throughput, p50/p99 and
// the invariants (confirmed == places, no duplicate sign-ups, waitlist positions distinct and gap-free), beside raw
// better-sqlite3 single-row insert throughput measured in the same run. Not a test: nothing passes or fails by time.
// Run with `npm run bench:signup`.
//
// Setup (not measured): a seeded data folder, 2,000 bound members written through the real database API, then the
// gateway; the union admin creates and publishes the activity through the gateway.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { decodeStored, encode } from '../../emulator/db/ejson'
import { SqliteDatabase } from '../../emulator/db/sqlite'
import { createLocalCloud } from '../../emulator/sdk'
import {
  addBenchMembers,
  closeHttp,
  errorText,
  fmt,
  httpJson,
  machineTable,
  ms,
  percentile,
  rawInsertBaseline,
  runBurst,
  seedDataDir,
  startGateway,
  table,
  writeReport,
} from './support'

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2000)
const PLACES = Number(process.env.BENCH_PLACES ?? 100)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200)
const TIME_CAP_MS = 240_000

/** What is in the SQLite file after the run, read with plain better-sqlite3 (the gateway has stopped). */
function invariants(file: string, activityId: string) {
  const db = new SqliteDatabase(file)
  try {
    const rows = (db.prepare('SELECT _id, doc FROM coll_signups').all() as { _id: string; doc: string }[])
      .map((r) => decodeStored(r.doc) as any)
      .filter((d) => d.activityId === activityId)
    const activity = decodeStored(
      (db.prepare('SELECT doc FROM coll_activities WHERE _id = ?').get(activityId) as { doc: string }).doc,
    ) as any
    const members = new Set(rows.map((r) => r.memberId))
    const byStatus: Record<string, number> = {}
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
    const waiting = rows
      .filter((r) => r.status === 'waitlisted')
      .sort((a, b) => +a.waitAt - +b.waitAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
    return {
      docs: rows.length,
      distinct: members.size,
      byStatus,
      taken: activity.taken as number,
      waiting: waiting.length,
      waitIds: waiting.map((w) => w._id as string),
    }
  } finally {
    db.close()
  }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-signup-'))
  try {
    console.log(`setup: ${MEMBERS} members in ${dataDir} …`)
    await seedDataDir(dataDir)
    const cloud = createLocalCloud({
      dbFile: path.join(dataDir, 'cloud.sqlite'),
      storageDir: path.join(dataDir, 'storage'),
    })
    const members = await addBenchMembers(cloud.db(), MEMBERS, 'org_treasury', 'race')
    const organiser = (await cloud.db().collection('members').where({ name: '赵晓燕' }).limit(1).get()).data[0]
      .openid as string
    cloud.close()

    const gw = await startGateway(dataDir)
    const call = (openid: string, action: string, input: unknown) =>
      httpJson(gw.base, 'POST', '/cloud/functions/activity', { action, input }, { 'x-wx-openid': openid })
    const t = Date.now()
    const saved = await call(organiser, 'save', {
      title: '巾帼志愿者进社区（压力测试）',
      kind: 'volunteer',
      subType: '巾帼志愿者进社区',
      description: '名额有限，先到先得。',
      place: '社区党群服务中心',
      startAt: new Date(t + 48 * 3600_000).toISOString(),
      endAt: new Date(t + 51 * 3600_000).toISOString(),
      signupOpenAt: new Date(t - 60_000).toISOString(),
      signupCloseAt: new Date(t + 24 * 3600_000).toISOString(),
      capacity: PLACES,
      waitlist: true,
    })
    if (!saved.ok) throw new Error(JSON.stringify(saved.error))
    const activityId = saved.data.activity.id as string
    await call(organiser, 'publish', { activityId })

    const s0 = await httpJson(gw.base, 'GET', '/dev/stats')
    const burst = await runBurst(members.length, CONCURRENCY, TIME_CAP_MS, (i) =>
      call(members[i].openid, 'signup', { activityId }),
    )
    const s1 = await httpJson(gw.base, 'GET', '/dev/stats')
    // The organiser's view of the waitlist, page by page: the positions members are shown.
    const shown: number[] = []
    const shownIds: string[] = []
    for (let page = 1; page <= 200; page++) {
      const r = await call(organiser, 'roster', { activityId, status: 'waitlisted', page })
      shown.push(...r.data.items.map((s: { position: number }) => s.position))
      shownIds.push(...r.data.items.map((s: { id: string }) => s.id))
      if (r.data.items.length < r.data.pageSize) break
    }
    await gw.stop()
    closeHttp()

    const inv = invariants(path.join(dataDir, 'cloud.sqlite'), activityId)
    const okCount = burst.results.filter((r) => r?.ok).length
    const throughput = (okCount / burst.elapsed) * 1000
    const sample = encode({
      _id: `${activityId}_m_race_0`,
      activityId,
      memberId: 'm_race_0',
      status: 'waitlisted',
      waitAt: new Date(),
      extra: [],
      createdAt: new Date(),
    })
    const raw = rawInsertBaseline(() => sample, 20_000)
    const gapFree = shown.length === inv.waiting && shown.every((p, i) => p === i + 1)
    const sameOrder = shownIds.join() === inv.waitIds.join()
    const confirmed = inv.byStatus.confirmed ?? 0
    const md = [
      '# Benchmark: sign-up race',
      '',
      `${MEMBERS} distinct bound members sign up for one activity with ${PLACES} places and a waitlist, through the local gateway`,
      `(HTTP on 127.0.0.1), ${CONCURRENCY} calls in flight at a time. Generated by \`npm run bench:signup\` (__tests__/bench/signup-race.ts).`,
      '',
      machineTable(),
      '',
      table(
        ['figure', 'value'],
        [
          ['sign-ups attempted', fmt(burst.latencies.length + (burst.errors['HTTP timeout'] ?? 0))],
          ['succeeded', fmt(okCount)],
          ['wall time of the burst', ms(burst.elapsed)],
          ['**throughput**', `**${fmt(throughput, 1)} sign-ups/s**`],
          ['latency p50', ms(percentile(burst.latencies, 50))],
          ['latency p99', ms(percentile(burst.latencies, 99))],
          ['errors by code', errorText(burst.errors)],
          ['database requests per sign-up', ((s1.requests - s0.requests) / Math.max(1, okCount)).toFixed(2)],
          [
            'sign-up documents / distinct members',
            `${fmt(inv.docs)} / ${fmt(inv.distinct)}${inv.docs === inv.distinct ? '' : ' **DUPLICATES**'}`,
          ],
          [
            'statuses',
            Object.entries(inv.byStatus)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', '),
          ],
          [
            '**confirmed == places** (and == taken counter)',
            `${confirmed === PLACES && inv.taken === PLACES ? 'yes' : '**NO**'} (confirmed ${confirmed}, taken ${inv.taken})`,
          ],
          [
            '**waitlist positions distinct and gap-free** (1…n as the roster shows them)',
            gapFree ? `yes (1…${shown.length})` : `**NO** (${shown.length} shown, ${inv.waiting} waitlisted)`,
          ],
          ['roster order = order of joining the waitlist', sameOrder ? 'yes' : '**NO**'],
        ],
      ),
      '',
      '## Baseline (same run)',
      '',
      table(
        ['figure', 'value'],
        [
          [
            'raw better-sqlite3: prepared single-row INSERT, one transaction each, WAL (20,000 rows)',
            `${fmt(raw.perSec)} rows/s`,
          ],
          [
            '**sign-up throughput / raw insert ceiling**',
            `**${(throughput / raw.perSec).toFixed(3)}** (1 : ${fmt(raw.perSec / throughput, 1)})`,
          ],
        ],
      ),
      '',
      'A sign-up is one HTTP call: identify the caller, read the activity, create the sign-up under its natural key,',
      'claim a place with a conditional update (or join the waitlist and re-check for a freed place), and answer with the',
      "member's waitlist position (two counts). The ceiling is one row write and nothing else.",
    ].join('\n')
    writeReport('signup-race', md)
  } finally {
    closeHttp()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
