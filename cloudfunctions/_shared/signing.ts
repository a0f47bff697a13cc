import { createHmac } from 'crypto'
import type { Sign } from '../../src/domain/checkin.token'
import { AppError } from './errors'

/**
 * The HMAC behind rotating sign-in codes. The secret lives only in the function's environment (CHECKIN_SECRET,
 * set in the CloudBase console; the local cloud sets one for itself). Without it, sign-in fails closed.
 */
export function checkinSigner(): Sign {
  const secret = process.env.CHECKIN_SECRET
  if (!secret || secret.length < 16) {
    console.error('[signing] CHECKIN_SECRET is not set (or shorter than 16 characters): sign-in codes are disabled')
    throw new AppError('INTERNAL', '签到功能尚未配置，请联系管理员')
  }
  return (message) => createHmac('sha256', secret).update(message).digest('base64url').slice(0, 22)
}
