import fs from 'fs'
import http from 'http'
import type { AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import zlib from 'zlib'
import { createGateway } from '../../emulator/gateway'
import { useLocalSecrets } from '../../emulator/secrets'
import { startTestCloud, type TestCloud } from '../functions/local-cloud'
import { loadFunctions } from '../../emulator/functions'

let t: TestCloud
let server: http.Server
let base: string

beforeAll(async () => {
  t = await startTestCloud({ seed: false })
  server = createGateway({ cloud: t.cloud, functions: loadFunctions(t.cloud.sdk), secret: 'gateway-test' })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  t.close()
})

async function send(method: string, pathname: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + pathname, { method, body, headers })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) }
}

describe('the gateway answers bad requests with a clear 400, never a 500', () => {
  it.each([
    ['unparsable JSON', '{"action": "whoami", ', '请求体不是有效的 JSON'],
    ['a JSON array', '[1, 2]', '请求体应为 JSON 对象'],
    [
      'absurd nesting',
      `{"action":"whoami","input":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      '请求体嵌套过深（最多 32 层）',
    ],
  ])('%s', async (_what, body, error) => {
    const res = await send('POST', '/cloud/functions/member', body, { 'x-wx-openid': 'wx_someone' })
    expect(res.status).toBe(400)
    expect(res.json()).toEqual({ error })
  })

  it('a malformed escape in the function path', async () => {
    const res = await send('POST', '/cloud/functions/%E0%A4%A', '{}', { 'x-wx-openid': 'wx_someone' })
    expect(res.status).toBe(400)
  })
})

describe('storage uploads', () => {
  const upload = (cloudPath: string, body: string, openid?: string) =>
    send(
      'POST',
      `/cloud/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
      body,
      openid ? { 'x-wx-openid': openid } : {},
    )

  it('need a caller', async () => {
    expect((await upload('imports/a.csv', 'x')).status).toBe(401)
  })

  it.each([
    '../secrets.json',
    'imports/../../x',
    '.owners/imports/a.csv',
    'exports/forged.xlsx',
    'imports//a.csv',
    'other/a.png',
    '',
  ])('stay under the prefixes the app uses (%j is refused)', async (cloudPath) => {
    const res = await upload(cloudPath, 'x', 'wx_a')
    expect(res.status).toBe(400)
    expect(res.json()).toEqual({ error: '上传路径无效' })
  })

  it("never overwrite another caller's file, but the owner may replace their own", async () => {
    expect((await upload('study/covers/c1.png', 'first', 'wx_a')).status).toBe(200)
    const other = await upload('study/covers/c1.png', 'second', 'wx_b')
    expect(other.status).toBe(403)
    expect(t.cloud.storage.download('cloud://local/study/covers/c1.png').toString()).toBe('first')
    expect((await upload('study/covers/c1.png', 'mine again', 'wx_a')).status).toBe(200)
  })

  it('an uploaded SVG is served as an image that cannot run script; HTML is never served as a page', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    await upload('activity/covers/x.svg', svg, 'wx_a')
    const res = await send('GET', '/cloud/storage/activity/covers/x.svg')
    expect(res.headers.get('content-type')).toBe('image/svg+xml')
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')

    await upload('study/attachments/page.html', '<script>alert(1)</script>', 'wx_a')
    const page = await send('GET', '/cloud/storage/study/attachments/page.html')
    expect(page.headers.get('content-type')).toBe('application/octet-stream')
    expect(page.headers.get('content-disposition')).toMatch(/^attachment/)
  })
})

it('the secrets file is readable by its owner only', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'))
  const saved = { ...process.env }
  try {
    fs.writeFileSync(path.join(dir, 'secrets.json'), '{}', { mode: 0o644 })
    useLocalSecrets(dir)
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600)
  } finally {
    process.env = saved
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

describe("a function's answer over HTTP", () => {
  // A stand-in function with a list-sized answer: what a tab page asks for (the answer's size is what matters here).
  const rows = Array.from({ length: 80 }, (_, i) => ({ id: `ar_${i}`, title: `学习资料第 ${i} 篇`, read: false }))
  let bigServer: http.Server
  let bigBase: string
  beforeAll(async () => {
    const functions = new Map([['big', async () => ({ ok: true, data: { rows } })]])
    bigServer = createGateway({ cloud: t.cloud, functions, secret: 'gateway-test' })
    await new Promise<void>((resolve) => bigServer.listen(0, '127.0.0.1', resolve))
    bigBase = `http://127.0.0.1:${(bigServer.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => bigServer.close(resolve))
  })

  function post(acceptEncoding?: string) {
    return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(
        `${bigBase}/cloud/functions/big`,
        {
          method: 'POST',
          headers: { 'x-wx-openid': 'wx_someone', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
        },
      )
      req.on('error', reject)
      req.end('{"action":"list"}')
    })
  }

  it('goes gzipped to a browser that accepts it, and reads back the same', async () => {
    const plain = await post()
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(plain.body.toString())).toEqual({ ok: true, data: { rows } })
    const zipped = await post('gzip, deflate, br')
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers['vary']).toBe('Accept-Encoding')
    expect(zipped.body.length).toBeLessThan(plain.body.length / 3)
    expect(JSON.parse(zlib.gunzipSync(zipped.body).toString())).toEqual({ ok: true, data: { rows } })
  })
})
