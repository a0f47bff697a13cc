import { createHash } from 'crypto'
import fs from 'fs'
import path from 'path'
import { INDEXES } from '../../cloudfunctions/_shared/indexes'
import type { DeployedIndex, FunctionDeploy, StorageRule } from './cloud'
import { loadManifest, resolveEnvVariables, type Manifest } from './manifest'

/**
 * 仅管理端可读写 for every collection: the app never reads the database, only the functions do (admin rights), so no
 * client request may touch a collection. ModifyDatabaseACL AclTag ADMINONLY
 * (https://cloud.tencent.com/document/api/876/34819, https://docs.cloudbase.net/api-reference/manager/node/rule).
 */
export const COLLECTION_ACL = 'ADMINONLY'

/**
 * Storage: a signed-in user may upload (the import sheets, covers and PDF attachments go up with wx.cloud.uploadFile)
 * and overwrite only their own files; nobody reads from the client — functions read with admin rights and hand out
 * short-lived temp URLs. Server side and console always keep full access
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/security-rules/index.html).
 */
export const STORAGE_RULE: StorageRule = {
  acl: 'CUSTOM',
  rule: { read: false, write: 'resource.openid == auth.openid' },
}

/**
 * Collections only the local cloud has: `outbox` is where its subscribeMessage.send stand-in writes messages
 * (emulator/sdk/openapi.ts); in production WeChat sends them, so the collection would stay empty forever.
 */
export const LOCAL_ONLY_COLLECTIONS = ['outbox']

/**
 * Variables that are meant to be unset most of the time: BOOTSTRAP_SECRET lives on `member` only between
 * `npm run deploy` and `npm run bootstrap:admin`, which removes it. Their absence is not worth a warning.
 */
export const ONE_OFF_VARIABLES = ['BOOTSTRAP_SECRET']
/** Variables with a default in the code: unset is fine and not warned about (templates.ts: the README's keys). */
export const OPTIONAL_VARIABLES = ['STUDY_TEMPLATE_KEYS', 'ACTIVITY_TEMPLATE_KEYS', 'REMIND_TEMPLATE_KEYS']

export interface DeployPlan {
  envId: string
  functions: Array<FunctionDeploy & { bundleHash: string; missingEnv: string[] }>
  collections: Array<{ name: string; indexes: DeployedIndex[] }>
  collectionAcl: string
  storage: StorageRule
}

/** sha256 of the files a bundle uploads, in name order: the same bundle always hashes the same. */
export function bundleHash(dir: string): string {
  if (!fs.existsSync(path.join(dir, 'index.js')))
    throw new Error(`${dir}/index.js 不存在：请先运行 npm run build:functions`)
  const h = createHash('sha256')
  for (const file of fs.readdirSync(dir).sort()) {
    h.update(file + '\0')
    h.update(fs.readFileSync(path.join(dir, file)))
  }
  return h.digest('hex').slice(0, 12)
}

export function describeWithHash(description: string, hash: string): string {
  return `${description} [bundle ${hash}]`
}

/** The hash a deployed function's description carries, if our deploy wrote it. */
export function hashInDescription(description: string): string | null {
  return /\[bundle ([0-9a-f]{12})\]$/.exec(description)?.[1] ?? null
}

export function indexesFor(collection: string): DeployedIndex[] {
  const specs =
    (INDEXES as Record<string, Array<{ name: string; keys: Record<string, 1 | -1>; unique?: boolean }>>)[collection] ??
    []
  return specs.map((s) => ({ name: s.name, keys: Object.entries(s.keys), unique: !!s.unique }))
}

/**
 * What the environment must look like: every function of cloudbaserc.json with its settings and variable values,
 * every collection of the index manifest with its indexes, the rules. Pure apart from reading the built bundles.
 */
export function buildPlan(opts: {
  envId: string
  values?: Record<string, string | undefined>
  manifest?: Manifest
  hash?: (dir: string) => string
}): DeployPlan {
  const manifest = opts.manifest ?? loadManifest()
  const hash = opts.hash ?? bundleHash
  const functions = manifest.functions.map((f) => {
    const dir = path.join(manifest.functionRoot, f.name)
    const { set, missing } = resolveEnvVariables(f, opts.values)
    const bundle = hash(dir)
    return {
      name: f.name,
      dir,
      runtime: f.runtime,
      handler: f.handler,
      installDependency: f.installDependency,
      timeout: f.timeout,
      memorySize: f.memorySize,
      description: describeWithHash(f.description, bundle),
      env: set,
      triggers: f.triggers,
      bundleHash: bundle,
      missingEnv: missing,
    }
  })
  const collections = Object.keys(INDEXES)
    .filter((name) => !LOCAL_ONLY_COLLECTIONS.includes(name))
    .sort()
    .map((name) => ({ name, indexes: indexesFor(name) }))
  return { envId: opts.envId, functions, collections, collectionAcl: COLLECTION_ACL, storage: STORAGE_RULE }
}

/** The whole plan as text, for --dry-run and for the top of a real run. */
export function formatPlan(plan: DeployPlan): string {
  const lines: string[] = [`部署计划（环境 ${plan.envId || '未指定'}）`, '', `云函数（${plan.functions.length} 个）：`]
  for (const f of plan.functions) {
    lines.push(`  ${f.name}  ${f.runtime}  超时 ${f.timeout} 秒  内存 ${f.memorySize} MB  代码 ${f.bundleHash}`)
    const names = [...Object.keys(f.env), ...f.missingEnv].sort()
    if (names.length)
      lines.push(
        `    环境变量：${names.map((n) => (f.missingEnv.includes(n) ? `${n}（本地未设置，保留云端现值）` : n)).join('、')}`,
      )
    for (const t of f.triggers) lines.push(`    定时触发器：${t.name}  ${t.config}`)
  }
  const indexCount = plan.collections.reduce((n, c) => n + c.indexes.length, 0)
  lines.push(
    '',
    `数据库集合（${plan.collections.length} 个，索引 ${indexCount} 个，权限 ${plan.collectionAcl} 仅管理端可读写）：`,
  )
  for (const c of plan.collections) {
    const idx = c.indexes.map(
      (i) => `${i.name}(${i.keys.map(([k, d]) => `${k}:${d}`).join(',')}${i.unique ? ' 唯一' : ''})`,
    )
    lines.push(`  ${c.name}${idx.length ? '  ' + idx.join('  ') : ''}`)
  }
  lines.push('', `云存储安全规则：${plan.storage.acl} ${JSON.stringify(plan.storage.rule)}`)
  return lines.join('\n')
}
