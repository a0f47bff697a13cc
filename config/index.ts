import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import { cloudEnvRefusal, currentBuild } from './cloud-env'
import devConfig from './dev'
import prodConfig from './prod'

export default defineConfig<'webpack5'>(async (merge, { command, mode }) => {
  if (command === 'build') {
    const refusal = cloudEnvRefusal(currentBuild(require('path').resolve(__dirname, '..'), process.env.TARO_ENV, mode))
    if (refusal) {
      // Taro prints a thrown config error as a stack trace; the message itself is what the operator needs.
      console.error(`\n${refusal}\n`)
      process.exit(1)
    }
  }
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'jiguan-dangjian',
    date: '2026-11-23',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist',
    // 长辈模式 on weapp: a page-meta node and a class-carrying view in every page template (see the file).
    // Whitespace between WXML tags dropped (main package budget; see the file).
    // Alt text on weapp: aria-role/aria-label bound on Taro's <image> template (see the file).
    // scroll-view written at one nesting level instead of four (main package budget; see the file).
    plugins: [
      require('path').resolve(__dirname, 'elder-page-meta.js'),
      require('path').resolve(__dirname, 'wxml-whitespace.js'),
      require('path').resolve(__dirname, 'weapp-aria.js'),
      require('path').resolve(__dirname, 'weapp-nesting.js'),
    ],
    defineConstants: {},
    // A development build without an env id inlines '' (the .env files override this); src/app.ts then lets the
    // developer tools pick the environment. Production weapp builds never get here without one (cloud-env.ts).
    env: { TARO_APP_CLOUD_ENV: '""' },
    alias: { '@': require('path').resolve(__dirname, '..', 'src') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Taro's default escapes every Chinese character to \uXXXX (6 bytes instead of 3); WeChat reads packages as
    // UTF-8, so keeping them literal took 7.5 KiB off the main package.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      postcss: {
        // rem instead of the default rpx, as on H5: every size then follows one root font size, which each page's
        // page-meta sets (20px at 375 px wide, 1.3× in 长辈模式: src/components/elder-mode.ts). Taro.pxTransform reads
        // the same setting.
        pxtransform: { enable: true, config: { targetUnit: 'rem' } },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // AntV F2 (支部考评's charts, a subpackage of its own) imports tslib and @babel/runtime's helpers, as
        // main-package code does. Sharing those modules put the helpers F2 needs into the main package (tslib: +3.5
        // KiB over its budget). F2 gets its own copies (the same releases, other files: tslib's es6 build, Babel's
        // CommonJS helpers), which then stay in the scorecard subpackage; the main package keeps its own as it was.
        const nm = require('path').resolve(__dirname, '..', 'node_modules')
        chain.module
          .rule('f2-own-helpers')
          .test(/[\\/]node_modules[\\/]@antv[\\/]/)
          .resolve.alias.set('tslib$', `${nm}/tslib/tslib.es6.js`)
          .set('@babel/runtime/helpers/esm', `${nm}/@babel/runtime/helpers`)
      },
    },
    h5: {
      // Plain elements (<div>, <span>, <input>) for View, Text, Image, Input, Picker and Button instead of Taro's
      // Stencil web components, which each mount as a custom element, upgrade and render in a queue of their own
      // (issue 13: main-thread work after the first paint). The first load drops the web-component chunk:
      // 135 → 117 KiB (brotli) on 首页 (docs/h5-performance.md). Textarea, Switch, Video still come from the
      // web-component library (Taro has no plain version), as does the tab bar. H5 only: weapp renders its own.
      useHtmlComponents: true,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain.optimization.splitChunks(h5SplitChunks)
        // The tab pages' chunks are preloaded from index.html for the route in the address bar, and the route's
        // first cloud calls start there too (see the files). The list is app.config.ts's `pages`; a page missing
        // from the build fails it.
        chain.plugin('route-preload').use(require('./h5-route-preload').H5RoutePreloadPlugin, [
          {
            pages: ['pages/home/index', 'pages/study/index', 'pages/activity/index', 'pages/me/index'],
            publicPath: '/',
            earlyCalls: require('./h5-early-calls').earlyCallsScript,
          },
        ])
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})

/**
 * H5 chunks (issue 13): Taro splits only the initial chunks ('initial'), so every lazily loaded page carried its own
 * copy of what pages share — the kit, src/remote, NutUI — and each further tab downloaded 100–150 KiB again. Splitting
 * async chunks too puts code two or more pages use into chunks of its own, fetched once and cached (by hash) for
 * every later page. Pages stay lazy (Taro's router imports each on first visit); the entry's own modules are never
 * moved into an async chunk, so the first load fetches the same code, only in more files. The groups mirror Taro's
 * (its runtime, node_modules, the app's own shared code); a 10 KB floor keeps tiny shared pieces inline instead of
 * costing a request each.
 */
const h5SplitChunks = {
  chunks: 'all' as const,
  minSize: 10_000,
  maxAsyncRequests: 30,
  maxInitialRequests: 10,
  cacheGroups: {
    default: false as const,
    defaultVendors: false as const,
    taro: {
      test: (module: { context?: string | null }) => /@tarojs[\\/][a-z]+/.test(module.context ?? ''),
      chunks: 'initial' as const,
      priority: 100,
    },
    vendors: { test: /[\\/]node_modules[\\/]/, minChunks: 2, priority: 10, reuseExistingChunk: true },
    common: { minChunks: 2, priority: 1, reuseExistingChunk: true },
  },
}
