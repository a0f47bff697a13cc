import QRCode from 'qrcode'
import type { Db } from '../../cloudfunctions/_shared/db-types'
import type { Clock } from '../../src/domain/time'

/** Words the local stand-in of security.msgSecCheck rejects, so the "risky content" path can be exercised. */
const LOCAL_RISKY_WORDS = ['违禁词', '赌博', '色情']

function apiError(errCode: number, errMsg: string): Error {
  return Object.assign(new Error(errMsg), { errCode, errMsg })
}

/** Longest value per keyword kind (subscribeMessage.send 参数值内容限制); a longer one fails the send with 47003. */
const KEYWORD_MAX: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  number: 32,
  character_string: 32,
  letter: 32,
  symbol: 5,
  amount: 32,
  time: 40,
  date: 40,
  phone_number: 17,
  car_number: 8,
}
const KEYWORD = /^([a-z_]+?)(\d+)$/

/**
 * What the platform says about a message's data, as the real send does: a key that is not a keyword (`thing1`,
 * `time3`, …) or a value too long for its kind fails the whole send with 47003 ("argument invalid! data.thing1.value
 * …"), so a template configured with the wrong keys fails locally as it would in production.
 */
function checkMessageData(data: Record<string, { value: string }> | undefined): void {
  if (!data || !Object.keys(data).length)
    throw apiError(47003, 'openapi.subscribeMessage.send:fail argument invalid! data')
  for (const [key, v] of Object.entries(data)) {
    const kind = KEYWORD.exec(key)?.[1]
    const value = v && typeof v === 'object' ? String(v.value ?? '') : ''
    if (!kind || !(kind in KEYWORD_MAX) || !value || [...value].length > KEYWORD_MAX[kind])
      throw apiError(47003, `openapi.subscribeMessage.send:fail argument invalid! data.${key}.value invalid`)
  }
}

/**
 * Test hooks of the open APIs: what WeChat would answer that the local cloud cannot know, such as a member who
 * turned the messages off in WeChat's settings (43101) or a quota used up.
 */
export interface OpenApiFaults {
  /** Every send to this OPENID fails with `errCode` (43101 "user refuse to accept the msg", …) until cleared. */
  refuseMessagesTo(openid: string, errCode?: number): void
  clear(): void
}

const REFUSALS: Record<number, string> = {
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  47003: 'argument invalid!',
}

/** The open APIs the functions call, answered locally: real QR PNGs, an outbox for messages, a word-list check. */
export function createOpenApi(db: () => Db, clock: Clock, refusals: Map<string, number> = new Map()) {
  return {
    wxacode: {
      /** A real QR code (plain QR, not the round mini-program code) encoding `page?scene=…`. */
      async getUnlimited(p: { scene: string; page?: string; width?: number }) {
        if (!p.scene || p.scene.length > 32)
          throw apiError(
            40169,
            'openapi.wxacode.getUnlimited:fail invalid length for scene, or the data is not json string',
          )
        const text = `${p.page ?? 'pages/home/index'}?scene=${encodeURIComponent(p.scene)}`
        const buffer = await QRCode.toBuffer(text, { type: 'png', width: p.width ?? 430, margin: 2 })
        return { errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png', buffer }
      },
    },
    subscribeMessage: {
      /** Writes the message to the `outbox` collection instead of sending it. */
      async send(p: {
        touser: string
        templateId: string
        page?: string
        data: Record<string, { value: string }>
        miniprogramState?: string
      }) {
        if (!p.touser) throw apiError(40003, 'openapi.subscribeMessage.send:fail invalid openid')
        if (!p.templateId) throw apiError(40037, 'openapi.subscribeMessage.send:fail invalid template_id')
        checkMessageData(p.data)
        const refused = refusals.get(p.touser)
        if (refused)
          throw apiError(refused, `openapi.subscribeMessage.send:fail ${REFUSALS[refused] ?? 'system error'}`)
        await db()
          .collection('outbox')
          .add({
            data: {
              touser: p.touser,
              templateId: p.templateId,
              page: p.page ?? null,
              data: p.data,
              createdAt: clock.now(),
            },
          })
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
      },
    },
    security: {
      async msgSecCheck(p: { content: string; openid?: string; scene?: number; version?: number }) {
        const hit = LOCAL_RISKY_WORDS.find((w) => p.content.includes(w))
        if (hit) throw apiError(87014, 'openapi.security.msgSecCheck:fail risky content')
        return { errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 } }
      },
    },
  }
}
