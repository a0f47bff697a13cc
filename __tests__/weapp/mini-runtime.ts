import fs from 'fs'
import path from 'path'
import vm from 'vm'

/**
 * A stand-in of the WeChat mini-program runtime, just enough to boot Taro's weapp output (dist/): the globals the
 * base library gives every file (App, Page, Component, getApp, getCurrentPages, wx), a module loader for the
 * `require('./common')` chain the build emits, and page instances whose setData keeps the data tree Taro renders
 * into. WeChat's own miniprogram-simulate loads single custom components (WXML through j-component) and cannot run
 * Taro's App/Page bootstrap or its recursive base.wxml templates, so this plays the base library instead.
 */
export interface MiniRuntime {
  /** wx API calls in order: [name, first argument]. */
  calls: Array<[string, unknown]>
  /** Errors the app threw or reported (uncaught in callbacks, console.error, unhandled rejections). */
  errors: string[]
  app: Record<string, any> | null
  launch(): Promise<void>
  openPage(route: string, query?: Record<string, string>): Promise<PageInstance>
  /** Lets timers and promises run until the app has been quiet for a moment. */
  settle(): Promise<void>
}

export interface PageInstance {
  route: string
  data: Record<string, any>
  /** Every text node under the page's root, in order. */
  texts(): string[]
  [key: string]: any
}

export type WxOverrides = Record<string, any>

export function createMiniRuntime(distDir: string, overrides: WxOverrides = {}): MiniRuntime {
  const calls: Array<[string, unknown]> = []
  const errors: string[] = []
  const pages = new Map<string, Record<string, any>>()
  const stack: PageInstance[] = []
  let appInstance: Record<string, any> | null = null
  let loadingRoute = ''
  let pending = 0

  const sysInfo = {
    platform: 'devtools',
    system: 'iOS 17.0',
    brand: 'devtools',
    model: 'iPhone X',
    pixelRatio: 3,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 812,
    statusBarHeight: 44,
    language: 'zh_CN',
    version: '8.0.50',
    SDKVersion: '3.5.0',
    safeArea: { top: 44, bottom: 778, left: 0, right: 375, width: 375, height: 734 },
  }
  const ok = (name: string, opts: any, res: Record<string, unknown> = {}) => {
    const result = { errMsg: `${name}:ok`, ...res }
    pending++
    setTimeout(() => {
      pending--
      guard(`${name}.success`, () => opts?.success?.(result))
      guard(`${name}.complete`, () => opts?.complete?.(result))
    }, 0)
    return undefined
  }
  const guard = (where: string, fn: () => unknown) => {
    try {
      const r = fn()
      if (r && typeof (r as Promise<unknown>).then === 'function')
        (r as Promise<unknown>).catch((e) => errors.push(`${where}: ${describe(e)}`))
    } catch (e) {
      errors.push(`${where}: ${describe(e)}`)
    }
  }
  const storage = new Map<string, unknown>()
  const known: Record<string, (...args: any[]) => any> = {
    getSystemInfoSync: () => sysInfo,
    getWindowInfo: () => sysInfo,
    getDeviceInfo: () => sysInfo,
    getAppBaseInfo: () => sysInfo,
    getSystemSetting: () => ({}),
    getAppAuthorizeSetting: () => ({}),
    getSystemInfo: (o: any) => ok('getSystemInfo', o, sysInfo),
    getMenuButtonBoundingClientRect: () => ({ top: 48, bottom: 80, left: 281, right: 368, width: 87, height: 32 }),
    getLaunchOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx_boot_test', envVersion: 'develop', version: '' } }),
    canIUse: () => true,
    nextTick: (fn: () => void) => Promise.resolve().then(() => guard('nextTick', fn)),
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    getStorage: (o: any) =>
      storage.has(o.key)
        ? ok('getStorage', o, { data: storage.get(o.key) })
        : o?.fail?.({ errMsg: 'getStorage:fail data not found' }),
    setStorage: (o: any) => (storage.set(o.key, o.data), ok('setStorage', o)),
    createSelectorQuery: () => selectorQuery(),
    onAppShow: () => {},
    onAppHide: () => {},
    offAppShow: () => {},
    offAppHide: () => {},
    onError: () => {},
    onUnhandledRejection: () => {},
    onPageNotFound: () => {},
    onWindowResize: () => {},
    onNetworkStatusChange: () => {},
    getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
    cloud: {} as never,
    ...overrides,
  }
  const fakes = new Map<string, (opts?: any) => undefined>()
  const fake = (prop: string) => {
    let f = fakes.get(prop)
    if (!f) {
      // Any other API: succeed asynchronously, like the base library does for calls with nothing to show here.
      f = (opts?: any) => {
        calls.push([prop, opts])
        return ok(prop, opts)
      }
      fakes.set(prop, f)
    }
    return f
  }
  const apiNames = wxApiNames()
  const isApi = (prop: unknown): prop is string =>
    typeof prop === 'string' &&
    /^[a-z][A-Za-z0-9]*$/.test(prop) &&
    !(prop in Object.prototype) &&
    prop !== 'webpackJsonp'
  const wx: Record<string, any> = new Proxy(known, {
    has: (target, prop) => prop in target || isApi(prop),
    // The real wx object lists every API of the base library; Taro promisifies what it finds here.
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...apiNames])],
    getOwnPropertyDescriptor(target, prop) {
      const own = Reflect.getOwnPropertyDescriptor(target, prop)
      if (own || !isApi(prop)) return own
      return { configurable: true, enumerable: true, writable: true, value: fake(prop) }
    },
    get(target, prop: string) {
      if (typeof prop !== 'string' || prop in Object.prototype) return Reflect.get(target, prop)
      if (prop in target) {
        const v = target[prop]
        if (typeof v !== 'function') return v
        return (...args: any[]) => {
          calls.push([prop, args[0]])
          return v(...args)
        }
      }
      if (!isApi(prop)) return undefined
      return fake(prop)
    },
    set(target, prop: string, value) {
      target[prop] = value
      return true
    },
  })
  known.cloud = (overrides.cloud as never) ?? ({} as never)

  const globals: Record<string, unknown> = {
    wx,
    App: (opts: Record<string, any>) => {
      appInstance = opts
    },
    Page: (opts: Record<string, any>) => void pages.set(loadingRoute, opts),
    Component: (opts: Record<string, any>) => void pages.set(loadingRoute, opts),
    Behavior: (opts: unknown) => opts,
    getApp: () => appInstance,
    getCurrentPages: () => [...stack],
    requirePlugin: () => ({}),
    console: {
      ...console,
      error: (...args: unknown[]) => errors.push(`console.error: ${args.map(describe).join(' ')}`),
      warn: () => {},
      log: () => {},
      info: () => {},
    },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    Promise,
    Date,
    Math,
    JSON,
  }
  const context = vm.createContext(globals)
  const cache = new Map<string, { exports: unknown }>()
  function load(file: string): unknown {
    const full = path.resolve(distDir, file.endsWith('.js') ? file : `${file}.js`)
    const hit = cache.get(full)
    if (hit) return hit.exports
    const mod = { exports: {} as unknown }
    cache.set(full, mod)
    const code = fs.readFileSync(full, 'utf8')
    const fn = vm.runInContext(`(function (module, exports, require) {${code}\n})`, context, { filename: full })
    const localRequire = (id: string) => load(path.relative(distDir, path.resolve(path.dirname(full), id)))
    fn(mod, mod.exports, localRequire)
    return mod.exports
  }

  function selectorQuery() {
    const q: any = {
      in: () => q,
      select: () => q,
      selectAll: () => q,
      selectViewport: () => q,
      boundingClientRect: () => q,
      scrollOffset: () => q,
      fields: () => q,
      node: () => q,
      exec: (cb?: (r: unknown[]) => void) => setTimeout(() => guard('selectorQuery.exec', () => cb?.([])), 0),
    }
    return q
  }

  function setPath(target: Record<string, any>, key: string, value: unknown) {
    const parts = key
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter(Boolean)
    let obj: any = target
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]
      if (obj[p] == null || typeof obj[p] !== 'object') obj[p] = /^\d+$/.test(parts[i + 1]) ? [] : {}
      obj = obj[p]
    }
    obj[parts[parts.length - 1]] = value
  }

  function texts(node: any, out: string[] = []): string[] {
    if (!node || typeof node !== 'object') return out
    if (typeof node.v === 'string' && node.v.trim()) out.push(node.v.trim())
    for (const child of node.cn ?? []) texts(child, out)
    return out
  }

  function instantiate(route: string, opts: Record<string, any>): PageInstance {
    const inst: PageInstance = Object.create(null)
    for (const [k, v] of Object.entries(opts)) inst[k] = typeof v === 'function' ? v : v
    Object.assign(inst, opts.methods ?? {})
    inst.route = route
    inst.__route__ = route
    inst.data = JSON.parse(JSON.stringify(opts.data ?? {}))
    inst.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      for (const [k, v] of Object.entries(patch)) setPath(inst.data, k, JSON.parse(JSON.stringify(v ?? null)))
      if (cb) setTimeout(() => guard('setData.callback', cb), 0)
    }
    inst.selectComponent = () => null
    inst.selectAllComponents = () => []
    inst.createSelectorQuery = () => selectorQuery()
    inst.getOpenerEventChannel = () => ({ on() {}, emit() {}, off() {} })
    inst.texts = () => texts(inst.data.root)
    return inst
  }

  async function settle() {
    // Quiet = no base-library callbacks queued for a few rounds of the event loop.
    for (let quiet = 0; quiet < 5;) {
      await new Promise((r) => setTimeout(r, 20))
      quiet = pending === 0 ? quiet + 1 : 0
    }
  }

  const onRejection = (reason: unknown) => errors.push(`unhandledRejection: ${describe(reason)}`)
  process.on('unhandledRejection', onRejection)

  return {
    calls,
    errors,
    get app() {
      return appInstance
    },
    async launch() {
      guard('app.js', () => load('app'))
      if (!appInstance) throw new Error(`App() was never called: ${errors.join('; ')}`)
      guard('App.onLaunch', () =>
        appInstance!.onLaunch?.call(appInstance, { path: 'pages/home/index', query: {}, scene: 1001 }),
      )
      guard('App.onShow', () =>
        appInstance!.onShow?.call(appInstance, { path: 'pages/home/index', query: {}, scene: 1001 }),
      )
      await settle()
    },
    async openPage(route: string, query: Record<string, string> = {}) {
      loadingRoute = route
      guard(`${route}.js`, () => load(route))
      const opts = pages.get(route)
      if (!opts) throw new Error(`${route}: Page() was never called: ${errors.join('; ')}`)
      const inst = instantiate(route, opts)
      stack.push(inst)
      guard(`${route}.onLoad`, () => inst.onLoad?.call(inst, query))
      guard(`${route}.onShow`, () => inst.onShow?.call(inst))
      guard(`${route}.onReady`, () => inst.onReady?.call(inst))
      await settle()
      return inst
    },
    settle,
  }
}

/** The names of every wx.* API, read from WeChat's own typings (miniprogram-api-typings, interface Wx). */
function wxApiNames(): string[] {
  const file = require.resolve('miniprogram-api-typings/types/wx/lib.wx.api.d.ts')
  const text = fs.readFileSync(file, 'utf8')
  const body = text.slice(text.indexOf('interface Wx {'))
  return [...new Set([...body.matchAll(/^ {8}([a-z][A-Za-z0-9]*)\s*[<(]/gm)].map((m) => m[1]))]
}

function describe(e: unknown): string {
  if (e instanceof Error || (e && typeof e === 'object' && 'message' in e && 'stack' in e)) {
    const err = e as Error
    const at = String(err.stack ?? '')
      .split('\n')
      .find((l) => l.includes('/dist/'))
    return `${err.name}: ${err.message}${at ? ` (${at.trim()})` : ''}`
  }
  if (e && typeof e === 'object' && 'stack' in e) return String((e as { stack: unknown }).stack)
  return typeof e === 'string' ? e : JSON.stringify(e)
}
