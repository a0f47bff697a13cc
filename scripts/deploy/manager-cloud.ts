import CloudBase from '@cloudbase/manager-node'
import type { CloudApi, DeployedFunction, DeployedIndex, FunctionDeploy, StorageRule } from './cloud'
import type { TimerTrigger } from './manifest'

/**
 * CloudApi over @cloudbase/manager-node (https://docs.cloudbase.net/api-reference/manager/node/introduction), with an
 * API key pair of the Tencent Cloud account that owns the environment. This file is only the translation to the SDK's
 * calls; the deploy logic (what to compare, what to change) lives in deploy.ts and is tested against a stand-in.
 * Nothing here can be run in this repository's CI (no network): the first real deploy is its test.
 */
export function managerCloud(opts: { envId: string; secretId: string; secretKey: string; token?: string }): CloudApi {
  const app = new CloudBase({
    envId: opts.envId,
    secretId: opts.secretId,
    secretKey: opts.secretKey,
    token: opts.token,
  })
  const { functions, database, storage } = app
  const tcb = app.commonService('tcb', '2018-06-08')
  const scf = app.commonService('scf', '2018-04-16')

  const funcConfig = (fn: FunctionDeploy) => ({
    name: fn.name,
    description: fn.description,
    runtime: fn.runtime,
    handler: fn.handler,
    timeout: fn.timeout,
    memorySize: fn.memorySize,
    installDependency: fn.installDependency,
    envVariables: fn.env,
    // Triggers are created by the deploy itself (createTriggers), so it can compare them first.
    triggers: [],
  })

  return {
    async getFunction(name) {
      let info
      try {
        info = await functions.getFunctionDetail(name)
      } catch (err) {
        if (/ResourceNotFound/.test(String((err as { code?: string }).code ?? (err as Error).message))) return null
        throw err
      }
      const env: Record<string, string> = {}
      for (const v of info.Environment?.Variables ?? []) env[v.Key] = v.Value
      return {
        runtime: info.Runtime,
        handler: info.Handler,
        timeout: info.Timeout,
        memorySize: info.MemorySize,
        description: info.Description ?? '',
        env,
        triggers: (info.Triggers ?? []).filter((t) => t.Type === 'timer').map(toTrigger),
      } satisfies DeployedFunction
    },
    async createFunction(fn) {
      await functions.createFunction({ func: funcConfig(fn), functionPath: fn.dir, force: false })
    },
    async updateFunctionCode(fn) {
      await functions.updateFunctionCode({ func: funcConfig(fn), functionPath: fn.dir })
      // SCF refuses a configuration update while the new code is still being deployed (status Updating).
      await functions.waitFunctionActive(fn.name)
    },
    async updateFunctionConfig(fn) {
      if (Object.keys(fn.env).length) {
        await functions.updateFunctionConfig(funcConfig(fn))
        return
      }
      // The SDK leaves Environment out when the map is empty, which would keep the old variables: clearing them
      // (after the bootstrap, member has none) needs the SCF call itself.
      await scf.call({
        Action: 'UpdateFunctionConfiguration',
        Param: {
          FunctionName: fn.name,
          Namespace: opts.envId,
          Timeout: fn.timeout,
          MemorySize: fn.memorySize,
          Description: fn.description,
          Environment: { Variables: [] },
        },
      })
    },
    async createTriggers(name, triggers) {
      await functions.createFunctionTriggers(name, triggers)
    },
    async deleteTrigger(name, triggerName) {
      await functions.deleteFunctionTrigger(name, triggerName)
    },

    async listCollections() {
      const out: string[] = []
      for (let offset = 0; ; offset += 100) {
        const res = await database.listCollections({ MgoLimit: 100, MgoOffset: offset })
        out.push(...res.Collections.map((c) => c.CollectionName))
        if (res.Collections.length < 100) return out
      }
    },
    async createCollection(name) {
      await database.createCollection(name)
    },
    async getIndexes(collection) {
      const res = await database.describeCollection(collection)
      return (res.Indexes ?? []).map((i): DeployedIndex => ({
        name: i.Name,
        unique: !!i.Unique,
        keys: i.Keys.map((k) => [k.Name ?? '', Number(k.Direction) === -1 ? -1 : 1]),
      }))
    },
    async updateIndexes(collection, { drop, create }) {
      await database.updateCollection(collection, {
        DropIndexes: drop.map((IndexName) => ({ IndexName })),
        CreateIndexes: create.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: {
            MgoIsUnique: i.unique,
            MgoIndexKeys: i.keys.map(([Name, d]) => ({ Name, Direction: String(d) })),
          },
        })),
      })
    },
    async getCollectionAcl(collection) {
      const res = (await tcb.call({
        Action: 'DescribeDatabaseACL',
        Param: { EnvId: opts.envId, CollectionName: collection },
      })) as { AclTag?: string }
      return res.AclTag ?? ''
    },
    async setCollectionAcl(collection, aclTag) {
      await tcb.call({
        Action: 'ModifyDatabaseACL',
        Param: { EnvId: opts.envId, CollectionName: collection, AclTag: aclTag },
      })
    },

    async getStorageRule() {
      const res = await storage.getStorageAcl({ withRule: true })
      return { acl: res.acl, ...(res.rule ? { rule: res.rule } : {}) } as StorageRule
    },
    async setStorageRule(rule) {
      await storage.setStorageAcl(rule.acl as Parameters<typeof storage.setStorageAcl>[0], rule.rule)
    },

    async invokeFunction(name, event) {
      const res = await functions.invokeFunction(name, event as Record<string, unknown>)
      return typeof res.RetMsg === 'string' ? JSON.parse(res.RetMsg) : res.RetMsg
    },
  }
}

/** A timer trigger as SCF reports it: TriggerDesc is `{"cron":"…"}` (or the bare cron on older environments). */
function toTrigger(t: { TriggerName: string; TriggerDesc: string }): TimerTrigger {
  let config = t.TriggerDesc
  try {
    const parsed = JSON.parse(t.TriggerDesc) as { cron?: string }
    if (parsed.cron) config = parsed.cron
  } catch {
    // the bare cron expression
  }
  return { name: t.TriggerName, type: 'timer', config }
}
