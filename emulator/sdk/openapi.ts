import QRCode from 'qrcode'
import type { Db } from '../../cloudfunctions/_shared/db-types'
import type { Clock } from '../../src/domain/time'

/** Words the local stand-in of security.msgSecCheck rejects, so the "risky content" path can be exercised. */
const LOCAL_RISKY_WORDS = ['违禁词', '赌博', '色情']

function apiError(errCode: number, errMsg: string): Error {
  return Object.assign(new Error(errMsg), { errCode, errMsg })
}

/** The open APIs the functions call, answered locally: real QR PNGs, an outbox for messages, a word-list check. */
export function createOpenApi(db: () => Db, clock: Clock) {
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
        if (!p.touser || !p.templateId) throw apiError(47003, 'openapi.subscribeMessage.send:fail argument invalid!')
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
