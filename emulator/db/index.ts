// Local CloudBase database: genuine @cloudbase/database Db objects whose requests are answered from
// SQLite with mingo semantics. See DESIGN.md §2 "The local cloud" and §7.
import { Db } from '@cloudbase/database'
import { LocalStore, SqliteStore, StoreOptions } from './store'
import { STORE_CONFIG_KEY, registerStore, setDefaultStore as setDefault, unregisterStore } from './request'
import { pinRequestClass } from './pin'

export type { LocalStore, StoreOptions } from './store'
export { pinRequestClass, databaseModulePaths } from './pin'
export {
  STORE_CONFIG_KEY,
  LocalDbRequest,
  LocalDbError,
  HANDLED_ACTIONS,
  newMeter,
  injectFault,
  clearFaults,
  type Fault,
  withMeter,
  type RequestMeter,
  setRequestGate,
  type RequestGate,
} from './request'
export { GET_LIMIT, GET_MAX_LIMIT } from './operations'
export { AGGREGATE_DEFAULT_LIMIT, AGGREGATE_MAX_LIMIT } from './aggregate'
export { TRANSACTION_TIMEOUT_MS } from './transactions'

function internal(store: LocalStore): SqliteStore {
  if (!(store instanceof SqliteStore)) throw new TypeError('not a store made by openStore()')
  return store
}

/** Opens (creating if needed) a store on a SQLite file, or in memory with ':memory:'. */
export function openStore(file: string, opts?: StoreOptions): LocalStore {
  const store = new SqliteStore(file, opts)
  registerStore(store)
  const close = store.close.bind(store)
  store.close = () => {
    unregisterStore(store)
    close()
  }
  return store
}

/** The id to put under STORE_CONFIG_KEY in a Db (or wx-server-sdk init) config to reach this store. */
export function storeIdOf(store: LocalStore): string {
  return internal(store).id
}

/** Store answering Dbs whose config names none, such as wx-server-sdk's `cloud.database()`. */
export function setDefaultStore(store: LocalStore | null): void {
  setDefault(store === null ? null : internal(store))
}

/** A genuine Db from @cloudbase/database whose requests are answered by `store`. */
export function createDatabase(store: LocalStore, config: { env?: string; throwOnNotFound?: boolean } = {}): Db {
  pinRequestClass()
  // throwOnNotFound is kept in the config for a wx-server-sdk-style wrapper to read; the Db itself,
  // like production's backend, answers a missing doc(id).get() with an empty list.
  return new Db({ env: config.env ?? 'local', ...config, [STORE_CONFIG_KEY]: internal(store).id })
}

export function listCollections(store: LocalStore): string[] {
  const s = internal(store)
  return s.read(() => s.collections())
}

/** Drops every collection (for reseeding); the version sequence survives, so caches stay valid. */
export function dropAll(store: LocalStore): void {
  internal(store).dropCollections()
}

/**
 * Creates collections that do not exist yet, as deploy does for the manifest's (emulator/deploy.ts). For tests of the
 * database itself, whose collections are their own; nothing in the local cloud creates a collection implicitly.
 */
export function createCollectionsNow(store: LocalStore, names: readonly string[]): void {
  const s = internal(store)
  for (const name of names) s.ensureCollection(name)
}
