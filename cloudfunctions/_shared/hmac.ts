import { createHmac } from 'crypto'
import type { Sign } from '../../src/domain/checkin.token'
import { AppError } from './errors'

/**
 * An HMAC keyed by a function environment variable; without it (or with a short one) the feature fails closed. The caller
 * reads the variable by its literal name, in a file of its own, so the deploy manifest test sees which function needs
 * which variable.
 */
export function hmacSigner(name: string, secret: string | undefined, unconfigured: string): Sign {
  if (!secret || secret.length < 16) {
    console.error(`[signing] ${name} is not set (or shorter than 16 characters): the feature it keys is disabled`)
    throw new AppError('INTERNAL', unconfigured)
  }
  return (message) => createHmac('sha256', secret).update(message).digest('base64url').slice(0, 22)
}
