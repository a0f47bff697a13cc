import { hmacSigner } from '../_shared/hmac'

/**
 * The seed of a member's 每日一练 pick. Keyed with the quiz function's own secret (QUIZ_SECRET) so that nobody can
 * recompute another day's or another member's pick from the ids and dates they see; a plain `${member}/${date}` seed
 * would let a member list tomorrow's questions today.
 */
export function practiceSeed(memberId: string, date: string): string {
  return hmacSigner(
    'QUIZ_SECRET',
    process.env.QUIZ_SECRET,
    '每日一练尚未配置，请联系管理员',
  )(`practice/${memberId}/${date}`)
}
