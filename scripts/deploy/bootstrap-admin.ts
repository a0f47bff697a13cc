import { parseArgs } from 'util'
import type { CloudApi } from './cloud'
import { CREDENTIAL_VARS } from './credentials'
import { readEnvFile } from './manifest'

/**
 * `npm run bootstrap:admin -- --env <envId> --name <姓名> --phone <手机号>`: the first org admin of a fresh
 * environment, once. Invokes the member function's `bootstrap` action with the environment's API key
 * (manager-node invokeFunction: a call without OPENID, the only kind the action accepts) and the one-time secret
 * BOOTSTRAP_SECRET, which `npm run deploy` set on the function from .env.cloud. Afterwards it removes the secret
 * from the function; the action also refuses for good once an org admin exists.
 */
export async function runBootstrap(
  argv: string[],
  deps: {
    env: Record<string, string | undefined>
    envFile: Record<string, string>
    cloud: (opts: { envId: string; secretId: string; secretKey: string; token?: string }) => CloudApi
    log: (line: string) => void
  },
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { env: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' } },
    strict: true,
  })
  const envId = values.env ?? deps.envFile.ENV_ID
  const secret = deps.env.BOOTSTRAP_SECRET || deps.envFile.BOOTSTRAP_SECRET
  const refusals: string[] = []
  if (!envId) refusals.push('缺少环境 ID：用 --env <环境ID> 指定，或在 .env.cloud 中写 ENV_ID=…')
  if (!values.name?.trim()) refusals.push('缺少管理员姓名：--name <姓名>')
  if (!/^1\d{10}$/.test(values.phone ?? '')) refusals.push('缺少或无效的手机号：--phone <11 位手机号>')
  if (!secret)
    refusals.push(
      '缺少初始化口令：在 .env.cloud 中写 BOOTSTRAP_SECRET=<随机长字符串>，先运行 npm run deploy 把它设到 member 云函数',
    )
  const secretId = deps.env[CREDENTIAL_VARS.id]
  const secretKey = deps.env[CREDENTIAL_VARS.key]
  if (!secretId || !secretKey)
    refusals.push(`缺少云开发 API 密钥：请在环境变量中设置 ${CREDENTIAL_VARS.id} 和 ${CREDENTIAL_VARS.key}`)
  if (refusals.length) {
    for (const r of refusals) deps.log(`✗ ${r}`)
    return 2
  }
  const cloud = deps.cloud({
    envId: envId!,
    secretId: secretId!,
    secretKey: secretKey!,
    token: deps.env[CREDENTIAL_VARS.token],
  })
  const member = await cloud.getFunction('member')
  if (!member) {
    deps.log('✗ 环境中还没有 member 云函数：请先运行 npm run deploy')
    return 1
  }
  if (member.env.BOOTSTRAP_SECRET !== secret) {
    deps.log('✗ member 云函数上的 BOOTSTRAP_SECRET 与 .env.cloud 不一致（或未设置）：请先运行 npm run deploy')
    return 1
  }
  const res = (await cloud.invokeFunction('member', {
    action: 'bootstrap',
    input: { secret, name: values.name!.trim(), phone: values.phone },
  })) as
    | { ok: true; data: { me: { member: { name: string; role: string } | null } } }
    | { ok: false; error: { code: string; message: string } }
  if (!res?.ok) {
    deps.log(`✗ 初始化未完成：${res?.error ? `${res.error.message}（${res.error.code}）` : JSON.stringify(res)}`)
    return 1
  }
  deps.log(`✓ 已创建机关党委管理员 ${res.data.me.member?.name ?? values.name}。`)
  // The secret has done its job: take it off the function (the action is disabled for good anyway).
  const { BOOTSTRAP_SECRET: _used, ...rest } = member.env
  await cloud.updateFunctionConfig({
    name: 'member',
    dir: '',
    runtime: member.runtime,
    handler: member.handler,
    installDependency: true,
    timeout: member.timeout,
    memorySize: member.memorySize,
    description: member.description,
    env: rest,
    triggers: member.triggers,
  })
  deps.log('✓ 已从 member 云函数移除 BOOTSTRAP_SECRET；请同时从 .env.cloud 删除这一行。')
  deps.log(
    `下一步：${values.name!.trim()} 用本人微信打开小程序，在「绑定」页输入姓名和手机号后四位完成绑定，即成为管理员。`,
  )
  return 0
}

if (require.main === module) {
  const cloud = (opts: { envId: string; secretId: string; secretKey: string; token?: string }) =>
    (require('./manager-cloud') as typeof import('./manager-cloud')).managerCloud(opts)
  runBootstrap(process.argv.slice(2), {
    env: process.env,
    envFile: readEnvFile(),
    cloud,
    log: (l) => console.log(l),
  }).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`初始化失败：${err instanceof Error ? err.message : String(err)}`)
      process.exit(1)
    },
  )
}
