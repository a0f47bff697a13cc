// Benchmark (issue 3, "Proof"): 2,000 distinct members sign in to one meeting concurrently through the gateway.
// Prints throughput, latency percentiles, the records written (must be 2,000, no duplicates), errors by code and
// database requests per check-in, beside raw better-sqlite3 single-row insert throughput measured in the same run.
// Not a test: nothing here passes or fails by time (DESIGN §5). Run with `npm run bench:checkin`.
//
// Setup (not measured): a seeded data folder, then 2,000 members of 办公室党支部 with bound WeChat identities and one
// meeting written through the real database API from this process, BEFORE the gateway starts on the same file. The
// meeting document is written directly (same shape as cloudfunctions/meeting/meetings.ts `create` writes) because
// the contract caps `meeting.create` expectedIds at 500.
import { createHash } from 'crypto'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { memberIdFor } from '../../cloudfunctions/member/member-id'
import { DEFAULT_WINDOW } from '../../src/domain/attendance.rules'
import { encode } from '../../emulator/db/ejson'
import { SqliteDatabase } from '../../emulator/db/sqlite'
import { createLocalCloud } from '../../emulator/sdk'
import { writeBoundMember } from '../functions/bound-member'
import {
  closeHttp,
  fmt,
  httpJson,
  machineTable,
  ms,
  now,
  percentile,
  rawInsertBaseline,
  seedDataDir,
  startGateway,
  table,
  writeReport,
} from './support'

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200)
/** The burst stops issuing calls after this long, whatever happened. */
const TIME_CAP_MS = 180_000
const TOKEN_REFRESH_MS = 5_000
const BRANCH = 'org_office'
const BRANCH_ADMIN = '李秀英'

async function setup(dataDir: string) {
  await seedDataDir(dataDir)
  const cloud = createLocalCloud({
    dbFile: path.join(dataDir, 'cloud.sqlite'),
    storageDir: path.join(dataDir, 'storage'),
  })
  try {
    const db = cloud.db()
    const admin = (await db.collection('members').where({ name: BRANCH_ADMIN }).limit(1).get()).data[0] as {
      _id: string
      openid: string
    }
    const at = new Date()
    const members: { id: string; openid: string }[] = []
    for (let i = 0; i < MEMBERS; i++) {
      const phone = `1370${String(i).padStart(7, '0')}`
      const id = memberIdFor(phone)
      const openid = `bench_${i}`
      await writeBoundMember(
        db,
        { id, openid, name: `党员${i}`, phone, branchId: BRANCH, gender: i % 2 ? '男' : '女' },
        at,
      )
      members.push({ id, openid })
    }
    // Starts in 20 minutes: the window (opens 30 min before) is open for the whole run and nobody is late.
    const startAt = new Date(Math.ceil((at.getTime() + 20 * 60_000) / 60_000) * 60_000)
    const endAt = new Date(startAt.getTime() + 90 * 60_000)
    const type = 'branch_assembly'
    const meetingId =
      'mt' + createHash('sha256').update(`${BRANCH}||${type}|${startAt.toISOString()}`).digest('hex').slice(0, 12)
    await db.collection('meetings').add({
      data: {
        _id: meetingId,
        branchId: BRANCH,
        groupId: null,
        title: '签到压力测试：支部党员大会',
        type,
        startAt,
        endAt,
        place: '礼堂',
        agenda: null,
        notes: null,
        expectedIds: members.map((m) => m.id),
        expectedCount: members.length,
        open: false,
        window: DEFAULT_WINDOW,
        staticCode: false,
        status: 'scheduled',
        cancelReason: null,
        createdBy: admin._id,
        createdAt: at,
        updatedAt: at,
        closedAt: null,
      },
    })
    return { members, meetingId, adminOpenid: admin.openid }
  } finally {
    cloud.close()
  }
}

type Stats = { requests: number; byAction: Record<string, number> }

function diffStats(a: Stats, b: Stats): Stats {
  const byAction: Record<string, number> = {}
  for (const [k, v] of Object.entries(b.byAction)) if (v - (a.byAction[k] ?? 0)) byAction[k] = v - (a.byAction[k] ?? 0)
  return { requests: b.requests - a.requests, byAction }
}

/** What is in the SQLite file after the run, read with plain better-sqlite3 (the gateway has stopped). */
function recordsWritten(file: string, meetingId: string) {
  const db = new SqliteDatabase(file)
  try {
    const rows = db.prepare('SELECT _id, doc FROM coll_attendance').all() as { _id: string; doc: string }[]
    const mine = rows.map((r) => ({ id: r._id, doc: JSON.parse(r.doc) })).filter((r) => r.doc.meetingId === meetingId)
    const byMember = new Map<string, number>()
    for (const r of mine) byMember.set(r.doc.memberId, (byMember.get(r.doc.memberId) ?? 0) + 1)
    const duplicates = [...byMember.entries()].filter(([, n]) => n > 1)
    const statuses: Record<string, number> = {}
    for (const r of mine) statuses[r.doc.status] = (statuses[r.doc.status] ?? 0) + 1
    return { docs: mine.length, distinctMembers: byMember.size, duplicates, statuses }
  } finally {
    db.close()
  }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-checkin-'))
  console.log(`setup: ${MEMBERS} members, bindings and one meeting in ${dataDir} …`)
  const t0 = now()
  const { members, meetingId, adminOpenid } = await setup(dataDir)
  console.log(`setup done in ${ms(now() - t0)}; starting the gateway`)
  const gw = await startGateway(dataDir)
  const call = (openid: string, action: string, input: unknown) =>
    httpJson(gw.base, 'POST', '/cloud/functions/meeting', { action, input }, { 'x-wx-openid': openid })

  try {
    // One token fetch on its own, to know what the periodic refreshes add to the request count.
    let s0: Stats = await httpJson(gw.base, 'GET', '/dev/stats')
    const first = await call(adminOpenid, 'qrToken', { meetingId })
    if (!first.ok) throw new Error(`qrToken failed: ${JSON.stringify(first.error)}`)
    let token: string = first.data.token
    const s1: Stats = await httpJson(gw.base, 'GET', '/dev/stats')
    const perTokenFetch = s1.requests - s0.requests
    s0 = s1

    let refreshes = 0
    const refresher = setInterval(() => {
      call(adminOpenid, 'qrToken', { meetingId })
        .then((r) => {
          if (r.ok) token = r.data.token
          refreshes++
        })
        .catch(() => {})
    }, TOKEN_REFRESH_MS)

    const latencies: number[] = []
    const trace: [number, number][] = []
    const errors: Record<string, number> = {}
    const already: number[] = []
    let next = 0
    let done = 0
    const started = now()
    const deadline = started + TIME_CAP_MS
    const worker = async () => {
      while (next < members.length && now() < deadline) {
        const m = members[next++]
        const t = now()
        try {
          const res = await call(m.openid, 'checkIn', { token })
          latencies.push(now() - t)
          if (process.env.BENCH_TRACE) trace.push([Math.round(t - started), Math.round(now() - t)])
          if (!res.ok) errors[res.error?.code ?? 'UNKNOWN'] = (errors[res.error?.code ?? 'UNKNOWN'] ?? 0) + 1
          else if (res.data.already) already.push(1)
        } catch (e) {
          const code = e instanceof Error ? `HTTP ${e.message}` : 'HTTP error'
          errors[code] = (errors[code] ?? 0) + 1
        }
        done++
      }
    }
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, members.length) }, worker))
    const elapsed = now() - started
    if (process.env.BENCH_TRACE) fs.writeFileSync(process.env.BENCH_TRACE, trace.map((r) => r.join(' ')).join('\n'))
    clearInterval(refresher)
    const s2: Stats = await httpJson(gw.base, 'GET', '/dev/stats')
    await gw.stop()
    closeHttp()

    const used = diffStats(s0, s2)
    const checkinRequests = used.requests - refreshes * perTokenFetch
    const sorted = [...latencies].sort((a, b) => a - b)
    const written = recordsWritten(path.join(dataDir, 'cloud.sqlite'), meetingId)
    const okCount = done - Object.values(errors).reduce((a, b) => a + b, 0)

    // The ceiling: the same number of one-row write transactions, nothing else, on the same kind of file.
    const sampleDoc = encode({
      _id: `${meetingId}_m_0123456789abcdef`,
      meetingId,
      memberId: 'm_0123456789abcdef',
      branchId: BRANCH,
      meetingStartAt: new Date(),
      meetingType: 'branch_assembly',
      status: 'present',
      at: new Date(),
      method: 'scan',
      extra: false,
      cancelled: false,
      markedById: null,
      markedByName: null,
      reason: null,
    })
    const raw = rawInsertBaseline(() => sampleDoc, 20_000)
    const throughput = (okCount / elapsed) * 1000

    const md = [
      '# Benchmark: check-in burst',
      '',
      `${MEMBERS} distinct bound members of one branch sign in to one meeting through the local gateway (HTTP on 127.0.0.1),`,
      `${CONCURRENCY} calls in flight at a time, each with its own \`x-wx-openid\`; the rotating code is fetched again every`,
      `${TOKEN_REFRESH_MS / 1000} s by the organiser as the screen would. Generated by \`npm run bench:checkin\``,
      `(__tests__/bench/checkin-burst.ts). Index narrowing: ${process.env.LOCAL_DB_NO_INDEX ? 'off (LOCAL_DB_NO_INDEX=1)' : 'on'}.`,
      '',
      machineTable(),
      '',
      table(
        ['figure', 'value'],
        [
          ['check-ins attempted', fmt(done)],
          ['succeeded', fmt(okCount)],
          ['wall time of the burst', ms(elapsed)],
          ['**throughput**', `**${fmt(throughput, 1)} check-ins/s**`],
          ['latency p50', ms(percentile(sorted, 50))],
          ['latency p99', ms(percentile(sorted, 99))],
          ['latency max', ms(sorted[sorted.length - 1] ?? NaN)],
          [
            'errors by code',
            Object.keys(errors).length
              ? Object.entries(errors)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(', ')
              : 'none',
          ],
          ['answered "already signed in"', fmt(already.length)],
          ['attendance documents for the meeting', fmt(written.docs)],
          ['distinct members among them', fmt(written.distinctMembers)],
          ['duplicates', written.duplicates.length ? `**DUPLICATES: ${written.duplicates.length}**` : 'none'],
          [
            'statuses',
            Object.entries(written.statuses)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', '),
          ],
          [
            'records written = members',
            written.docs === MEMBERS && written.distinctMembers === MEMBERS && !written.duplicates.length
              ? 'yes'
              : '**NO**',
          ],
          ['database requests per check-in', (checkinRequests / Math.max(1, done)).toFixed(2)],
          [
            '  by action (burst, incl. token refreshes)',
            Object.entries(used.byAction)
              .map(([k, v]) => `${k.replace('database.', '')}: ${v}`)
              .join(', '),
          ],
          ['token refreshes during the burst', `${refreshes} × ${perTokenFetch} requests`],
        ],
      ),
      '',
      '## Baseline (same run)',
      '',
      table(
        ['figure', 'value'],
        [
          [
            'raw better-sqlite3: prepared single-row INSERT, one transaction each, WAL, synchronous=NORMAL (20,000 rows)',
            `${fmt(raw.perSec)} rows/s`,
          ],
          [
            '**check-in throughput / raw insert ceiling**',
            `**${(throughput / raw.perSec).toFixed(3)}** (1 : ${fmt(raw.perSec / throughput, 1)})`,
          ],
        ],
      ),
      '',
      'A check-in is one HTTP call running the whole function: identify the caller (binding, member), read the meeting',
      '(with its 2,000-id expected list), read the record, then a transaction (start, read record, read leave, set,',
      'commit). The ceiling does none of that, so the ratio says how much of a check-in is the write itself.',
      '',
      '## History (not this run)',
      '',
      'Before the store changes of the same session (commit 3f27ccf: bson EJSON on every read and response, mingo on',
      '`_id` lookups, random request ids): about 214 check-ins/s, p50 ≈ 0.9 s, p99 ≈ 1.3 s on this machine.',
    ].join('\n')
    writeReport('checkin-burst', md)
    if (written.duplicates.length)
      console.log(`DUPLICATES: ${written.duplicates.map(([id, n]) => `${id}×${n}`).join(', ')}`)
  } finally {
    await gw.stop()
    closeHttp()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
