import { dotenvParse } from '@tarojs/helper'

/**
 * Whether this build may go ahead without a cloud environment id. Taro inlines `TARO_APP_CLOUD_ENV` from the `.env*`
 * files of the build's mode only (never from the shell), and `wx.cloud.init` needs the id ("env … 必填",
 * developers.weixin.qq.com/minigame/dev/wxcloud/guide/init.html): a production weapp build without it used to build
 * fine and then fail at launch. So a production weapp build stops here with the fix; development builds
 * (`npm run dev:weapp`, `npm run build:weapp:dev`) go ahead and call `wx.cloud.init` without an env, which the developer
 * tools answer with the environment selected there.
 */
export interface BuildFacts {
  /** TARO_ENV: weapp, h5, … */
  platform: string | undefined
  /** Taro's mode: --mode, else NODE_ENV (production for `taro build` without --watch). */
  mode: string | undefined
  /** The TARO_APP_* values the build will inline, as Taro reads them for this mode. */
  inlined: Record<string, string>
}

export function cloudEnvRefusal(b: BuildFacts): string | null {
  if (b.platform !== 'weapp' || b.mode !== 'production') return null
  if ((b.inlined.TARO_APP_CLOUD_ENV ?? '').trim()) return null
  return [
    '构建已停止：缺少云开发环境 ID（TARO_APP_CLOUD_ENV）。没有它，生产构建的小程序一启动就会连不上云端。',
    '请在 .env.production.local 中写一行 TARO_APP_CLOUD_ENV=<环境ID>（云开发控制台 → 环境 ID），再重新构建；',
    '只想在开发者工具里看界面，用 npm run dev:weapp 或 npm run build:weapp:dev（开发模式，使用开发者工具中选择的环境）。',
    'Build stopped: no cloud environment id. Put TARO_APP_CLOUD_ENV=<env id> in .env.production.local (Taro reads it',
    'from .env files only, not from the shell), or use npm run dev:weapp / build:weapp:dev for a development build.',
  ].join('\n')
}

/** The facts of the running `taro` command, read the way Taro reads them (cli.js: mode = --mode || NODE_ENV). */
export function currentBuild(root: string, platform: string | undefined, mode: string | undefined): BuildFacts {
  return { platform, mode, inlined: dotenvParse(root, 'TARO_APP_', mode) }
}
