import * as realSdk from 'wx-server-sdk'
import type { Db } from '../../cloudfunctions/_shared/db-types'
import { openStore, pinRequestClass, setDefaultStore, type LocalStore } from '../db'
import { createMutableClock, type MutableClock } from './clock'
import { currentContext } from './context'
import { gateCall, installGate, standIns } from './invocation'
import { createOpenApi, type OpenApiFaults } from './openapi'
import { createStorage, type LocalStorage } from './storage'

export interface LocalCloudOptions {
  /** SQLite file, or ':memory:' for tests. */
  dbFile: string
  /** Folder that holds cloud storage files. */
  storageDir: string
  /** Public base URL of the gateway, for temp file URLs. */
  baseUrl?: string
}

export interface LocalCloud {
  /** The object `require('wx-server-sdk')` returns inside a function run by the local cloud. */
  sdk: Record<string, unknown>
  store: LocalStore
  storage: LocalStorage
  clock: MutableClock
  /** Test hooks for answers only WeChat knows (a member who refuses messages, a quota used up). */
  openapiFaults: OpenApiFaults
  /** A database handle through the same SDK the functions use (seeding, tests). */
  db(): Db
  setBaseUrl(url: string): void
  close(): void
}

/**
 * The wx-server-sdk stand-in. The database is the real wx-server-sdk `database()`, whose `@cloudbase/database`
 * request class is pinned to the SQLite store, so function code runs through the real query builder and wrappers.
 * Identity, storage and open APIs are answered locally.
 */
export function createLocalCloud(opts: LocalCloudOptions): LocalCloud {
  const clock = createMutableClock()
  const store = openStore(opts.dbFile, { now: () => clock.now() })
  pinRequestClass()
  installGate()
  setDefaultStore(store)
  let baseUrl = opts.baseUrl ?? 'http://127.0.0.1:8787'
  const storage = createStorage(opts.storageDir, () => baseUrl)
  realSdk.init({ env: realSdk.DYNAMIC_CURRENT_ENV as unknown as string })
  const db = () => realSdk.database() as unknown as Db

  const refusals = new Map<string, number>()
  const sdk: Record<string, unknown> = {
    DYNAMIC_CURRENT_ENV: realSdk.DYNAMIC_CURRENT_ENV,
    init: (config?: Parameters<typeof realSdk.init>[0]) => realSdk.init(config),
    getWXContext: () => currentContext(),
    database: (config?: Parameters<typeof realSdk.database>[0]) => realSdk.database(config),
    async uploadFile(p: { cloudPath: string; fileContent: Buffer | string }) {
      await gateCall()
      const fileID = storage.upload(
        p.cloudPath,
        Buffer.isBuffer(p.fileContent) ? p.fileContent : Buffer.from(p.fileContent),
      )
      return { fileID, statusCode: 200, errMsg: 'uploadFile:ok' }
    },
    async downloadFile(p: { fileID: string }) {
      await gateCall()
      return { fileContent: storage.download(p.fileID), statusCode: 200, errMsg: 'downloadFile:ok' }
    },
    // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/storage/getTempFileURL.html:
    // at most 50 ids a call; each file answers for itself (`status` 0 and a URL, or a non-zero status, an empty URL
    // and the reason in `errMsg`), so one missing or foreign file does not fail the call.
    async getTempFileURL(p: { fileList: Array<string | { fileID: string; maxAge?: number }> }) {
      await gateCall()
      if (p.fileList.length > 50)
        throw Object.assign(new Error('getTempFileURL:fail fileList 一次最多 50 个'), { errCode: -1 })
      return {
        errMsg: 'getTempFileURL:ok',
        fileList: p.fileList.map((f) => {
          const fileID = typeof f === 'string' ? f : f.fileID
          if (!storage.exists(fileID))
            return { fileID, tempFileURL: '', status: 1, errMsg: 'STORAGE_FILE_NONEXIST', maxAge: 0 }
          return { fileID, tempFileURL: storage.urlFor(fileID), status: 0, errMsg: 'ok', maxAge: 86400 }
        }),
      }
    },
    async deleteFile(p: { fileList: string[] }) {
      return {
        errMsg: 'deleteFile:ok',
        fileList: p.fileList.map((fileID) => ({ fileID, status: storage.remove(fileID) ? 0 : -1, errMsg: 'ok' })),
      }
    },
    openapi: standIns(createOpenApi(db, clock, refusals)),
    logger: () => console,
    /** Not in the real SDK: the settable clock the functions' `_shared/context.clockOf` picks up locally. */
    localClock: clock,
  }

  return {
    sdk,
    store,
    storage,
    clock,
    openapiFaults: {
      refuseMessagesTo: (openid, errCode = 43101) => void refusals.set(openid, errCode),
      clear: () => refusals.clear(),
    },
    db,
    setBaseUrl: (url) => {
      baseUrl = url
    },
    close: () => store.close(),
  }
}
