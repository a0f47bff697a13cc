import type { CloudApi, DeployedFunction, DeployedIndex } from './cloud'
import { hashInDescription, ONE_OFF_VARIABLES, OPTIONAL_VARIABLES, type DeployPlan } from './plan'

export interface DeployResult {
  /** One line per change made, in order. Empty when the environment already matched the plan. */
  changes: string[]
  /** Things the deploy cannot put right by itself (a runtime can only be chosen when a function is created). */
  warnings: string[]
}

const sameIndex = (a: DeployedIndex, b: DeployedIndex) =>
  a.unique === b.unique &&
  a.keys.length === b.keys.length &&
  a.keys.every(([k, d], i) => b.keys[i][0] === k && b.keys[i][1] === d)

const sameEnv = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

/**
 * Makes the environment match the plan, step by step, reading before writing so that a second run changes nothing.
 * Order: collections first (a timer may fire as soon as a function exists, and functions assume their collections),
 * then indexes, collection permissions, storage rule, and last the functions with their triggers.
 */
export async function deploy(
  cloud: CloudApi,
  plan: DeployPlan,
  log: (line: string) => void = () => {},
): Promise<DeployResult> {
  const changes: string[] = []
  const warnings: string[] = []
  const change = (line: string) => {
    changes.push(line)
    log(`  ✓ ${line}`)
  }

  const existing = new Set(await cloud.listCollections())
  for (const c of plan.collections) {
    if (existing.has(c.name)) continue
    await cloud.createCollection(c.name)
    change(`创建集合 ${c.name}`)
  }

  for (const c of plan.collections) {
    const current = await cloud.getIndexes(c.name)
    const drop: string[] = []
    const create: DeployedIndex[] = []
    for (const want of c.indexes) {
      const have = current.find((i) => i.name === want.name)
      if (have && sameIndex(have, want)) continue
      if (have) drop.push(have.name)
      create.push(want)
    }
    // Indexes made by hand in the console are left alone, but said.
    for (const extra of current.filter((i) => i.name !== '_id_' && !c.indexes.some((w) => w.name === i.name))) {
      warnings.push(`集合 ${c.name} 有清单外的索引 ${extra.name}（未删除，如不需要请在控制台删除）`)
    }
    if (!create.length) continue
    await cloud.updateIndexes(c.name, { drop, create })
    for (const i of create) change(`${drop.includes(i.name) ? '重建' : '创建'}索引 ${c.name}.${i.name}`)
  }

  for (const c of plan.collections) {
    if ((await cloud.getCollectionAcl(c.name)) === plan.collectionAcl) continue
    await cloud.setCollectionAcl(c.name, plan.collectionAcl)
    change(`集合 ${c.name} 权限设为 ${plan.collectionAcl}（仅管理端可读写）`)
  }

  const storage = await cloud.getStorageRule()
  if (
    storage.acl !== plan.storage.acl ||
    JSON.stringify(storage.rule ?? null) !== JSON.stringify(plan.storage.rule ?? null)
  ) {
    await cloud.setStorageRule(plan.storage)
    change(`云存储安全规则设为 ${plan.storage.acl} ${JSON.stringify(plan.storage.rule)}`)
  }

  for (const f of plan.functions) {
    const current = await cloud.getFunction(f.name)
    // A variable left out of .env.cloud keeps the value already set in the cloud (set by hand in the console, or
    // by a colleague): CloudBase replaces the whole set, so dropping it silently would switch a feature off.
    const env = { ...f.env }
    for (const name of f.missingEnv) {
      const kept = current?.env[name]
      if (kept !== undefined) env[name] = kept
      else if (!ONE_OFF_VARIABLES.includes(name) && !OPTIONAL_VARIABLES.includes(name)) {
        warnings.push(`云函数 ${f.name} 的环境变量 ${name} 未设置（在 .env.cloud 中填写后重新部署）`)
      }
    }
    const fn = { ...f, env }
    if (!current) {
      await cloud.createFunction(fn)
      change(
        `创建云函数 ${f.name}（${f.runtime}，超时 ${f.timeout} 秒，内存 ${f.memorySize} MB，代码 ${f.bundleHash}）`,
      )
      if (f.triggers.length) {
        await cloud.createTriggers(f.name, f.triggers)
        change(`创建 ${f.name} 的定时触发器 ${f.triggers.map((t) => t.name).join('、')}`)
      }
      continue
    }
    if (current.runtime !== f.runtime || current.handler !== f.handler) {
      warnings.push(
        `云函数 ${f.name} 的运行时为 ${current.runtime}，清单要求 ${f.runtime}：运行时只能在创建时指定，请在控制台删除该函数后重新部署`,
      )
    }
    if (hashInDescription(current.description) !== f.bundleHash) {
      await cloud.updateFunctionCode(fn)
      change(`更新云函数 ${f.name} 的代码（${hashInDescription(current.description) ?? '未知'} → ${f.bundleHash}）`)
    }
    if (configDiffers(current, fn)) {
      await cloud.updateFunctionConfig(fn)
      change(
        `更新云函数 ${f.name} 的配置（超时 ${f.timeout} 秒，内存 ${f.memorySize} MB，环境变量 ${Object.keys(env).sort().join('、') || '无'}）`,
      )
    }
    for (const t of current.triggers) {
      const want = f.triggers.find((w) => w.name === t.name)
      if (want && want.config === t.config) continue
      await cloud.deleteTrigger(f.name, t.name)
      change(`删除 ${f.name} 的定时触发器 ${t.name}`)
    }
    const missing = f.triggers.filter((w) => !current.triggers.some((t) => t.name === w.name && t.config === w.config))
    if (missing.length) {
      await cloud.createTriggers(f.name, missing)
      change(`创建 ${f.name} 的定时触发器 ${missing.map((t) => t.name).join('、')}`)
    }
  }
  return { changes, warnings }
}

function configDiffers(
  current: DeployedFunction,
  fn: { timeout: number; memorySize: number; description: string; env: Record<string, string> },
) {
  return (
    current.timeout !== fn.timeout ||
    current.memorySize !== fn.memorySize ||
    current.description !== fn.description ||
    !sameEnv(current.env, fn.env)
  )
}
