import type { CloudApi, DeployedFunction, DeployedIndex, FunctionDeploy, StorageRule } from '../../scripts/deploy/cloud'
import type { TimerTrigger } from '../../scripts/deploy/manifest'

export type Call = [method: string, ...args: unknown[]]

/**
 * A CloudBase environment in memory that records every call: what a fresh environment looks like (no functions, no
 * collections, storage on its default rule, new collections on the console's default 仅创建者可读写), and what each
 * call changes. Reads are recorded too, so a test sees the whole conversation.
 */
export class RecordingCloud implements CloudApi {
  calls: Call[] = []
  functions = new Map<string, DeployedFunction & { code: string }>()
  collections = new Map<string, { indexes: DeployedIndex[]; acl: string }>()
  storage: StorageRule = { acl: 'PRIVATE' }
  invoked: Array<{ name: string; event: unknown }> = []
  answer: (name: string, event: unknown) => unknown = () => ({ ok: true, data: null })

  /** The calls that change something (everything but get/list/describe). */
  writes(): Call[] {
    return this.calls.filter(([m]) => !/^(get|list)/.test(m))
  }

  private record(method: string, ...args: unknown[]) {
    this.calls.push([method, ...args])
  }

  async getFunction(name: string) {
    this.record('getFunction', name)
    const f = this.functions.get(name)
    return f ? { ...f, env: { ...f.env }, triggers: [...f.triggers] } : null
  }
  async createFunction(fn: FunctionDeploy) {
    this.record('createFunction', fn.name)
    if (this.functions.has(fn.name)) throw new Error(`ResourceInUse.FunctionName ${fn.name}`)
    this.functions.set(fn.name, {
      runtime: fn.runtime,
      handler: fn.handler,
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      description: fn.description,
      env: { ...fn.env },
      triggers: [],
      code: fn.dir,
    })
  }
  async updateFunctionCode(fn: FunctionDeploy) {
    this.record('updateFunctionCode', fn.name)
    const f = this.mustHave(fn.name)
    f.code = fn.dir
    // Our description carries the bundle hash: SCF keeps the description untouched by a code update, so the
    // deploy's config update (which follows) is what records the new hash.
  }
  async updateFunctionConfig(fn: FunctionDeploy) {
    this.record('updateFunctionConfig', fn.name, {
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      env: Object.keys(fn.env).sort(),
    })
    const f = this.mustHave(fn.name)
    Object.assign(f, {
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      description: fn.description,
      env: { ...fn.env },
    })
  }
  async createTriggers(name: string, triggers: TimerTrigger[]) {
    this.record(
      'createTriggers',
      name,
      triggers.map((t) => t.name),
    )
    const f = this.mustHave(name)
    for (const t of triggers) {
      if (f.triggers.some((x) => x.name === t.name)) throw new Error(`trigger ${t.name} exists`)
      f.triggers.push({ ...t })
    }
  }
  async deleteTrigger(name: string, triggerName: string) {
    this.record('deleteTrigger', name, triggerName)
    const f = this.mustHave(name)
    f.triggers = f.triggers.filter((t) => t.name !== triggerName)
  }
  async listCollections() {
    this.record('listCollections')
    return [...this.collections.keys()]
  }
  async createCollection(name: string) {
    this.record('createCollection', name)
    if (this.collections.has(name)) throw new Error(`collection ${name} already exists`)
    this.collections.set(name, { indexes: [{ name: '_id_', keys: [['_id', 1]], unique: true }], acl: 'PRIVATE' })
  }
  async getIndexes(collection: string) {
    this.record('getIndexes', collection)
    return this.mustHaveCollection(collection).indexes.map((i) => ({ ...i }))
  }
  async updateIndexes(collection: string, change: { drop: string[]; create: DeployedIndex[] }) {
    this.record(
      'updateIndexes',
      collection,
      change.drop,
      change.create.map((i) => i.name),
    )
    const c = this.mustHaveCollection(collection)
    c.indexes = c.indexes.filter((i) => !change.drop.includes(i.name))
    for (const i of change.create) {
      if (c.indexes.some((x) => x.name === i.name)) throw new Error(`index ${i.name} exists`)
      c.indexes.push(i)
    }
  }
  async getCollectionAcl(collection: string) {
    this.record('getCollectionAcl', collection)
    return this.mustHaveCollection(collection).acl
  }
  async setCollectionAcl(collection: string, aclTag: string) {
    this.record('setCollectionAcl', collection, aclTag)
    this.mustHaveCollection(collection).acl = aclTag
  }
  async getStorageRule() {
    this.record('getStorageRule')
    return JSON.parse(JSON.stringify(this.storage)) as StorageRule
  }
  async setStorageRule(rule: StorageRule) {
    this.record('setStorageRule', rule.acl)
    this.storage = JSON.parse(JSON.stringify(rule))
  }
  async invokeFunction(name: string, event: unknown) {
    this.record('invokeFunction', name)
    this.mustHave(name)
    this.invoked.push({ name, event })
    return this.answer(name, event)
  }

  private mustHave(name: string) {
    const f = this.functions.get(name)
    if (!f) throw new Error(`ResourceNotFound.Function ${name}`)
    return f
  }
  private mustHaveCollection(name: string) {
    const c = this.collections.get(name)
    if (!c) throw new Error(`DATABASE_COLLECTION_NOT_EXIST ${name}`)
    return c
  }
}
