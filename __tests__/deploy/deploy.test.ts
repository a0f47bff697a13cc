import { createHash } from 'crypto'
import path from 'path'
import { deploy } from '../../scripts/deploy/deploy'
import { runDeploy, type CliDeps } from '../../scripts/deploy/main'
import { loadManifest } from '../../scripts/deploy/manifest'
import { buildPlan, STORAGE_RULE } from '../../scripts/deploy/plan'
import { RecordingCloud } from './recording-cloud'

// A bundle's hash without needing the build: 12 hex characters per function name (and a version, to "change code").
const hashes: Record<string, string> = {}
const fakeHash = (dir: string) =>
  (hashes[path.basename(dir)] ??= createHash('sha256').update(path.basename(dir)).digest('hex').slice(0, 12))
const VALUES = {
  CHECKIN_SECRET: 'c'.repeat(32),
  QUIZ_SECRET: 'q'.repeat(32),
  STUDY_TEMPLATE_ID: 'tpl_study',
  ACTIVITY_TEMPLATE_ID: 'tpl_activity',
  REMIND_TEMPLATE_ID: 'tpl_remind',
}
const plan = () => buildPlan({ envId: 'prod-1a2b', values: VALUES, hash: fakeHash })
const manifest = loadManifest()

beforeEach(() => {
  for (const k of Object.keys(hashes)) delete hashes[k]
})

describe('deploy against a recording stand-in of CloudBase', () => {
  it('on a fresh environment creates collections, indexes, permissions, the storage rule, then the functions and their trigger — in that order', async () => {
    const cloud = new RecordingCloud()
    const p = plan()
    const result = await deploy(cloud, p)

    const order = [...new Set(cloud.writes().map(([m]) => m))]
    expect(order).toEqual([
      'createCollection',
      'updateIndexes',
      'setCollectionAcl',
      'setStorageRule',
      'createFunction',
      'createTriggers',
    ])
    // Every write of a step happens before the next step starts.
    const methods = cloud.writes().map(([m]) => m)
    expect(methods.lastIndexOf('createCollection')).toBeLessThan(methods.indexOf('updateIndexes'))
    expect(methods.lastIndexOf('setCollectionAcl')).toBeLessThan(methods.indexOf('createFunction'))

    expect([...cloud.collections.keys()].sort()).toEqual(p.collections.map((c) => c.name))
    for (const c of p.collections) {
      const have = cloud.collections.get(c.name)!
      expect([c.name, have.acl]).toEqual([c.name, 'ADMINONLY'])
      expect(have.indexes.filter((i) => i.name !== '_id_')).toEqual(c.indexes)
    }
    expect(cloud.storage).toEqual(STORAGE_RULE)

    expect([...cloud.functions.keys()]).toEqual(manifest.functions.map((f) => f.name))
    for (const f of manifest.functions) {
      const have = cloud.functions.get(f.name)!
      expect({ name: f.name, runtime: have.runtime, timeout: have.timeout, memorySize: have.memorySize }).toEqual({
        name: f.name,
        runtime: f.runtime,
        timeout: f.timeout,
        memorySize: f.memorySize,
      })
    }
    expect(cloud.functions.get('activity')!.env).toEqual({
      CHECKIN_SECRET: VALUES.CHECKIN_SECRET,
      ACTIVITY_TEMPLATE_ID: 'tpl_activity',
    })
    expect(cloud.functions.get('meeting')!.env).toEqual({ CHECKIN_SECRET: VALUES.CHECKIN_SECRET })
    expect(cloud.functions.get('study')!.triggers).toEqual([
      { name: 'dispatchDue', type: 'timer', config: '0 */5 * * * * *' },
    ])
    // Every variable had a value except the one-off BOOTSTRAP_SECRET, whose absence is normal.
    expect(result.warnings).toEqual([])
    expect(cloud.functions.get('member')!.env).toEqual({})
    const indexCount = p.collections.reduce((n, c) => n + c.indexes.length, 0)
    expect(result.changes.filter((l) => l.startsWith('创建索引 ')).length).toBe(indexCount)
    expect(result.changes).toContain('创建索引 members.phone')
    expect(result.changes).toContain('集合 members 权限设为 ADMINONLY（仅管理端可读写）')
  })

  it('a second run reads everything, changes nothing and says so', async () => {
    const cloud = new RecordingCloud()
    await deploy(cloud, plan())
    cloud.calls = []
    const lines: string[] = []
    const code = await runDeploy(['--env', 'prod-1a2b'], cliDeps(cloud, lines))
    expect(code).toBe(0)
    expect(cloud.writes()).toEqual([])
    expect(cloud.calls.length).toBeGreaterThan(0)
    expect(lines.at(-1)).toBe('\n无变化：云端已与清单一致。')
  })

  it('a rebuilt bundle uploads that function’s code only, and records its new hash', async () => {
    const cloud = new RecordingCloud()
    await deploy(cloud, plan())
    cloud.calls = []
    hashes.quiz = 'abcdef123456'
    const result = await deploy(cloud, plan())
    expect(cloud.writes()).toEqual([
      ['updateFunctionCode', 'quiz'],
      ['updateFunctionConfig', 'quiz', { timeout: 20, memorySize: 512, env: ['QUIZ_SECRET'] }],
    ])
    expect(result.changes[0]).toMatch(/^更新云函数 quiz 的代码（[0-9a-f]{12} → abcdef123456）$/)
    cloud.calls = []
    await deploy(cloud, plan())
    expect(cloud.writes()).toEqual([])
  })

  it('puts back a timeout, a variable and a trigger changed by hand in the console', async () => {
    const cloud = new RecordingCloud()
    await deploy(cloud, plan())
    const study = cloud.functions.get('study')!
    study.timeout = 3
    study.triggers = [{ name: 'dispatchDue', type: 'timer', config: '0 0 * * * * *' }]
    cloud.functions.get('meeting')!.env.CHECKIN_SECRET = 'changed'
    cloud.calls = []
    await deploy(cloud, plan())
    expect(cloud.writes()).toEqual([
      ['updateFunctionConfig', 'meeting', { timeout: 20, memorySize: 512, env: ['CHECKIN_SECRET'] }],
      ['updateFunctionConfig', 'study', { timeout: 20, memorySize: 512, env: ['STUDY_TEMPLATE_ID'] }],
      ['deleteTrigger', 'study', 'dispatchDue'],
      ['createTriggers', 'study', ['dispatchDue']],
    ])
    expect(cloud.functions.get('meeting')!.env.CHECKIN_SECRET).toBe(VALUES.CHECKIN_SECRET)
  })

  it('keeps a variable set in the console when .env.cloud leaves it out (CloudBase would otherwise drop it)', async () => {
    const cloud = new RecordingCloud()
    await deploy(cloud, plan())
    const withoutTemplate = buildPlan({
      envId: 'prod-1a2b',
      values: { CHECKIN_SECRET: VALUES.CHECKIN_SECRET },
      hash: fakeHash,
    })
    cloud.calls = []
    const result = await deploy(cloud, withoutTemplate)
    expect(cloud.writes()).toEqual([])
    expect(cloud.functions.get('study')!.env).toEqual({ STUDY_TEMPLATE_ID: 'tpl_study' })
    expect(result.warnings).toEqual([])
  })

  it('says which variables have no value anywhere, and sets nothing in their place', async () => {
    const cloud = new RecordingCloud()
    const p = buildPlan({ envId: 'prod-1a2b', values: { CHECKIN_SECRET: VALUES.CHECKIN_SECRET }, hash: fakeHash })
    const result = await deploy(cloud, p)
    expect(result.warnings).toEqual([
      '云函数 quiz 的环境变量 QUIZ_SECRET 未设置（在 .env.cloud 中填写后重新部署）',
      '云函数 study 的环境变量 STUDY_TEMPLATE_ID 未设置（在 .env.cloud 中填写后重新部署）',
      '云函数 activity 的环境变量 ACTIVITY_TEMPLATE_ID 未设置（在 .env.cloud 中填写后重新部署）',
      '云函数 remind 的环境变量 REMIND_TEMPLATE_ID 未设置（在 .env.cloud 中填写后重新部署）',
    ])
    expect(cloud.functions.get('activity')!.env).toEqual({ CHECKIN_SECRET: VALUES.CHECKIN_SECRET })
  })

  it('rebuilds an index whose keys differ, leaves a console-made index alone and says so', async () => {
    const cloud = new RecordingCloud()
    await deploy(cloud, plan())
    const members = cloud.collections.get('members')!
    members.indexes = members.indexes.map((i) => (i.name === 'phone' ? { ...i, unique: false } : i))
    members.indexes.push({ name: 'by_hand', keys: [['title', 1]], unique: false })
    cloud.calls = []
    const result = await deploy(cloud, plan())
    expect(cloud.writes()).toEqual([['updateIndexes', 'members', ['phone'], ['phone']]])
    expect(members.indexes.length).toBeGreaterThan(0)
    expect(cloud.collections.get('members')!.indexes.find((i) => i.name === 'phone')!.unique).toBe(true)
    expect(result.warnings).toContain('集合 members 有清单外的索引 by_hand（未删除，如不需要请在控制台删除）')
  })

  it('cannot change a runtime in place: it warns instead of deleting a live function', async () => {
    const cloud = new RecordingCloud()
    await deploy(cloud, plan())
    cloud.functions.get('member')!.runtime = 'Nodejs16.13'
    cloud.calls = []
    const result = await deploy(cloud, plan())
    expect(cloud.writes()).toEqual([])
    expect(result.warnings).toContain(
      '云函数 member 的运行时为 Nodejs16.13，清单要求 Nodejs24.11：运行时只能在创建时指定，请在控制台删除该函数后重新部署',
    )
  })
})

describe('npm run deploy', () => {
  it('--dry-run prints the whole plan and never creates a cloud client', async () => {
    const lines: string[] = []
    const deps = cliDeps(new RecordingCloud(), lines)
    const factory = jest.fn(deps.cloud)
    expect(await runDeploy(['--dry-run', '--env', 'prod-1a2b'], { ...deps, cloud: factory, env: {} })).toBe(0)
    expect(factory).not.toHaveBeenCalled()
    const text = lines.join('\n')
    for (const f of manifest.functions)
      expect(text).toContain(`  ${f.name}  ${f.runtime}  超时 ${f.timeout} 秒  内存 ${f.memorySize} MB`)
    expect(text).toContain('定时触发器：dispatchDue  0 */5 * * * * *')
    expect(text).toMatch(/数据库集合（\d+ 个，索引 \d+ 个，权限 ADMINONLY 仅管理端可读写）/)
    expect(text).toContain('members  branch_name(branchId:1,status:1,name:1,_id:1)')
    expect(text).toContain('云存储安全规则：CUSTOM')
    // Secrets are named, never printed.
    expect(text).not.toContain(VALUES.CHECKIN_SECRET)
  })

  it('refuses without the API key pair in the environment, before any call', async () => {
    const lines: string[] = []
    const cloud = new RecordingCloud()
    const deps = cliDeps(cloud, lines)
    expect(await runDeploy(['--env', 'prod-1a2b'], { ...deps, env: {} })).toBe(2)
    expect(lines.at(-1)).toMatch(
      /缺少云开发 API 密钥：请在环境变量中设置 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY/,
    )
    expect(cloud.calls).toEqual([])
  })

  it('takes the environment id from .env.cloud when --env is left out, and refuses when neither names one', async () => {
    const cloud = new RecordingCloud()
    const seen: string[] = []
    const deps = cliDeps(cloud, [])
    expect(
      await runDeploy([], { ...deps, envFile: { ENV_ID: 'from-file' }, cloud: (o) => (seen.push(o.envId), cloud) }),
    ).toBe(0)
    expect(seen).toEqual(['from-file'])
    const lines: string[] = []
    expect(await runDeploy([], { ...cliDeps(new RecordingCloud(), lines), envFile: {} })).toBe(2)
    expect(lines.at(-1)).toMatch(/缺少环境 ID/)
  })
})

function cliDeps(cloud: RecordingCloud, lines: string[]): CliDeps {
  return {
    env: { TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key', ...VALUES },
    envFile: {},
    cloud: () => cloud,
    log: (l) => lines.push(l),
    hash: fakeHash,
  }
}
