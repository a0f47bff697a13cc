import fs from 'fs'
import os from 'os'
import path from 'path'
import { dotenvParse } from '@tarojs/helper'
import { createCollections } from '../../emulator/deploy'
import { createLocalCloud } from '../../emulator/sdk'
import { invoke, loadFunctions } from '../../emulator/functions'
import { seedDemo } from '../../emulator/seed'
import { createMiniRuntime, type MiniRuntime } from './mini-runtime'
const { pagesOf } = require('../../config/elder-page-meta.js') as { pagesOf: (app: unknown) => string[] }

/**
 * The weapp build boots: dist/ (npm run build:weapp, as uploaded) runs in a stand-in of the mini-program runtime,
 * wx.cloud.callFunction answered by the local cloud running the built function bundles, as a bound member. Needs
 * `npm run build:weapp` first (CI runs it just before), so it is its own suite: npm run test:weapp-boot.
 */
const ROOT = path.resolve(__dirname, '..', '..')
const DIST = path.join(ROOT, 'dist')
const TABS: Array<{ route: string; label: string }> = JSON.parse(
  fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'),
).tabBar.list.map((t: { pagePath: string; text: string }) => ({ route: t.pagePath, label: t.text }))

/** A 2d canvas node as wx's selector query hands it over: it records every call made on its context. */
interface FakeCanvas {
  node: Record<string, unknown>
  height: number
  calls: Array<[string, unknown[]]>
}
const CONTEXT_METHODS = new Set(
  'arc arcTo beginPath bezierCurveTo clearRect clip closePath createLinearGradient createPattern createRadialGradient drawImage ellipse fill fillRect fillText getImageData getLineDash getTransform isPointInPath lineTo measureText moveTo putImageData quadraticCurveTo rect resetTransform restore rotate roundRect save scale setLineDash setTransform stroke strokeRect strokeText transform translate'.split(
    ' ',
  ),
)
function fakeCanvas(height: number): FakeCanvas {
  const calls: FakeCanvas['calls'] = []
  const state: Record<string | symbol, unknown> = {}
  const node: Record<string, unknown> = { width: 0, height: 0 }
  const context = new Proxy(state, {
    get(target, prop) {
      if (prop === 'canvas') return node
      if (typeof prop !== 'string' || !CONTEXT_METHODS.has(prop)) return target[prop]
      return (...args: unknown[]) => {
        calls.push([prop, args])
        if (prop === 'measureText')
          return { width: String(args[0]).length * 7, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }
        if (prop === 'getLineDash') return []
        // G measures a font's height by drawing it offscreen and reading the pixels back.
        if (prop === 'getImageData') return { data: new Uint8ClampedArray(Number(args[2]) * Number(args[3]) * 4) }
        if (prop === 'getTransform') return { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }
        if (prop === 'createLinearGradient' || prop === 'createRadialGradient') return { addColorStop() {} }
        return undefined
      }
    },
    set(target, prop, value) {
      target[prop] = value
      return true
    },
  })
  let frames = 0
  Object.assign(node, {
    getContext: () => context,
    // The canvas node's own frame timer (AntV G renders on it): the first frames only, so nothing runs on after the test.
    requestAnimationFrame: (cb: () => void) => (++frames <= 20 ? setTimeout(cb, 16) : 0),
    cancelAnimationFrame: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  })
  return { node, height, calls }
}

/**
 * What WeChat draws for a node of the page data: the first tag of its template in base.wxml (Taro names it
 * tmpl_0_<the node's nn>; deeper levels repeat the same tag) with every plain `{{i.key}}` binding read from the node.
 * Attributes bound to keys the data does not carry come out undefined, as WeChat leaves them unset.
 */
function drawn(node: Record<string, unknown>): Record<string, unknown> {
  const wxml = fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8')
  const tag = new RegExp(`<template name="tmpl_0_${node.nn}"><([\\w-]+) ([^>]*)>`).exec(wxml)
  if (!tag) throw new Error(`no template for nn=${String(node.nn)} in base.wxml`)
  const out: Record<string, unknown> = { tag: tag[1] }
  for (const [, name, key] of tag[2].matchAll(/([\w-]+)="\{\{i\.(\w+)\}\}"/g)) out[name] = node[key]
  return out
}

/** Every node of a page's data tree. */
function nodesOf(root: unknown): Array<Record<string, unknown>> {
  const nodes: Array<Record<string, unknown>> = []
  const walk = (n: { cn?: unknown[] } | null) => {
    if (!n || typeof n !== 'object') return
    nodes.push(n as Record<string, unknown>)
    for (const c of n.cn ?? []) walk(c as { cn?: unknown[] })
  }
  walk(root as { cn?: unknown[] })
  return nodes
}

describe('the weapp build boots', () => {
  let rt: MiniRuntime
  let close: () => void
  const inits: unknown[] = []
  /** A text each tab must show once its data arrived: the member's name, a required article, a published activity. */
  const expected: Record<string, string> = {}
  const fnCalls: Array<{ name: string; action: string; ok: boolean; code?: string }> = []
  /** Who calls the cloud (WeChat attaches the OPENID): a bound member, or the committee for 支部考评. */
  let caller = ''
  let committee = ''
  /** `<Canvas type="2d" id=…>` nodes the screens asked for by a selector query, by id. */
  const canvases = new Map<string, FakeCanvas>()
  const queryErrors: string[] = []
  const offscreen = fakeCanvas(10)
  // wx.createSelectorQuery: a canvas's node and size for `#scorecard-…` with fields({ node, size }), nothing for others
  // (as the runtime's default).
  const selectorQuery = () => {
    let selected = ''
    const q: Record<string, (...a: any[]) => unknown> = {
      in: () => q,
      select: (sel: string) => ((selected = sel), q),
      selectAll: () => q,
      selectViewport: () => q,
      boundingClientRect: () => q,
      scrollOffset: () => q,
      fields: () => q,
      node: () => q,
      exec: (cb?: (r: unknown[]) => void) =>
        setTimeout(() => {
          try {
            const id = selected.startsWith('#scorecard-') ? selected.slice(1) : null
            if (id && !canvases.has(id)) canvases.set(id, fakeCanvas(id === 'scorecard-lines' ? 220 : 180))
            const c = id ? canvases.get(id)! : null
            cb?.(c ? [{ node: c.node, width: 343, height: c.height }] : [])
          } catch (e) {
            queryErrors.push(String((e as Error)?.stack ?? e))
          }
        }, 0),
    }
    return q
  }

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'app.js'))) throw new Error('dist/ is missing: run npm run build:weapp first')
    process.env.CHECKIN_SECRET ??= 'test-checkin-secret-0123456789'
    process.env.QUIZ_SECRET ??= 'test-quiz-secret-0123456789'
    const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-boot-'))
    const cloud = createLocalCloud({ dbFile: ':memory:', storageDir })
    cloud.clock.set('2026-11-23T02:00:00Z')
    await createCollections(cloud.db())
    const seeded = await seedDemo(cloud.db(), cloud.clock.now(), {
      upload: (cloudPath, content) => cloud.storage.upload(cloudPath, content),
    })
    expect(seeded.articles).toBeGreaterThan(0)
    const functions = loadFunctions(cloud.sdk)
    const member = (
      await cloud.db().collection('members').where({ role: 'member', bindStatus: 'bound' }).limit(1).get()
    ).data[0] as {
      openid: string
      name: string
    }
    const article = (
      await cloud.db().collection('articles').where({ status: 'published', required: true }).limit(1).get()
    ).data[0] as { title: string }
    const activity = (await cloud.db().collection('activities').where({ status: 'published' }).limit(1).get())
      .data[0] as { title: string }
    caller = member.openid
    committee = (
      (await cloud.db().collection('members').where({ name: '陈建国', role: 'org_admin' }).limit(1).get()).data[0] as {
        openid: string
      }
    ).openid
    expected['pages/home/index'] = member.name
    expected['pages/me/index'] = member.name
    expected['pages/study/index'] = article.title
    expected['pages/activity/index'] = activity.title
    close = () => {
      cloud.close()
      fs.rmSync(storageDir, { recursive: true, force: true })
    }
    rt = createMiniRuntime(DIST, {
      createSelectorQuery: selectorQuery,
      createOffscreenCanvas: () => offscreen.node,
      cloud: {
        init: (o: unknown) => void inits.push(o),
        // As wx.cloud.callFunction answers: { result } with the function's return value, the caller's OPENID attached by WeChat.
        callFunction: async (o: {
          name: string
          data: { action: string; input: unknown }
          success?: (r: unknown) => void
        }) => {
          const result = (await invoke(functions, o.name, o.data, caller)) as {
            ok: boolean
            error?: { code: string }
          }
          fnCalls.push({ name: o.name, action: o.data.action, ok: result.ok, code: result.error?.code })
          const res = { result, errMsg: 'cloud.callFunction:ok' }
          o.success?.(res)
          return res
        },
      },
    })
    await rt.launch()
  })
  afterAll(() => close?.())

  it('launches and initialises wx.cloud with the environment id the build was configured with', () => {
    const configured = dotenvParse(ROOT, 'TARO_APP_', 'production').TARO_APP_CLOUD_ENV
    expect(configured).toBeTruthy()
    expect(rt.errors).toEqual([])
    expect(inits).toEqual([expect.objectContaining({ env: configured })])
  })

  it.each(TABS)('renders the $label tab ($route) and loads its data without an exception', async ({ route, label }) => {
    const before = fnCalls.length
    const page = await rt.openPage(route)
    expect({ label, errors: rt.errors }).toEqual({ label, errors: [] })
    const calls = fnCalls.slice(before)
    // Each tab asks the cloud for something, and every answer was a success.
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.filter((c) => !c.ok)).toEqual([])
    // Something a person would see: rendered text, not an empty root or the bind page.
    const texts = page.texts()
    expect(texts.join('')).not.toContain('绑定党员身份')
    expect(texts).toContain(expected[route])
  })

  it('draws an article body with headings, a list, an image named by its description and no raw Markdown', async () => {
    // ar_demo_04 (读原著…): ## headings, a quote, a list, and ![理论学习](a cloud image) in its body.
    const page = await rt.openPage('packages/study/pages/article/index', { id: 'ar_demo_04' })
    expect(rt.errors).toEqual([])
    const texts = page.texts()
    expect(texts).toContain('为什么要读原著')
    // The description is also the image's caption, for everyone who sees it.
    expect(texts).toContain('理论学习')
    expect(texts).toContain('•')
    expect(texts.join('')).not.toContain('**')
    // A screen reader's view of the two images (WeChat reads aria-role/aria-label: config/weapp-aria.js): the body
    // image (tap opens it full screen) and the cover (no handler: Taro's static-image template), each drawn by its
    // template in base.wxml from the page data, as WeChat draws it.
    const nodes = nodesOf(page.data.root)
    const body = nodes.find((n) => n.cl === 'ac-img')!
    const cover = nodes.find((n) => n.cl === 'article-cover')!
    expect(body.nn).not.toBe(cover.nn)
    expect(drawn(body)).toMatchObject({
      tag: 'image',
      src: expect.stringMatching(/^http.*cover-study\.svg$/),
      'aria-role': 'img',
      'aria-label': '理论学习',
    })
    expect(drawn(cover)).toMatchObject({
      tag: 'image',
      src: expect.stringMatching(/^http.*cover-study\.svg$/),
      'aria-role': 'img',
      'aria-label': '读原著、学原文、悟原理：理论学习方法指引封面',
    })
  })

  it('binds aria-role and aria-label on every <image> template of base.wxml and every <view> one that takes attributes', () => {
    const wxml = fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8')
    const bound = / aria-role="\{\{i\.a11yRole\}\}" aria-label="\{\{i\.a11yLabel\}\}" /
    const images = wxml.match(/<image [^>]*>/g) ?? []
    expect(images.length).toBe(2) // Taro's image and static-image; <image> is not nested, so one level each
    for (const tag of images) expect(tag).toMatch(bound)
    // view, catch-view and static-view at each of Taro's 15 levels; pure-view and click-view take class and style only.
    const views = (wxml.match(/<view [^>]*>/g) ?? []).filter((t) => t.includes('hover-class'))
    expect(views.length).toBe(45)
    for (const tag of views) expect(tag).toMatch(bound)
    expect(wxml.match(/aria-/g)?.length).toBe(2 * (images.length + views.length))
  })

  it('支部考评 (its own subpackage) draws its charts with AntV F2 on the 2d canvas nodes, and lists the figures as text', async () => {
    const member = caller
    caller = committee
    try {
      const page = await rt.openPage('packages/scorecard/pages/index')
      // Drawn once the data arrived, the canvas was found and F2's renderer took a frame: waited for, a few seconds at most.
      const drawnText = (id: string) =>
        (canvases.get(id)?.calls ?? []).filter(([m]) => m === 'fillText').map(([, a]) => String(a[0]))
      for (let i = 0; i < 250 && !(drawnText('scorecard-bars').length && drawnText('scorecard-lines').length); i++)
        await new Promise((r) => setTimeout(r, 20))
      expect(rt.errors).toEqual([])
      expect(queryErrors).toEqual([])
      const texts = page.texts()
      expect(texts).toEqual(expect.arrayContaining(['各支部对比', '办公室党支部', '总分']))
      // The bars: each branch's name written on the canvas as an axis label, and the bars filled.
      const bars = canvases.get('scorecard-bars')!
      expect(drawnText('scorecard-bars')).toEqual(expect.arrayContaining(['办公室党支部', '离退休干部党支部', '100']))
      expect(bars.calls.some(([m]) => m === 'fill' || m === 'fillRect')).toBe(true)
      // Sharp on the phone: the canvas's pixels are its size times the pixel ratio (3 here).
      expect([bars.node.width, bars.node.height]).toEqual([343 * 3, 180 * 3])
      // The trend: month labels and stroked lines.
      expect(drawnText('scorecard-lines')).toEqual(expect.arrayContaining(['1月']))
      // Each chart is a picture with a name a screen reader reads (the canvas itself cannot carry one).
      const charts = nodesOf(page.data.root)
        .filter((n) => n.cl === 'sc-canvas-wrap')
        .map((n) => drawn(n))
      expect(charts).toEqual([
        expect.objectContaining({
          tag: 'view',
          'aria-role': 'img',
          'aria-label': expect.stringMatching(/^各支部.*对比条形图：.*办公室党支部/),
        }),
        expect.objectContaining({
          tag: 'view',
          'aria-role': 'img',
          'aria-label': expect.stringContaining('逐月趋势折线图'),
        }),
      ])
      // Text is measured on wx's offscreen canvas: there is no DOM to make one from on weapp.
      expect(rt.calls.map(([name]) => name)).toContain('createOffscreenCanvas')
      expect(offscreen.calls.some(([m]) => m === 'measureText')).toBe(true)
    } finally {
      caller = member
    }
  })

  it('turns on WeChat’s privacy check, listens for consent requests at launch, and shows the 隐私政策 page', async () => {
    expect(JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')).__usePrivacyCheck__).toBe(true)
    expect(rt.calls.map(([name]) => name)).toContain('onNeedPrivacyAuthorization')
    const page = await rt.openPage('packages/privacy/pages/index')
    expect(rt.errors).toEqual([])
    expect(page.texts()).toEqual(expect.arrayContaining(['机关党建隐私保护指引', '姓名、手机号后四位']))
  })

  describe('长辈模式 (src/components/elder-mode.ts, config/elder-page-meta.js)', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    const pages = pagesOf(app)
    const normal = { f: '20px', c: '' }
    const elder = { f: '26px', c: 'elder' }
    const flip = (me: Record<string, any>, value: boolean) =>
      me.eh({
        type: 'change',
        currentTarget: { id: 'me-elder', dataset: {} },
        target: { id: 'me-elder', dataset: {} },
        detail: { value },
      })

    it('every page of every package starts with a page-meta whose root font size, and a view whose class, follow the page’s elder data', () => {
      expect(pages.length).toBeGreaterThan(50)
      for (const page of pages) {
        const wxml = fs.readFileSync(path.join(DIST, `${page}.wxml`), 'utf8')
        // page-meta must be the page's first node (WeChat's rule); the whole page renders inside the classed view.
        expect({ page, wxml }).toEqual({
          page,
          wxml: expect.stringMatching(
            /^<import src="[^"]+"\/><page-meta root-font-size="\{\{elder\.f\|\|'20px'\}\}"><\/page-meta><view class="\{\{elder\.c\}\}"><template is="taro_tmpl" data="\{\{root:root\}\}" \/><\/view>$/,
          ),
        })
      }
    })

    it('every size in every stylesheet is rem, so the root font size scales type, spacing and tap targets', () => {
      const sheets: string[] = []
      ;(function walk(dir: string) {
        for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, f.name)
          if (f.isDirectory()) walk(p)
          else if (f.name.endsWith('.wxss')) sheets.push(p)
        }
      })(DIST)
      expect(sheets.length).toBeGreaterThan(10)
      const withRpx = sheets.filter((p) => /\d(\.\d+)?rpx/.test(fs.readFileSync(p, 'utf8')))
      expect(withRpx).toEqual([])
      expect(fs.readFileSync(path.join(DIST, 'common.wxss'), 'utf8')).toMatch(/font-size:\.7rem/)
    })

    it('pages start at the normal size; the switch in 我的 turns 1.3× on for the open pages and the next one, and off again', async () => {
      const home = await rt.openPage('pages/home/index')
      expect(home.data.elder).toEqual(normal)
      const me = await rt.openPage('pages/me/index')
      expect(me.data.elder).toEqual(normal)
      flip(me, true)
      await rt.settle()
      expect(rt.errors).toEqual([])
      expect({ me: me.data.elder, home: home.data.elder }).toEqual({ me: elder, home: elder })
      // A subpackage page opened afterwards starts in it (its first paint reads the page's initial data).
      const article = await rt.openPage('packages/study/pages/index')
      expect(article.data.elder).toEqual(elder)
      flip(me, false)
      await rt.settle()
      expect([home, me, article].map((p) => p.data.elder)).toEqual([normal, normal, normal])
      expect(rt.errors).toEqual([])
    })
  })
})
