import { ERRORS, ErrorBody, ErrorCode } from '../../src/contract/errors'

/** A failure the caller can act on: a stable code and a Chinese message. Anything else thrown is a bug. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message ?? ERRORS[code])
  }

  toBody(): ErrorBody {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message }
  }
}

export function fail(code: ErrorCode, message?: string, details?: ErrorBody['details']): never {
  throw new AppError(code, message, details)
}
