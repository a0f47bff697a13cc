/**
 * Rotating sign-in codes. The organiser's screen shows a token that changes every 10 seconds:
 * `<kind>.<id>.<slot>.<signature>`, signed with a secret only the cloud function holds. The server accepts the
 * current slot and the one before it, so a code photographed and sent to someone at home is useless 10–20 s later.
 * Shared by meetings (`m`) and activities (`a`). The HMAC itself is passed in: the domain has no crypto.
 */
export const SLOT_MS = 10_000

export type TokenKind = 'm' | 'a'

export type Sign = (message: string) => string

export interface TokenPayload {
  kind: TokenKind
  id: string
  slot: number
}

export type TokenCheck =
  { ok: true; payload: TokenPayload } | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'future' }

/** The slot an instant falls in. */
export function slotOf(at: Date | number): number {
  return Math.floor(new Date(at).getTime() / SLOT_MS)
}

/** Milliseconds until the next slot starts (when the organiser's screen should refresh). */
export function msToNextSlot(at: Date | number): number {
  const t = new Date(at).getTime()
  return SLOT_MS - (t % SLOT_MS)
}

function message(kind: TokenKind, id: string, slot: number): string {
  return `${kind}.${id}.${slot}`
}

/** Issues the token for `id` at the slot `at` falls in. */
export function issueToken(sign: Sign, kind: TokenKind, id: string, at: Date | number): string {
  const slot = slotOf(at)
  return `${message(kind, id, slot)}.${sign(message(kind, id, slot))}`
}

/**
 * Checks a scanned token: well formed, signed by us (any change to kind, id or slot breaks the signature), and for
 * the current or previous slot.
 */
export function verifyToken(sign: Sign, token: string, at: Date | number, expectKind: TokenKind): TokenCheck {
  const parts = typeof token === 'string' ? token.trim().split('.') : []
  if (parts.length !== 4) return { ok: false, reason: 'malformed' }
  const [kind, id, slotText, signature] = parts
  if ((kind !== 'm' && kind !== 'a') || !id || !/^\d{1,15}$/.test(slotText) || !signature)
    return { ok: false, reason: 'malformed' }
  const slot = Number(slotText)
  if (!constantTimeEqual(sign(message(kind, id, slot)), signature) || kind !== expectKind)
    return { ok: false, reason: 'forged' }
  const now = slotOf(at)
  if (slot > now) return { ok: false, reason: 'future' }
  if (slot < now - 1) return { ok: false, reason: 'expired' }
  return { ok: true, payload: { kind, id, slot } }
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/**
 * Printed codes (a 小程序码 on paper, wxacode.getUnlimited) carry the scene `s.<meetingId>.<12 signature chars>`, at
 * most 32 characters as wxacode requires. A printed code cannot rotate, so anyone holding a photo of it could sign in
 * from elsewhere: a meeting takes it only when the organiser turned it on (acceptsPrintedCode), and like any scan only
 * inside the sign-in window.
 */
export function printedScene(sign: Sign, meetingId: string): string {
  return `s.${meetingId}.${sign(`s.${meetingId}`).slice(0, 12)}`
}

/** Whether a scanned text is a printed code's scene rather than a rotating token. */
export function isPrintedScene(text: string): boolean {
  return text.trim().startsWith('s.')
}

/** The meeting a printed scene names, or null when it was not signed by us. */
export function printedSceneMeeting(sign: Sign, scene: string): string | null {
  const t = scene.trim()
  const [, meetingId, sig] = t.split('.')
  if (!meetingId || !sig || !constantTimeEqual(printedScene(sign, meetingId), t)) return null
  return meetingId
}

/** Whether the meeting takes its printed code: only when the organiser turned it on. */
export function acceptsPrintedCode(meeting: { staticCode?: boolean | null }): boolean {
  return meeting.staticCode === true
}
