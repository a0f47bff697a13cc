import fs from 'fs'
import os from 'os'
import path from 'path'
import { cloudEnvRefusal, currentBuild } from '../../config/cloud-env'

describe('a production weapp build needs the cloud environment id', () => {
  it('refuses a production weapp build without it, saying where to put it, in Chinese and English', () => {
    const refusal = cloudEnvRefusal({ platform: 'weapp', mode: 'production', inlined: {} })
    expect(refusal).toMatch(/缺少云开发环境 ID/)
    expect(refusal).toMatch(/\.env\.production\.local/)
    expect(refusal).toMatch(/TARO_APP_CLOUD_ENV=<环境ID>/)
    expect(refusal).toMatch(/no cloud environment id/)
    expect(cloudEnvRefusal({ platform: 'weapp', mode: 'production', inlined: { TARO_APP_CLOUD_ENV: '  ' } })).toBe(
      refusal,
    )
  })

  it('lets a production build with the id, a development build and the H5 build go ahead', () => {
    const inlined = { TARO_APP_CLOUD_ENV: 'prod-1a2b3c' }
    expect(cloudEnvRefusal({ platform: 'weapp', mode: 'production', inlined })).toBeNull()
    expect(cloudEnvRefusal({ platform: 'weapp', mode: 'development', inlined: {} })).toBeNull()
    expect(cloudEnvRefusal({ platform: 'h5', mode: 'production', inlined: {} })).toBeNull()
  })

  it('reads the id from the .env files of the mode, as Taro inlines it, not from the shell', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cloud-env-'))
    const shell = process.env.TARO_APP_CLOUD_ENV
    try {
      process.env.TARO_APP_CLOUD_ENV = 'from-the-shell'
      expect(cloudEnvRefusal(currentBuild(root, 'weapp', 'production'))).not.toBeNull()
      fs.writeFileSync(path.join(root, '.env.development.local'), 'TARO_APP_CLOUD_ENV=dev-env\n')
      expect(cloudEnvRefusal(currentBuild(root, 'weapp', 'production'))).not.toBeNull()
      fs.writeFileSync(path.join(root, '.env.production.local'), 'TARO_APP_CLOUD_ENV=prod-env\n')
      // Once a file of the mode names it, Taro inlines it (dotenv-expand lets a shell value of the same name win).
      expect(currentBuild(root, 'weapp', 'production').inlined.TARO_APP_CLOUD_ENV).toBeTruthy()
      expect(cloudEnvRefusal(currentBuild(root, 'weapp', 'production'))).toBeNull()
    } finally {
      if (shell === undefined) Reflect.deleteProperty(process.env, 'TARO_APP_CLOUD_ENV')
      else process.env.TARO_APP_CLOUD_ENV = shell
      fs.rmSync(root, { recursive: true, force: true })
    }
  })
})
