import { createHmac } from 'crypto'
import {
  acceptsPrintedCode,
  isPrintedScene,
  issueToken,
  msToNextSlot,
  printedScene,
  printedSceneMeeting,
  slotOf,
  verifyToken,
} from '@/domain/checkin.token'

const sign = (m: string) => createHmac('sha256', 'secret-for-tests').update(m).digest('base64url').slice(0, 22)
const t0 = new Date('2026-07-01T01:00:03Z')

describe('rotating sign-in codes', () => {
  it('changes every 10 seconds', () => {
    expect(issueToken(sign, 'm', 'mt1', t0)).toBe(issueToken(sign, 'm', 'mt1', new Date(t0.getTime() + 6_999)))
    expect(issueToken(sign, 'm', 'mt1', t0)).not.toBe(issueToken(sign, 'm', 'mt1', new Date(t0.getTime() + 7_000)))
    expect(msToNextSlot(t0)).toBe(7_000)
  })
  it('accepts the current and the previous slot only', () => {
    const token = issueToken(sign, 'm', 'mt1', t0)
    expect(verifyToken(sign, token, t0, 'm')).toEqual({ ok: true, payload: { kind: 'm', id: 'mt1', slot: slotOf(t0) } })
    expect(verifyToken(sign, token, new Date(t0.getTime() + 10_000), 'm').ok).toBe(true)
    expect(verifyToken(sign, token, new Date(t0.getTime() + 20_000), 'm')).toEqual({ ok: false, reason: 'expired' })
    expect(verifyToken(sign, token, new Date(t0.getTime() - 10_000), 'm')).toEqual({ ok: false, reason: 'future' })
  })
  it('rejects any change to the id, slot or kind, and a wrong secret', () => {
    const [k, , slot, sig] = issueToken(sign, 'm', 'mt1', t0).split('.')
    expect(verifyToken(sign, [k, 'mt2', slot, sig].join('.'), t0, 'm')).toEqual({ ok: false, reason: 'forged' })
    expect(verifyToken(sign, [k, 'mt1', String(Number(slot) + 1), sig].join('.'), t0, 'm')).toEqual({
      ok: false,
      reason: 'forged',
    })
    expect(verifyToken(sign, issueToken(sign, 'a', 'mt1', t0), t0, 'm')).toEqual({ ok: false, reason: 'forged' })
    const other = (m: string) => createHmac('sha256', 'another-secret').update(m).digest('base64url').slice(0, 22)
    expect(verifyToken(sign, issueToken(other, 'm', 'mt1', t0), t0, 'm')).toEqual({ ok: false, reason: 'forged' })
  })
  it('rejects garbage', () => {
    for (const junk of ['', 'abc', 'm.mt1.x.y', 'x.mt1.1.sig', 'm..1.sig'])
      expect(verifyToken(sign, junk, t0, 'm')).toMatchObject({ ok: false, reason: 'malformed' })
  })
})

describe('printed sign-in codes', () => {
  it('name their meeting in at most 32 characters and are recognised as printed', () => {
    const scene = printedScene(sign, 'mt_20260701_b1')
    expect(scene.length).toBeLessThanOrEqual(32)
    expect(isPrintedScene(scene)).toBe(true)
    expect(isPrintedScene(issueToken(sign, 'm', 'mt1', t0))).toBe(false)
    expect(printedSceneMeeting(sign, scene)).toBe('mt_20260701_b1')
  })
  it('are refused when the meeting id or signature was changed, or signed with another secret', () => {
    const scene = printedScene(sign, 'mt1')
    expect(printedSceneMeeting(sign, scene.replace('mt1', 'mt2'))).toBeNull()
    expect(printedSceneMeeting(sign, scene.slice(0, -1) + (scene.endsWith('A') ? 'B' : 'A'))).toBeNull()
    const other = (m: string) => createHmac('sha256', 'another').update(m).digest('base64url').slice(0, 22)
    expect(printedSceneMeeting(other, scene)).toBeNull()
    expect(printedSceneMeeting(sign, 's.mt1')).toBeNull()
  })
  it('are taken only by a meeting whose organiser turned them on', () => {
    expect(acceptsPrintedCode({ staticCode: true })).toBe(true)
    expect(acceptsPrintedCode({ staticCode: false })).toBe(false)
    expect(acceptsPrintedCode({})).toBe(false)
  })
})
