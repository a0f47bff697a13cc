import { spawnSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { parseArgs } from 'util'
import { readEnvFile } from './manifest'

/**
 * `npm run upload:weapp -- --version 1.2.0 --desc "…" [--key path] [--robot 1] [--skip-build]`: builds the
 * mini-program for production and uploads it with miniprogram-ci, WeChat's own CI package
 * (https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html). The upload key is generated in the MP console
 * (开发管理 → 开发设置 → 小程序代码上传), with an IP allow-list; it never goes into the repository.
 */
export interface UploadDeps {
  root: string
  env: Record<string, string | undefined>
  /** Taro's .env.production (TARO_APP_ID, TARO_APP_CLOUD_ENV). */
  envFile: Record<string, string>
  build: () => number
  ci: {
    Project: new (opts: {
      appid: string
      type: string
      projectPath: string
      privateKeyPath: string
      ignores: string[]
    }) => unknown
    upload: (opts: {
      project: unknown
      version: string
      desc: string
      robot: number
      setting: Record<string, boolean>
      onProgressUpdate?: (p: unknown) => void
    }) => Promise<unknown>
  }
  log: (line: string) => void
}

export async function runUpload(argv: string[], deps: UploadDeps): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      version: { type: 'string' },
      desc: { type: 'string' },
      key: { type: 'string' },
      robot: { type: 'string' },
      'skip-build': { type: 'boolean' },
    },
    strict: true,
  })
  const config = JSON.parse(fs.readFileSync(path.join(deps.root, 'project.config.json'), 'utf8')) as {
    appid?: string
    setting?: Record<string, boolean>
  }
  const appid =
    deps.env.TARO_APP_ID || deps.envFile.TARO_APP_ID || (config.appid !== 'touristappid' ? config.appid : '')
  const keyPath = values.key || deps.env.WEAPP_UPLOAD_KEY || ''
  const cloudEnv = deps.env.TARO_APP_CLOUD_ENV || deps.envFile.TARO_APP_CLOUD_ENV
  const refusals: string[] = []
  if (!appid)
    refusals.push(
      '缺少小程序 AppID：在 .env.production.local 中写 TARO_APP_ID=wx…（或在 project.config.json 的 appid 中填写，不能是 touristappid）',
    )
  if (!keyPath)
    refusals.push(
      '缺少代码上传密钥：用 --key <私钥文件路径> 或环境变量 WEAPP_UPLOAD_KEY 指定（公众平台 → 开发管理 → 开发设置 → 小程序代码上传 → 生成，并配置 IP 白名单）',
    )
  else if (!fs.existsSync(keyPath)) refusals.push(`代码上传密钥文件不存在：${keyPath}`)
  if (!cloudEnv)
    refusals.push(
      '缺少云开发环境 ID：在 .env.production.local 中写 TARO_APP_CLOUD_ENV=<环境ID>，否则上线后的小程序连不上云端',
    )
  if (!values.version || !/^\d+\.\d+\.\d+$/.test(values.version))
    refusals.push('请用 --version 指定版本号，如 --version 1.2.0')
  if (!values.desc?.trim()) refusals.push('请用 --desc 写明本次上传的说明（体验版/审核时可见）')
  if (refusals.length) {
    for (const r of refusals) deps.log(`✗ ${r}`)
    return 2
  }
  if (!values['skip-build']) {
    deps.log('构建小程序（npm run build:weapp，生产模式）…')
    if (deps.build() !== 0) {
      deps.log('✗ 构建失败，未上传')
      return 1
    }
  }
  const project = new deps.ci.Project({
    appid: appid!,
    type: 'miniProgram',
    projectPath: deps.root, // where project.config.json is; it points at dist/ (miniprogramRoot)
    privateKeyPath: keyPath,
    ignores: ['node_modules/**/*'],
  })
  const robot = Number(values.robot ?? 1)
  deps.log(`上传 ${appid} 版本 ${values.version}（机器人 ${robot}）…`)
  await deps.ci.upload({
    project,
    version: values.version!,
    desc: values.desc!.trim(),
    robot,
    // The project's own compile settings: Taro's output is already transpiled and minified.
    setting: { es6: !!config.setting?.es6, minify: !!config.setting?.minified },
  })
  deps.log(`✓ 已上传：到公众平台「版本管理」把 ${values.version} 设为体验版，或提交审核。`)
  return 0
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..')
  runUpload(process.argv.slice(2), {
    root,
    env: process.env,
    // As Taro reads them for a production build: .env.production.local wins over .env.production.
    envFile: {
      ...readEnvFile(path.join(root, '.env.production')),
      ...readEnvFile(path.join(root, '.env.production.local')),
    },
    build: () =>
      spawnSync('npm', ['run', 'build:weapp'], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      }).status ?? 1,
    ci: require('miniprogram-ci'),
    log: (l) => console.log(l),
  }).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`上传失败：${err instanceof Error ? err.message : String(err)}`)
      process.exit(1)
    },
  )
}
