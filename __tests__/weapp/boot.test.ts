import fs from 'fs'
import os from 'os'
import path from 'path'
import { dotenvParse } from '@tarojs/helper'
import { createCollections } from '../../emulator/deploy'
import { createLocalCloud } from '../../emulator/sdk'
import { invoke, loadFunctions } from '../../emulator/functions'
import { seedDemo } from '../../emulator/seed'
import { createMiniRuntime, type MiniRuntime } from './mini-runtime'

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

describe('the weapp build boots', () => {
  let rt: MiniRuntime
  let close: () => void
  const inits: unknown[] = []
  /** A text each tab must show once its data arrived: the member's name, a required article, a published activity. */
  const expected: Record<string, string> = {}
  const fnCalls: Array<{ name: string; action: string; ok: boolean; code?: string }> = []

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
    expected['pages/home/index'] = member.name
    expected['pages/me/index'] = member.name
    expected['pages/study/index'] = article.title
    expected['pages/activity/index'] = activity.title
    close = () => {
      cloud.close()
      fs.rmSync(storageDir, { recursive: true, force: true })
    }
    rt = createMiniRuntime(DIST, {
      cloud: {
        init: (o: unknown) => void inits.push(o),
        // As wx.cloud.callFunction answers: { result } with the function's return value, the caller's OPENID attached by WeChat.
        callFunction: async (o: {
          name: string
          data: { action: string; input: unknown }
          success?: (r: unknown) => void
        }) => {
          const result = (await invoke(functions, o.name, o.data, member.openid)) as {
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

  it('turns on WeChat’s privacy check, listens for consent requests at launch, and shows the 隐私政策 page', async () => {
    expect(JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')).__usePrivacyCheck__).toBe(true)
    expect(rt.calls.map(([name]) => name)).toContain('onNeedPrivacyAuthorization')
    const page = await rt.openPage('packages/privacy/pages/index')
    expect(rt.errors).toEqual([])
    expect(page.texts()).toEqual(expect.arrayContaining(['机关党建隐私保护指引', '姓名、手机号后四位']))
  })
})
