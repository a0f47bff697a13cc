// Fails loudly when the library internals the local database relies on change (DESIGN §7): pinned
// versions, the Db.reqClass hook, the action names sent and the response fields unpacked.
import * as fs from 'fs'
import * as path from 'path'
import { Db } from '@cloudbase/database'
import { HANDLED_ACTIONS, LocalDbRequest, databaseModulePaths, pinRequestClass } from '../../../emulator/db'

const root = path.resolve(__dirname, '../../..')
const pkgDir = (name: string, from: string) => path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }))
const versionOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version
const wxDir = pkgDir('wx-server-sdk', root)
const nodeSdkDir = pkgDir('@cloudbase/node-sdk', wxDir)
const dbDir = pkgDir('@cloudbase/database', nodeSdkDir)
const dist = (file: string) => fs.readFileSync(path.join(dbDir, 'dist/commonjs', file), 'utf8')

it('runs against the pinned versions: wx-server-sdk 4.0.2 → node-sdk 3.17.2 → database 1.4.3, one copy', () => {
  expect(versionOf(wxDir)).toBe('4.0.2')
  expect(versionOf(nodeSdkDir)).toBe('3.17.2')
  expect(versionOf(dbDir)).toBe('1.4.3')
  expect(versionOf(pkgDir('@cloudbase/database', root))).toBe('1.4.3')
  expect(databaseModulePaths()).toEqual([require.resolve('@cloudbase/database', { paths: [root] })])
})

it('Db.reqClass is a settable static the library instantiates with the Db config and calls send(action, params) on', async () => {
  let mod: { Db: typeof Db } | undefined
  jest.isolateModules(() => {
    mod = require('@cloudbase/database')
  })
  const FreshDb = mod!.Db
  const desc = Object.getOwnPropertyDescriptor(FreshDb, 'reqClass')
  expect(desc === undefined || desc.writable).toBe(true)
  const calls: { config: unknown; action: string; params: unknown }[] = []
  FreshDb.reqClass = class {
    constructor(private readonly config: unknown) {}
    async send(action: string, params: unknown) {
      calls.push({ config: this.config, action, params })
      return { requestId: 'r', data: { list: [] } }
    }
  }
  const config = { env: 'e', marker: 42 }
  await new FreshDb(config).collection('c').get()
  expect(calls).toEqual([
    { config, action: 'database.getDocument', params: expect.objectContaining({ collectionName: 'c', limit: 100 }) },
  ])
})

it('every public call sends only actions the local request class handles', async () => {
  let mod: { Db: typeof Db } | undefined
  jest.isolateModules(() => {
    mod = require('@cloudbase/database')
  })
  const sent = new Set<string>()
  mod!.Db.reqClass = class {
    async send(action: string) {
      sent.add(action)
      return {
        requestId: 'r',
        transactionId: 't',
        data: { list: [], insertedIds: ['i'], total: 0, updated: 0, deleted: 0 },
      }
    }
  }
  const db = new mod!.Db({})
  const c = db.collection('c')
  await c.add({})
  await c.get()
  await c.count()
  await c.where({ a: 1 }).update({ a: 2 })
  await c.where({ a: 1 }).remove()
  await c.where({ a: 1 }).updateAndReturn({ a: 2 })
  await c.doc('d').get()
  await c.doc('d').set({ a: 1 })
  await c.doc('d').update({ a: 1 })
  await c.doc('d').remove()
  await c.aggregate().match({}).end()
  await db.createCollection('x')
  await db.runTransaction(
    async (t: { collection(n: string): { doc(id: string): { create(d: object): Promise<unknown> } } }) => {
      await t.collection('c').doc('e').create({})
    },
  )
  const t = await db.startTransaction()
  await t.rollback()
  expect([...sent].sort()).toEqual([...HANDLED_ACTIONS].sort())
})

it('the library source names exactly the known actions (three legacy ones only in a module index.js never loads)', () => {
  const files = [
    'index.js',
    'collection.js',
    'document.js',
    'query.js',
    'aggregate.js',
    'transaction/index.js',
    'transaction.js',
  ]
  const literals = new Set(
    files.flatMap((f) => dist(f).match(/'database\.[A-Za-z]+'/g) ?? []).map((s) => s.slice(1, -1)),
  )
  const legacy = ['database.getInTransaction', 'database.updateDocInTransaction', 'database.deleteDocInTransaction']
  expect([...literals].sort()).toEqual([...HANDLED_ACTIONS, ...legacy].sort())
  expect(dist('index.js')).toContain('require("./transaction/index")')
  expect(dist('index.js')).not.toContain('require("./transaction")')
})

it('the library unpacks the response fields the local request class fills', () => {
  expect(dist('collection.js')).toContain('res.data.insertedIds')
  expect(dist('query.js')).toContain('res.data.list.map(item => bson_1.EJSON.parse(item))')
  expect(dist('query.js')).toContain('total: res.data.total')
  expect(dist('document.js')).toContain('upsertedId: res.data.upsert_id')
  expect(dist('document.js')).toContain('deleted: res.data.deleted')
  expect(dist('aggregate.js')).toContain('result.data.list.map(bson_1.EJSON.parse)')
  expect(dist('transaction/index.js')).toContain('this._id = res.transactionId')
  // Clamp the library applies before ours (ours is the function-side 100).
  expect(dist('query.js')).toContain('param.limit = limit < 1000 ? limit : 1000')
})

it('runTransaction retries only on DATABASE_TRANSACTION_CONFLICT', () => {
  const src = dist('transaction/index.js')
  expect(src).toContain('error.code === code_1.ERRORS.DATABASE_TRANSACTION_CONFLICT.code')
  expect(require(path.join(dbDir, 'dist/commonjs/const/code.js')).ERRORS.DATABASE_TRANSACTION_CONFLICT.code).toBe(
    'DATABASE_TRANSACTION_CONFLICT',
  )
})

it('node-sdk re-assigns Db.reqClass on every database() and builds the Db from its own config', () => {
  const src = fs.readFileSync(path.join(nodeSdkDir, 'dist/database/index.js'), 'utf8')
  expect(src).toContain('database_1.Db.reqClass = tcbdbapirequester_1.TcbDBApiHttpRequester')
  expect(src).toContain('new database_1.Db(Object.assign(Object.assign({}, cloudbase.config), dbConfig))')
})

it('pinning survives node-sdk assigning its HTTP requester, and is idempotent', () => {
  pinRequestClass()
  pinRequestClass()
  for (const file of databaseModulePaths()) {
    const mod = require(file) as { Db: { reqClass: unknown } }
    mod.Db.reqClass = class Http {}
    expect(mod.Db.reqClass).toBe(LocalDbRequest)
  }
  expect(Db.reqClass).toBe(LocalDbRequest)
})
