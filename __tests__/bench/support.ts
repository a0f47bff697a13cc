// Shared pieces of the benchmarks (DESIGN §5): machine facts, percentiles, a raw SQLite baseline, the local cloud
// as a child process, and the markdown report under reports/bench/. Nothing here decides pass or fail.
import { spawn, type ChildProcess } from 'child_process'
import fs from 'fs'
import http from 'http'
import net from 'net'
import os from 'os'
import path from 'path'
import { SqliteDatabase } from '../../emulator/db/sqlite'
import { writeBoundMember } from '../functions/bound-member'

export const root = path.resolve(__dirname, '..', '..')

export function machine(): Record<string, string> {
  const cpus = os.cpus()
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // Other work on the machine skews every figure; the load at the end of the run says how busy it was.
    'load average (1/5/15 min)': os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
    date: new Date().toISOString(),
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

export function median(xs: number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  )
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0)} ms`
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export function now(): number {
  return performance.now()
}

/**
 * The ceiling for one-document writes: prepared single-row INSERTs into a WAL file with the store's own settings
 * (synchronous NORMAL), each in its own transaction, the same table shape and document text as the store writes.
 */
export function rawInsertBaseline(docText: (i: number) => string, rows: number): { perSec: number; ms: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-raw-'))
  const db = new SqliteDatabase(path.join(dir, 'raw.sqlite'))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.exec('CREATE TABLE t (_id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL)')
    const insert = db.prepare('INSERT INTO t (_id, doc, version) VALUES (?, ?, ?)')
    const one = db.transaction((i: number) => insert.run(`row_${i}`, docText(i), i))
    const texts = Array.from({ length: rows }, (_, i) => i)
    const t0 = now()
    for (const i of texts) one.immediate(i)
    const elapsed = now() - t0
    return { perSec: (rows / elapsed) * 1000, ms: elapsed }
  } finally {
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** Runs build/emulator/main.js once with `--reset --no-serve`: a seeded demo database and secrets in `dataDir`. */
export function seedDataDir(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'build', 'emulator', 'main.js'), '--reset', '--no-serve'], {
      cwd: root,
      env: { ...process.env, LOCAL_CLOUD_DATA: dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let err = ''
    child.stderr.on('data', (d) => (err += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new Error(`seeding failed (${code}): ${err}`))
    })
  })
}

export interface Gateway {
  child: ChildProcess
  base: string
  stop(): Promise<void>
}

/** Starts the local cloud as `npm start` runs it, on `dataDir` and a free loopback port (as e2e global-setup does). */
export async function startGateway(dataDir: string, env: Record<string, string> = {}): Promise<Gateway> {
  const port = await freePort()
  // BENCH_PROFILE_DIR: write a CPU profile of the gateway there (to see where a request's time goes).
  const prof = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []
  const child = spawn(process.execPath, [...prof, path.join(root, 'build', 'emulator', 'main.js')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOCAL_CLOUD_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`local cloud did not start:\n${log}`))
    }, 30_000)
    child.stdout!.on('data', (d) => {
      log += d.toString()
      if (log.includes('本地云已启动')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr!.on('data', (d) => (log += d.toString()))
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`local cloud exited with ${code}:\n${log}`))
    })
  })
  child.removeAllListeners('exit')
  child.stderr!.removeAllListeners('data')
  // Keep the gateway's error lines visible, but only the first few: a burst of identical failures would flood.
  let shown = 0
  child.stderr!.on('data', (d) => {
    if (shown++ < 5) process.stderr.write(`[gateway] ${d}`)
  })
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}

// One connection per call by default, as 2,000 phones would open. With keep-alive sockets opened in the middle of a
// burst (BENCH_KEEPALIVE=1) the gateway served reused sockets ahead of new connections and the first wave waited
// for the whole burst (p99 ≈ the burst's length), which measures the client's connection pool, not the cloud.
const agent = new http.Agent({ keepAlive: !!process.env.BENCH_KEEPALIVE, maxSockets: 256 })

/** One HTTP request on loopback; resolves with the parsed JSON body. */
export function httpJson(
  base: string,
  method: 'GET' | 'POST',
  pathname: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<any> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const req = http.request(
      `${base}${pathname}`,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
          } catch (e) {
            reject(e)
          }
        })
        res.on('error', reject)
      },
    )
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    if (payload) req.write(payload)
    req.end()
  })
}

export function closeHttp(): void {
  agent.destroy()
}

export function table(headers: string[], rows: (string | number)[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')
}

export function machineTable(): string {
  return table(['machine', ''], Object.entries(machine()))
}

/** Writes reports/bench/<name>.md and prints it. */
export function writeReport(name: string, markdown: string): string {
  const dir = path.join(root, 'reports', 'bench')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.md`)
  fs.writeFileSync(file, markdown.endsWith('\n') ? markdown : markdown + '\n')
  console.log('\n' + markdown)
  console.log(`\nreport written to ${path.relative(root, file)}`)
  return file
}

/** Writes `n` bound members of `branchId` through the real database API (benchmark setup, not measured). */
export async function addBenchMembers(
  db: import('../../cloudfunctions/_shared/db-types').Db,
  n: number,
  branchId: string,
  prefix: string,
): Promise<Array<{ id: string; openid: string }>> {
  const at = new Date()
  const out: Array<{ id: string; openid: string }> = []
  for (let i = 0; i < n; i++) {
    const phone = `136${String(i).padStart(8, '0')}`
    const id = `m_${prefix}_${i}`
    const openid = `${prefix}_${i}`
    await writeBoundMember(db, { id, openid, name: `党员${i}`, phone, branchId }, at)
    out.push({ id, openid })
  }
  return out
}

export interface BurstResult {
  elapsed: number
  latencies: number[]
  errors: Record<string, number>
  results: Array<{ ok: boolean; data?: any; error?: { code: string } } | null>
}

/**
 * Issues `count` calls with at most `concurrency` in flight, stopping new calls after `timeCapMs` whatever happened.
 * Each call's latency and error code are recorded; nothing decides pass or fail by time.
 */
export async function runBurst(
  count: number,
  concurrency: number,
  timeCapMs: number,
  call: (i: number) => Promise<any>,
): Promise<BurstResult> {
  const latencies: number[] = []
  const errors: Record<string, number> = {}
  const results: BurstResult['results'] = new Array(count).fill(null)
  let next = 0
  const started = now()
  const deadline = started + timeCapMs
  const worker = async () => {
    while (next < count && now() < deadline) {
      const i = next++
      const t = now()
      try {
        const res = await call(i)
        latencies.push(now() - t)
        results[i] = res
        if (!res.ok) errors[res.error?.code ?? 'UNKNOWN'] = (errors[res.error?.code ?? 'UNKNOWN'] ?? 0) + 1
      } catch (e) {
        const code = e instanceof Error ? `HTTP ${e.message}` : 'HTTP error'
        errors[code] = (errors[code] ?? 0) + 1
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return { elapsed: now() - started, latencies: latencies.sort((a, b) => a - b), errors, results }
}

export const errorText = (errors: Record<string, number>) =>
  Object.keys(errors).length
    ? Object.entries(errors)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')
    : 'none'
