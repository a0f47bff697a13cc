import fs from 'fs'
import os from 'os'
import path from 'path'
import { runUpload, type UploadDeps } from '../../scripts/deploy/upload-weapp'
import { ROOT } from './sources'

const key = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'key-')), 'private.wx123.key')
fs.writeFileSync(key, '-----BEGIN RSA PRIVATE KEY-----\nstand-in\n-----END RSA PRIVATE KEY-----\n')

function deps(over: Partial<UploadDeps> = {}) {
  const lines: string[] = []
  const uploads: unknown[] = []
  const projects: unknown[] = []
  const build = jest.fn(() => 0)
  const d: UploadDeps = {
    root: ROOT,
    env: {},
    envFile: { TARO_APP_ID: 'wx1234567890abcdef', TARO_APP_CLOUD_ENV: 'prod-1a2b' },
    build,
    ci: {
      Project: class {
        constructor(opts: unknown) {
          projects.push(opts)
        }
      },
      upload: async (opts) => void uploads.push({ ...opts, project: '(project)' }),
    },
    log: (l) => lines.push(l),
    ...over,
  }
  return { d, lines, uploads, projects, build }
}

describe('npm run upload:weapp', () => {
  it('builds, then uploads with the version, description and robot given', async () => {
    const { d, uploads, projects, build } = deps()
    const code = await runUpload(['--version', '1.2.0', '--desc', '首个正式版', '--key', key, '--robot', '3'], d)
    expect(code).toBe(0)
    expect(build).toHaveBeenCalledTimes(1)
    expect(projects).toEqual([
      {
        appid: 'wx1234567890abcdef',
        type: 'miniProgram',
        projectPath: ROOT,
        privateKeyPath: key,
        ignores: ['node_modules/**/*'],
      },
    ])
    expect(uploads).toEqual([
      { project: '(project)', version: '1.2.0', desc: '首个正式版', robot: 3, setting: { es6: false, minify: false } },
    ])
  })

  it('refuses, naming each thing missing, without building or uploading: no app id, no key', async () => {
    const { d, lines, uploads, build } = deps({ envFile: { TARO_APP_CLOUD_ENV: 'prod-1a2b' } })
    expect(await runUpload(['--version', '1.2.0', '--desc', 'x'], d)).toBe(2)
    expect(lines).toEqual([
      '✗ 缺少小程序 AppID：在 .env.production.local 中写 TARO_APP_ID=wx…（或在 project.config.json 的 appid 中填写，不能是 touristappid）',
      '✗ 缺少代码上传密钥：用 --key <私钥文件路径> 或环境变量 WEAPP_UPLOAD_KEY 指定（公众平台 → 开发管理 → 开发设置 → 小程序代码上传 → 生成，并配置 IP 白名单）',
    ])
    expect(build).not.toHaveBeenCalled()
    expect(uploads).toEqual([])
  })

  it('refuses a key path that does not exist, a missing cloud env id, version or description', async () => {
    const { d, lines, uploads } = deps({
      envFile: { TARO_APP_ID: 'wx1234567890abcdef' },
      env: { WEAPP_UPLOAD_KEY: '/nowhere/private.key' },
    })
    expect(await runUpload([], d)).toBe(2)
    expect(lines).toEqual([
      '✗ 代码上传密钥文件不存在：/nowhere/private.key',
      '✗ 缺少云开发环境 ID：在 .env.production.local 中写 TARO_APP_CLOUD_ENV=<环境ID>，否则上线后的小程序连不上云端',
      '✗ 请用 --version 指定版本号，如 --version 1.2.0',
      '✗ 请用 --desc 写明本次上传的说明（体验版/审核时可见）',
    ])
    expect(uploads).toEqual([])
  })

  it('does not upload when the build fails', async () => {
    const { d, lines, uploads } = deps({ build: () => 1 })
    expect(await runUpload(['--version', '1.2.0', '--desc', 'x', '--key', key], d)).toBe(1)
    expect(lines.at(-1)).toBe('✗ 构建失败，未上传')
    expect(uploads).toEqual([])
  })
})
