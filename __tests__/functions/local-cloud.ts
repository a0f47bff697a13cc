import fs from 'fs'
import os from 'os'
import path from 'path'
import type { InputOf, OutputOf, ProcedureName } from '../../src/contract'
import type { ErrorBody } from '../../src/contract/errors'
import { invoke, invokeMetered, loadFunctions, type InvokeOptions } from '../../emulator/functions'
import type { RequestMeter } from '../../emulator/db'
import { createCollections } from '../../emulator/deploy'
import { createLocalCloud, type LocalCloud } from '../../emulator/sdk'
import { seedDemo } from '../../emulator/seed'

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

export interface TestCloud {
  cloud: LocalCloud
  /**
   * Calls a procedure as `openid`, exactly as the gateway would. `opts.dbDelayMs` slows the database for this call
   * only (real time), to drive a function past its timeout; a timed-out call answers `{ errCode: -504002, errMsg }`.
   */
  call<N extends ProcedureName>(
    openid: string,
    name: N,
    input: InputOf<N> | Record<string, unknown>,
    opts?: InvokeOptions,
  ): Promise<Envelope<OutputOf<N>>>
  /** Like `call`, but fails the test unless the call succeeded. */
  ok<N extends ProcedureName>(
    openid: string,
    name: N,
    input: InputOf<N> | Record<string, unknown>,
  ): Promise<OutputOf<N>>
  /** Like `call`, also answering the database requests this one call made (the local cloud's per-invocation meter). */
  metered<N extends ProcedureName>(
    openid: string,
    name: N,
    input: InputOf<N> | Record<string, unknown>,
    opts?: InvokeOptions,
  ): Promise<{ res: Envelope<OutputOf<N>>; requests: RequestMeter }>
  /** Runs a function's timer trigger, as CloudBase does: no caller. */
  timer(fn: string, name: string, opts?: InvokeOptions): Promise<Envelope<unknown>>
  /** The WeChat identity bound to the seeded member with this name. */
  openidOf(name: string): Promise<string>
  /** The member id of the seeded member with this name. */
  memberId(name: string): Promise<string>
  count(collection: string, where?: Record<string, unknown>): Promise<number>
  close(): void
}

/** A call's outcome as one word: 'ok', or the error code a member's screen would act on. */
export const codeOf = (res: { ok: boolean; error?: { code: string } }): string => (res.ok ? 'ok' : res.error!.code)

/**
 * A local cloud on an in-memory SQLite database, running the built function bundles through the real
 * wx-server-sdk database layer. Seeded with the demo organisation unless `seed: false`.
 */
export async function startTestCloud(opts: { seed?: boolean } = {}): Promise<TestCloud> {
  process.env.CHECKIN_SECRET ??= 'test-checkin-secret-0123456789'
  process.env.QUIZ_SECRET ??= 'test-quiz-secret-0123456789'
  process.env.STUDY_TEMPLATE_ID ??= 'local_study_required'
  process.env.REMIND_TEMPLATE_ID ??= 'local_reminder'
  process.env.ACTIVITY_TEMPLATE_ID ??= 'local_activity_promoted'
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-'))
  const cloud = createLocalCloud({ dbFile: ':memory:', storageDir })
  cloud.clock.set('2026-11-23T02:00:00Z')
  await createCollections(cloud.db())
  // Function tests start without demo meetings or questions: each test creates what it talks about.
  if (opts.seed !== false) await seedDemo(cloud.db(), cloud.clock.now(), { meetings: false, quiz: false })
  const functions = loadFunctions(cloud.sdk)
  const call: TestCloud['call'] = async (openid, name, input, opts) => {
    const [fn, action] = name.split('.')
    return (await invoke(functions, fn, { action, input }, openid, opts)) as never
  }
  return {
    cloud,
    call,
    async metered(openid, name, input, opts) {
      const [fn, action] = name.split('.')
      const { result, requests } = await invokeMetered(functions, fn, { action, input }, openid, opts)
      return { res: result as never, requests }
    },
    async ok(openid, name, input) {
      const res = await call(openid, name, input)
      if (!res.ok) {
        // A call cut off by its function's timeout answers as the gateway does ({ errCode, errMsg }), not an envelope.
        const cut = res as unknown as { errCode?: number; errMsg?: string }
        if (!res.error) throw new Error(`${name} did not answer: ${cut.errCode} ${cut.errMsg}`)
        throw new Error(`${name} failed: ${res.error.code} ${res.error.message}`)
      }
      return res.data
    },
    async timer(fn, name, opts) {
      return (await invoke(functions, fn, { Type: 'Timer', TriggerName: name }, '', opts)) as Envelope<unknown>
    },
    async openidOf(name) {
      const res = await cloud.db().collection('members').where({ name }).limit(1).get()
      const openid = res.data[0]?.openid
      if (!openid) throw new Error(`seeded member ${name} is not bound`)
      return openid
    },
    async memberId(name) {
      const res = await cloud.db().collection('members').where({ name }).limit(1).get()
      const id = res.data[0]?._id
      if (!id) throw new Error(`no seeded member named ${name}`)
      return id as string
    },
    async count(collection, where = {}) {
      return (await cloud.db().collection(collection).where(where).count()).total
    },
    close() {
      cloud.close()
      fs.rmSync(storageDir, { recursive: true, force: true })
    },
  }
}
