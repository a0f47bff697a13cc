import { createHmac, randomBytes, timingSafeEqual } from 'crypto'
import fs from 'fs'
import http from 'http'
import path from 'path'
import { gzipSync } from 'zlib'
import type { Db } from '../cloudfunctions/_shared/db-types'
import { invokeMetered, type FunctionMain } from './functions'
import { PERSONAS } from './seed'
import { acceptedEncodings, serveH5 } from './static-h5'
import type { LocalCloud } from './sdk'

const COOKIE = 'wx_dev_session'
const MAX_BODY = 20 * 1024 * 1024
/** Deeper than any event the app sends (a few levels); a body nested past this is an attack on the parser, not a call. */
const MAX_JSON_DEPTH = 32

/**
 * Where the app uploads (src/stores: imports, study covers, body images and attachments, activity covers; the 会议纪实 page:
 * photos and materials; the vote page: candidate pictures); nothing else.
 */
export const UPLOAD_PREFIXES = [
  'imports/',
  'study/covers/',
  'study/images/',
  'study/attachments/',
  'activity/covers/',
  'meeting-photos/',
  'meeting-materials/',
  'vote-images/',
]

/**
 * What uploaded files are served as. Only types a page shows or a member downloads; everything else is an
 * octet-stream attachment, so an uploaded .html or .js can never run on the app's origin.
 */
const STORAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.csv': 'text/csv; charset=utf-8',
}

/** A 400 the caller can act on: bad JSON, absurd nesting, a bad upload path. */
class BadRequest extends Error {}

export interface GatewayOptions {
  cloud: LocalCloud
  functions: Map<string, FunctionMain>
  /** Folder of the H5 build to serve at `/`; nothing is served there when absent. */
  h5Dir?: string
  /** Signs the dev session cookie; random per process unless given. */
  secret?: string
}

/**
 * The local cloud's one HTTP server: `POST /cloud/functions/<name>` runs a function as the caller named by the dev
 * session cookie or the `x-wx-openid` header (emulator only: production identity comes from WeChat), plus cloud
 * storage, the dev sign-in endpoints and the H5 build.
 */
export function createGateway(opts: GatewayOptions): http.Server {
  const secret = opts.secret ?? randomBytes(16).toString('hex')
  const sign = (openid: string) => createHmac('sha256', secret).update(openid).digest('base64url')
  const openidFrom = (req: http.IncomingMessage): string => {
    const header = req.headers['x-wx-openid']
    if (typeof header === 'string' && header) return header
    const cookie = parseCookies(req.headers.cookie)[COOKIE]
    if (!cookie) return ''
    const [openid, mac] = cookie.split('.')
    const good = Buffer.from(sign(openid ?? ''))
    return mac && Buffer.from(mac).length === good.length && timingSafeEqual(Buffer.from(mac), good)
      ? decodeURIComponent(openid)
      : ''
  }

  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    try {
      if (req.method === 'POST' && url.pathname.startsWith('/cloud/functions/')) {
        const name = decodePath(url.pathname.slice('/cloud/functions/'.length))
        const event = parseEvent((await readBody(req)).toString('utf8'))
        const { result, requests } = await invokeMetered(opts.functions, name, event, openidFrom(req))
        // Emulator only: this call's database requests, for benchmarks over HTTP (never sent by CloudBase).
        res.setHeader(
          'x-local-db-requests',
          `total=${requests.total}; reads=${requests.reads}; writes=${requests.writes}; other=${requests.other}`,
        )
        return sendJson(res, 200, result, req)
      }
      if (req.method === 'POST' && url.pathname === '/cloud/storage/upload') {
        // As on CloudBase, a client upload needs a signed-in caller, and the file is then theirs (storage.ts).
        const openid = openidFrom(req)
        if (!openid) return sendJson(res, 401, { error: '请先登录后再上传文件' })
        const cloudPath = url.searchParams.get('cloudPath') ?? ''
        if (!UPLOAD_PREFIXES.some((p) => cloudPath.startsWith(p)) || /(^|\/)\.|\\|\/\//.test(cloudPath))
          throw new BadRequest('上传路径无效')
        try {
          return sendJson(res, 200, { fileID: opts.cloud.storage.upload(cloudPath, await readBody(req), openid) })
        } catch (err) {
          const code = (err as { errCode?: number }).errCode
          if (code === -503002) return sendJson(res, 403, { error: '该文件由他人上传，不能覆盖' })
          if (code === -503003) throw new BadRequest('上传路径无效')
          throw err
        }
      }
      if (req.method === 'GET' && url.pathname.startsWith('/cloud/storage/')) {
        const file = opts.cloud.storage.resolvePublic(url.pathname.slice('/cloud/storage/'.length))
        return file ? sendStored(res, file) : sendJson(res, 404, { error: 'not found' })
      }
      if (req.method === 'GET' && url.pathname === '/dev/personas')
        return sendJson(res, 200, await personas(opts.cloud.db()))
      if (req.method === 'POST' && url.pathname === '/dev/session') {
        const { openid } = parseEvent((await readBody(req)).toString('utf8')) as { openid?: unknown }
        if (typeof openid !== 'string' || !/^[\w-]{1,64}$/.test(openid))
          return sendJson(res, 400, { error: 'openid required' })
        res.setHeader(
          'Set-Cookie',
          `${COOKIE}=${encodeURIComponent(openid)}.${sign(encodeURIComponent(openid))}; Path=/; HttpOnly; SameSite=Lax`,
        )
        return sendJson(res, 200, { openid })
      }
      if (req.method === 'POST' && url.pathname === '/dev/signout') {
        res.setHeader('Set-Cookie', `${COOKIE}=; Path=/; Max-Age=0`)
        return sendJson(res, 200, {})
      }
      // Emulator only: database request counters of this process, read by the benchmarks in __tests__/bench/.
      if (req.method === 'GET' && url.pathname === '/dev/stats') return sendJson(res, 200, opts.cloud.store.stats)
      if (req.method === 'GET' && url.pathname === '/dev/whoami') return sendJson(res, 200, { openid: openidFrom(req) })
      if ((req.method === 'GET' || req.method === 'HEAD') && opts.h5Dir)
        return serveH5(req, res, opts.h5Dir, url.pathname)
      sendJson(res, 404, { error: 'not found' })
    } catch (err) {
      console.error(`[gateway] ${req.method} ${url.pathname}: ${err instanceof Error ? err.message : String(err)}`)
      if (!res.headersSent) {
        if (err instanceof BadRequest) sendJson(res, 400, { error: err.message })
        else sendJson(res, 500, { error: 'internal error' })
      }
    }
  })
}

/** Demo identities for the sign-in page, with whether each is bound right now. */
async function personas(db: Db) {
  const list = (await db.collection(PERSONAS).orderBy('sort', 'asc').limit(100).get()).data
  const _ = db.command
  const ids = list.map((p) => p._id as string)
  const bindings = (
    await db
      .collection('bindings')
      .where({ _id: _.in(ids) })
      .limit(100)
      .get()
  ).data
  const status = new Map(bindings.map((b) => [b._id as string, b.status as string]))
  return list.map((p) => ({
    openid: p._id,
    name: p.name,
    roleLabel: p.roleLabel,
    branchName: p.branchName,
    hint: p.hint,
    bound: status.get(p._id as string) === 'bound',
    pending: status.get(p._id as string) === 'pending',
  }))
}

/** A path segment as sent; a malformed %-escape is the caller's mistake (400), not the server's. */
function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new BadRequest('请求路径无效')
  }
}

/** A request body as a JSON object: unparsable, non-object or absurdly nested bodies are a 400 with a clear reason. */
function parseEvent(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text || '{}')
  } catch {
    throw new BadRequest('请求体不是有效的 JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequest('请求体应为 JSON 对象')
  // Iterative, so the check itself cannot overflow the stack on a deep body.
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length) {
    const [v, depth] = stack.pop()!
    if (depth > MAX_JSON_DEPTH) throw new BadRequest(`请求体嵌套过深（最多 ${MAX_JSON_DEPTH} 层）`)
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return value as Record<string, unknown>
}

/**
 * An uploaded file: an allow-listed type or an attachment, never sniffed; an SVG shows as an image but cannot run
 * script even when opened on its own (CSP sandbox).
 */
function sendStored(res: http.ServerResponse, file: string) {
  const ext = path.extname(file).toLowerCase()
  const type = STORAGE_TYPES[ext] ?? 'application/octet-stream'
  const headers: Record<string, string> = {
    'content-type': type,
    'cache-control': 'public, max-age=300',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
  }
  if (!type.startsWith('image/'))
    headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(file))}`
  res.writeHead(200, headers)
  fs.createReadStream(file).pipe(res)
}

/**
 * A JSON answer. Given the request, a function's answer over 1 KiB goes gzipped to a browser that accepts it (a list
 * page's answer is a few KiB of repetitive JSON: about a fifth on the wire); level 6, cheap enough per call.
 */
function sendJson(res: http.ServerResponse, status: number, body: unknown, req?: http.IncomingMessage) {
  const text = Buffer.from(JSON.stringify(body))
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  }
  if (req && text.length > 1024 && acceptedEncodings(req.headers['accept-encoding']).has('gzip')) {
    headers['content-encoding'] = 'gzip'
    headers['vary'] = 'Accept-Encoding'
    res.writeHead(status, headers)
    return res.end(gzipSync(text, { level: 6 }))
  }
  res.writeHead(status, headers)
  res.end(text)
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('body too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim()
  }
  return out
}
