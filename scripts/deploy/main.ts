import { parseArgs } from 'util'
import type { CloudApi } from './cloud'
import { CREDENTIAL_VARS } from './credentials'
import { deploy } from './deploy'
import { readEnvFile } from './manifest'
import { buildPlan, formatPlan } from './plan'

export interface CliDeps {
  env: Record<string, string | undefined>
  /** Values of .env.cloud (ENV_ID, CHECKIN_SECRET, …). */
  envFile: Record<string, string>
  cloud: (opts: { envId: string; secretId: string; secretKey: string; token?: string }) => CloudApi
  log: (line: string) => void
  hash?: (dir: string) => string
}

/**
 * `npm run deploy -- --env <envId>` and `npm run deploy -- --dry-run`. Returns the exit code. Dry run never creates the
 * cloud client, so it cannot make a network call.
 */
export async function runDeploy(argv: string[], deps: CliDeps): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { env: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    strict: true,
  })
  const envId = values.env ?? deps.envFile.ENV_ID ?? ''
  const plan = buildPlan({ envId, values: { ...deps.envFile, ...deps.env }, hash: deps.hash })
  deps.log(formatPlan(plan))
  if (values['dry-run']) {
    deps.log('\n（--dry-run：只打印计划，没有连接云端）')
    return 0
  }
  if (!envId) {
    deps.log('\n缺少环境 ID：请用 --env <环境ID> 指定，或在 .env.cloud 中写 ENV_ID=…')
    return 2
  }
  const secretId = deps.env[CREDENTIAL_VARS.id]
  const secretKey = deps.env[CREDENTIAL_VARS.key]
  if (!secretId || !secretKey) {
    deps.log(
      `\n缺少云开发 API 密钥：请在环境变量中设置 ${CREDENTIAL_VARS.id} 和 ${CREDENTIAL_VARS.key}` +
        '（腾讯云控制台 → 访问管理 → API 密钥），不要写进仓库里的任何文件。',
    )
    return 2
  }
  const cloud = deps.cloud({ envId, secretId, secretKey, token: deps.env[CREDENTIAL_VARS.token] })
  deps.log(`\n开始部署到 ${envId}：`)
  const result = await deploy(cloud, plan, deps.log)
  for (const w of result.warnings) deps.log(`  ! ${w}`)
  deps.log(result.changes.length ? `\n完成：${result.changes.length} 项变更。` : '\n无变化：云端已与清单一致。')
  return 0
}

if (require.main === module) {
  // Loaded lazily: the SDK is large and only a real run needs it.
  const cloud: CliDeps['cloud'] = (opts) =>
    (require('./manager-cloud') as typeof import('./manager-cloud')).managerCloud(opts)
  runDeploy(process.argv.slice(2), {
    env: process.env,
    envFile: readEnvFile(),
    cloud,
    log: (l) => console.log(l),
  }).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`部署失败：${err instanceof Error ? err.message : String(err)}`)
      process.exit(1)
    },
  )
}
