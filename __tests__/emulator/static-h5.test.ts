import { execFileSync } from 'child_process'
import fs from 'fs'
import http from 'http'
import type { AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import zlib from 'zlib'
import { acceptedEncodings, serveH5 } from '../../emulator/static-h5'

// The H5 build as the gateway serves it: precompressed bodies with their Content-Encoding, a year's cache for files
// named by their hash, index.html revalidated. Requests go through node's http client, which decodes nothing: the
// bytes checked are the bytes a phone receives.

let dir: string
let server: http.Server
let port: number
const APP = `console.log(${JSON.stringify('机关党建'.repeat(400))})\n`

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-h5-'))
  fs.mkdirSync(path.join(dir, 'js'))
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><script src="/js/app.4f6d5fc5.js"></script>${' '.repeat(2000)}`,
  )
  fs.writeFileSync(path.join(dir, 'js', 'app.4f6d5fc5.js'), APP)
  fs.writeFileSync(path.join(dir, 'js', 'tiny.0badc0de.js'), '1')
  execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/precompress.js'), dir])
  server = http.createServer((req, res) => serveH5(req, res, dir, new URL(req.url ?? '/', 'http://x').pathname))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  fs.rmSync(dir, { recursive: true, force: true })
})

function get(pathname: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the H5 build goes out compressed', () => {
  it('brotli to a browser that accepts it: fewer bytes, the same script once decoded', async () => {
    const res = await get('/js/app.4f6d5fc5.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['vary']).toBe('Accept-Encoding')
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(res.body.length).toBeLessThan(Buffer.byteLength(APP) / 4)
    expect(Number(res.headers['content-length'])).toBe(res.body.length)
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(APP)
  })

  it('gzip when brotli is not accepted (or refused with q=0)', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip']) {
      const res = await get('/js/app.4f6d5fc5.js', { 'accept-encoding': accept })
      expect(res.headers['content-encoding']).toBe('gzip')
      expect(zlib.gunzipSync(res.body).toString()).toBe(APP)
    }
  })

  it('as it is to a client that accepts no encoding, and for files too small to compress', async () => {
    const plain = await get('/js/app.4f6d5fc5.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(APP)
    const tiny = await get('/js/tiny.0badc0de.js', { 'accept-encoding': 'br, gzip' })
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body.toString()).toBe('1')
  })

  it('never a compressed copy older than the file (a rebuild without precompress)', async () => {
    const file = path.join(dir, 'js', 'app.4f6d5fc5.js')
    const later = new Date(Date.now() + 60_000)
    fs.utimesSync(file, later, later)
    try {
      const res = await get('/js/app.4f6d5fc5.js', { 'accept-encoding': 'br, gzip' })
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(res.body.toString()).toBe(APP)
    } finally {
      const earlier = new Date(Date.now() - 60_000)
      fs.utimesSync(file, earlier, earlier)
    }
  })

  it('HEAD answers the headers and length without a body', async () => {
    const res = await get('/js/app.4f6d5fc5.js', { 'accept-encoding': 'br' }, 'HEAD')
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0)
    expect(res.body.length).toBe(0)
  })
})

describe('caching', () => {
  it('a hashed file is cached for a year and never revalidated', async () => {
    const res = await get('/js/app.4f6d5fc5.js', { 'accept-encoding': 'br' })
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('index.html (and a hash route that falls back to it) is revalidated, and a 304 answers an unchanged one', async () => {
    const first = await get('/', { 'accept-encoding': 'br' })
    expect(first.headers['cache-control']).toBe('no-cache')
    expect(zlib.brotliDecompressSync(first.body).toString()).toContain('/js/app.4f6d5fc5.js')
    const fallback = await get('/pages/study/index')
    expect(fallback.headers['cache-control']).toBe('no-cache')
    expect(fallback.body.toString()).toContain('<!doctype html>')
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': first.headers['etag'] as string })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    // The gzip copy is another representation: its validator differs, so a cache cannot mix them up.
    const gz = await get('/', { 'accept-encoding': 'gzip' })
    expect(gz.headers['etag']).not.toBe(first.headers['etag'])
  })
})

it('reads Accept-Encoding as browsers send it', () => {
  expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd'])
  expect([...acceptedEncodings('br;q=0, gzip;q=0.8')]).toEqual(['gzip'])
  expect([...acceptedEncodings(undefined)]).toEqual([])
})
