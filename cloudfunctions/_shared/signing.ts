import type { Sign } from '../../src/domain/checkin.token'
import { hmacSigner } from './hmac'

/**
 * The HMAC behind rotating sign-in codes. The secret lives only in the function's environment (CHECKIN_SECRET,
 * set in the CloudBase console; the local cloud sets one for itself). Without it, sign-in fails closed.
 */
export function checkinSigner(): Sign {
  return hmacSigner('CHECKIN_SECRET', process.env.CHECKIN_SECRET, '签到功能尚未配置，请联系管理员')
}
