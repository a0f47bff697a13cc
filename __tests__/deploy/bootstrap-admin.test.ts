import { runBootstrap } from '../../scripts/deploy/bootstrap-admin'
import { deploy } from '../../scripts/deploy/deploy'
import { buildPlan } from '../../scripts/deploy/plan'
import { RecordingCloud } from './recording-cloud'

const SECRET = 'b'.repeat(40)
const KEYS = { TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' }

async function deployedCloud(values: Record<string, string>) {
  const cloud = new RecordingCloud()
  await deploy(cloud, buildPlan({ envId: 'prod-1a2b', values, hash: () => '0123456789ab' }))
  cloud.calls = []
  return cloud
}

function run(cloud: RecordingCloud, argv: string[], env: Record<string, string> = {}) {
  const lines: string[] = []
  const code = runBootstrap(argv, {
    env: { ...KEYS, ...env },
    envFile: { ENV_ID: 'prod-1a2b' },
    cloud: () => cloud,
    log: (l) => lines.push(l),
  })
  return code.then((c) => ({ code: c, lines }))
}

describe('npm run bootstrap:admin', () => {
  it('invokes member.bootstrap with the secret, then takes the secret off the function', async () => {
    const cloud = await deployedCloud({ BOOTSTRAP_SECRET: SECRET, CHECKIN_SECRET: 'c'.repeat(32) })
    expect(cloud.functions.get('member')!.env).toEqual({ BOOTSTRAP_SECRET: SECRET })
    cloud.answer = (_name, event) => ({
      ok: true,
      data: { me: { member: { name: (event as { input: { name: string } }).input.name, role: 'org_admin' } } },
    })

    const { code, lines } = await run(cloud, ['--name', '张三', '--phone', '13900001111'], { BOOTSTRAP_SECRET: SECRET })
    expect(code).toBe(0)
    expect(cloud.invoked).toEqual([
      { name: 'member', event: { action: 'bootstrap', input: { secret: SECRET, name: '张三', phone: '13900001111' } } },
    ])
    expect(cloud.writes().map(([m]) => m)).toEqual(['invokeFunction', 'updateFunctionConfig'])
    expect(cloud.functions.get('member')!.env).toEqual({})
    expect(lines[0]).toBe('✓ 已创建机关党委管理员 张三。')
    expect(lines.at(-1)).toMatch(/在「绑定」页输入姓名和手机号后四位/)
  })

  it('reports the function’s refusal (an admin already exists) and keeps everything as it was', async () => {
    const cloud = await deployedCloud({ BOOTSTRAP_SECRET: SECRET })
    cloud.answer = () => ({
      ok: false,
      error: { code: 'BOOTSTRAP_DISABLED', message: '系统已有管理员，初始化口令已失效' },
    })
    const { code, lines } = await run(cloud, ['--name', '张三', '--phone', '13900001111'], { BOOTSTRAP_SECRET: SECRET })
    expect(code).toBe(1)
    expect(lines).toEqual(['✗ 初始化未完成：系统已有管理员，初始化口令已失效（BOOTSTRAP_DISABLED）'])
    expect(cloud.writes().map(([m]) => m)).toEqual(['invokeFunction'])
  })

  it('asks for a deploy first when the function does not carry the secret', async () => {
    const cloud = await deployedCloud({})
    const { code, lines } = await run(cloud, ['--name', '张三', '--phone', '13900001111'], { BOOTSTRAP_SECRET: SECRET })
    expect(code).toBe(1)
    expect(lines).toEqual([
      '✗ member 云函数上的 BOOTSTRAP_SECRET 与 .env.cloud 不一致（或未设置）：请先运行 npm run deploy',
    ])
    expect(cloud.invoked).toEqual([])
  })

  it('refuses without the secret, the API key or a valid phone, before any call', async () => {
    const cloud = new RecordingCloud()
    const lines: string[] = []
    const code = await runBootstrap(['--name', '张三', '--phone', '123'], {
      env: {},
      envFile: {},
      cloud: () => cloud,
      log: (l) => lines.push(l),
    })
    expect(code).toBe(2)
    expect(lines).toEqual([
      '✗ 缺少环境 ID：用 --env <环境ID> 指定，或在 .env.cloud 中写 ENV_ID=…',
      '✗ 缺少或无效的手机号：--phone <11 位手机号>',
      '✗ 缺少初始化口令：在 .env.cloud 中写 BOOTSTRAP_SECRET=<随机长字符串>，先运行 npm run deploy 把它设到 member 云函数',
      '✗ 缺少云开发 API 密钥：请在环境变量中设置 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY',
    ])
    expect(cloud.calls).toEqual([])
  })
})
