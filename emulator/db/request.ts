// The request class the library instantiates as `new Db.reqClass(db.config)` and calls `send(action,
// params)` on. It finds its store from the Db's config and answers from SQLite instead of HTTP.
import { AsyncLocalStorage } from 'async_hooks'
import { randomBytes } from 'crypto'
import { aggregateDocuments } from './aggregate'
import { DbError, WriteBlocked } from './errors'
import {
  Params,
  calculateDocument,
  getDocument,
  insertDocument,
  modifyAndReturnDoc,
  modifyDocument,
  removeDocument,
} from './operations'
import { SqliteStore } from './store'
import {
  TxnView,
  abortTransaction,
  commitTransaction,
  lockHolder,
  openTransaction,
  startTransaction,
} from './transactions'
import { DirectView, View } from './view'

/**
 * Config key naming the store a Db talks to. It is a plain string id (not the store object) because
 * wx-server-sdk copies and sometimes JSON-clones its init config on the way to `new Db(config)`:
 * `cloud.init({ env, [STORE_CONFIG_KEY]: storeIdOf(store) })` reaches the request class intact.
 */
export const STORE_CONFIG_KEY = '__localDbStore'

const stores = new Map<string, SqliteStore>()
let defaultStore: SqliteStore | null = null

export function registerStore(store: SqliteStore): void {
  stores.set(store.id, store)
}

export function unregisterStore(store: SqliteStore): void {
  stores.delete(store.id)
  if (defaultStore === store) defaultStore = null
}

/** Store used by Dbs whose config names none (e.g. wx-server-sdk's own `cloud.database()`). */
export function setDefaultStore(store: SqliteStore | null): void {
  defaultStore = store
}

function storeFor(config: Record<string, unknown> | undefined): SqliteStore {
  const id = config?.[STORE_CONFIG_KEY]
  const store = typeof id === 'string' ? stores.get(id) : defaultStore
  if (!store) {
    throw new DbError(
      'DATABASE_REQUEST_FAILED',
      typeof id === 'string'
        ? `local database store ${id} is closed or unknown`
        : 'no local database store: call setDefaultStore(openStore(file)) or pass the store id in the Db config',
    )
  }
  return store
}

/** The error node-sdk throws for a backend error code (its TcbError: code, message, requestId). */
export class LocalDbError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly requestId: string,
  ) {
    super(message)
  }
}

const WRITE_ACTIONS = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
])

const READ_ACTIONS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments'])

/**
 * Database requests made by one function invocation. On CloudBase each of them is a network round trip and counts
 * against the environment's quota (issue 11), so tests and benchmarks read budgets from here. Transaction control
 * (start, commit, abort) and collection creation are round trips too: they count in `total` as `other`.
 */
export interface RequestMeter {
  total: number
  reads: number
  writes: number
  other: number
  byAction: Record<string, number>
}

export function newMeter(): RequestMeter {
  return { total: 0, reads: 0, writes: 0, other: 0, byAction: {} }
}

// The invocation being served, carried through every await of the function's code down to send() below: concurrent
// invocations in one process (a benchmark burst, a 50-call race test) each count only their own requests.
const meters = new AsyncLocalStorage<RequestMeter>()

/** Runs `fn` counting every database request made inside it (however deep, across awaits) into `meter`. */
export function withMeter<T>(meter: RequestMeter, fn: () => T): T {
  return meters.run(meter, fn)
}

function meterRequest(action: string): void {
  const m = meters.getStore()
  if (!m) return
  m.total++
  if (READ_ACTIONS.has(action)) m.reads++
  else if (WRITE_ACTIONS.has(action)) m.writes++
  else m.other++
  m.byAction[action] = (m.byAction[action] ?? 0) + 1
}

/**
 * A planned failure, for tests that show what a function leaves behind when it dies between two writes (a crash, a
 * timeout, `kill -9`): the matching request fails as the backend would and the function's code sees the error.
 * `skip` matching requests pass first; each fault fires once.
 */
export interface Fault {
  /** Which requests count, e.g. 'write' (insert, update, remove) or one action name. */
  kind: 'write' | string
  collection?: string
  skip?: number
}

const faults: Array<Required<Pick<Fault, 'kind' | 'skip'>> & Pick<Fault, 'collection'>> = []

/** Makes a future request fail once (tests only; nothing in the local cloud's server calls this). */
export function injectFault(f: Fault): void {
  faults.push({ kind: f.kind, collection: f.collection, skip: f.skip ?? 0 })
}

export function clearFaults(): void {
  faults.length = 0
}

function planned(action: string, params: Params | undefined): boolean {
  const i = faults.findIndex(
    (f) =>
      (f.kind === 'write' ? WRITE_ACTIONS.has(action) : f.kind === action) &&
      (!f.collection || params?.collectionName === f.collection),
  )
  if (i < 0) return false
  if (faults[i].skip > 0) {
    faults[i].skip--
    return false
  }
  faults.splice(i, 1)
  return true
}

/** The actions answered here; the compatibility test checks the library still sends exactly these. */
export const HANDLED_ACTIONS = [
  'database.getDocument',
  'database.calculateDocument',
  'database.aggregateDocuments',
  'database.addCollection',
  'database.startTransaction',
  'database.commitTransaction',
  'database.abortTransaction',
  ...WRITE_ACTIONS,
] as const

function dispatch(store: SqliteStore, action: string, params: Params): Record<string, unknown> {
  const now = store.now
  switch (action) {
    case 'database.startTransaction':
      return { transactionId: startTransaction(store) }
    case 'database.commitTransaction':
      commitTransaction(store, params.transactionId)
      return {}
    case 'database.abortTransaction':
      abortTransaction(store, params.transactionId)
      return {}
    case 'database.addCollection': {
      const name = params.collectionName
      if (typeof name !== 'string' || name === '') throw new DbError('INVALID_PARAM', 'collectionName is required')
      return store.write(() => {
        if (store.hasCollection(name)) {
          throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
        }
        store.ensureCollection(name)
        return {}
      })
    }
    case 'database.aggregateDocuments':
      // The library sends no transaction id with aggregate(); it always reads committed data.
      return { data: store.read(() => aggregateDocuments(store, params)) }
  }

  const handler = {
    'database.getDocument': getDocument,
    'database.calculateDocument': calculateDocument,
    'database.insertDocument': insertDocument,
    'database.modifyDocument': modifyDocument,
    'database.modifyAndReturnDoc': modifyAndReturnDoc,
    'database.removeDocument': removeDocument,
  }[action] as ((view: View, params: Params, now: () => Date) => unknown) | undefined
  if (!handler) throw new DbError('DATABASE_REQUEST_FAILED', `action ${action} is not supported by the local database`)

  if (typeof params.transactionId === 'string' && params.transactionId !== '') {
    // Inside a transaction writes are only staged, so a read transaction is enough here.
    const view = new TxnView(store, openTransaction(store, params.transactionId))
    return { data: store.read(() => handler(view, params, now)) }
  }
  const run = () => handler(new DirectView(store), params, now)
  return { data: WRITE_ACTIONS.has(action) ? store.write(run) : store.read(run) }
}

// Request ids only need to be unique and look like the backend's; a counter behind a random prefix costs nothing,
// where random bytes per request showed up in the check-in benchmark's profile.
const REQUEST_PREFIX = randomBytes(4).toString('hex')
let requestCounter = 0
function nextRequestId(): string {
  requestCounter = (requestCounter + 1) % 0x100000000
  return REQUEST_PREFIX + requestCounter.toString(16).padStart(8, '0')
}

/**
 * Runs before every request: the local cloud uses it to slow the database for one invocation on purpose and to
 * freeze a function that ran past its timeout (emulator/sdk/invocation.ts). Null outside the local cloud.
 */
export type RequestGate = (action: string, params: Params | undefined) => Promise<void> | void
let gate: RequestGate | null = null
/** Told how long the local database worked on each request (a latency model may keep that off a call's clock). */
let worked: ((ms: number) => void) | null = null

export function setRequestGate(g: RequestGate | null, w: ((ms: number) => void) | null = null): void {
  gate = g
  worked = w
}

/** A plain write meeting a transaction's lock waits for it to end (or lapse), polling: waits are short and rare. */
async function waitForLock(store: SqliteStore, blocked: WriteBlocked): Promise<void> {
  while (lockHolder(store, blocked.collection, blocked.key)) await new Promise((r) => setTimeout(r, 2))
}

export class LocalDbRequest {
  constructor(private readonly config: Record<string, unknown> = {}) {}

  async send(action: string, params?: Params): Promise<Record<string, unknown>> {
    if (gate) await gate(action, params)
    const requestId = nextRequestId()
    // Counted before anything can fail: a refused request was still a round trip.
    meterRequest(action)
    try {
      if (faults.length && planned(action, params))
        throw new DbError('DATABASE_REQUEST_FAILED', 'injected fault: the function died here')
      const store = storeFor(this.config)
      store.countRequest(action)
      for (;;) {
        const t0 = Date.now()
        try {
          return { requestId, ...dispatch(store, action, params ?? {}) }
        } catch (e) {
          if (!(e instanceof WriteBlocked)) throw e
          await waitForLock(store, e)
        } finally {
          worked?.(Date.now() - t0)
        }
      }
    } catch (e) {
      const code = e instanceof DbError ? e.code : 'DATABASE_REQUEST_FAILED'
      const message = e instanceof Error ? e.message : String(e)
      // Mirrors node-sdk: with throwOnCode false (what wx-server-sdk configures) the error object is
      // returned and the caller's checkError turns it into -5020xx; otherwise it is thrown.
      if (this.config.throwOnCode === false) return { code, message, requestId }
      throw new LocalDbError(code, message, requestId)
    }
  }
}
