import fs from 'fs'
import type http from 'http'
import path from 'path'

/**
 * Serving the H5 build: the files scripts/precompress.js wrote beside each text file (`.br`, `.gz`) go out as they are
 * with the matching Content-Encoding, so a phone downloads about a quarter of the bytes and the server compresses
 * nothing per request. Files whose name carries a content hash (what webpack emits under js/ and css/) never change
 * under that name: they are cached for a year and marked immutable; index.html, which names them, is revalidated on
 * every load (no-cache + ETag), so a new build is picked up at once.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** `app.4f6d5fc5.js`, `css/app.4f6d5fc53bdc6a0ab674.css`: a hash of at least 8 hex digits right before the extension. */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i
const YEAR = 365 * 24 * 3600

/** Encodings we have files for, in the order we prefer them (brotli is about 15% smaller than gzip on this build). */
const ENCODINGS: Array<[token: string, ext: string]> = [
  ['br', '.br'],
  ['gzip', '.gz'],
]

export function cacheControl(file: string): string {
  if (path.basename(file) === 'index.html') return 'no-cache'
  return HASHED.test(path.basename(file)) ? `public, max-age=${YEAR}, immutable` : 'public, max-age=300'
}

/** The encodings the client accepts (q=0 means refused), e.g. `gzip, deflate, br` → {gzip, deflate, br}. */
export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const out = new Set<string>()
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    if (token && !(q && Number(q.slice(2)) === 0)) out.add(token)
  }
  return out
}

/** A GET or HEAD for a path of the H5 build; anything not a file there is the app's index.html (hash routes). */
export function serveH5(req: http.IncomingMessage, res: http.ServerResponse, dir: string, pathname: string) {
  const rel = path.posix.normalize(decodeURIComponent(pathname)).replace(/^\/+/, '')
  const file = path.join(dir, rel)
  if (rel && !rel.startsWith('..') && isFile(file)) return sendAsset(req, res, file)
  const index = path.join(dir, 'index.html')
  if (isFile(index)) return sendAsset(req, res, index)
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
  res.end('H5 build not found: run npm run build:h5')
}

function sendAsset(req: http.IncomingMessage, res: http.ServerResponse, file: string) {
  const stat = fs.statSync(file)
  const accepted = acceptedEncodings(req.headers['accept-encoding'])
  let body = file
  let size = stat.size
  let encoding: string | null = null
  for (const [token, ext] of ENCODINGS) {
    if (!accepted.has(token)) continue
    const candidate = fs.statSync(file + ext, { throwIfNoEntry: false })
    // Older than the file itself: left from a previous build (e.g. `taro build` run without precompress); skip it.
    if (candidate?.isFile() && candidate.mtimeMs >= stat.mtimeMs) {
      body = file + ext
      size = candidate.size
      encoding = token
      break
    }
  }
  // Weak validator from the source file (size and time), suffixed by encoding: each representation has its own.
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`
  const headers: Record<string, string> = {
    'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl(file),
    etag,
    // A cache must not hand a brotli body to a client that asked without br.
    vary: 'Accept-Encoding',
  }
  if (encoding) headers['content-encoding'] = encoding
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers)
    return res.end()
  }
  headers['content-length'] = String(size)
  res.writeHead(200, headers)
  if (req.method === 'HEAD') return res.end()
  fs.createReadStream(body).pipe(res)
}

function isFile(file: string): boolean {
  return !!fs.statSync(file, { throwIfNoEntry: false })?.isFile()
}
