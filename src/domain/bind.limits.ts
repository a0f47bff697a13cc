import { formatDateTime } from './time'

/**
 * Attempt limits for binding by name + phone tail (or invite code). Four digits are only 10,000 guesses: without a
 * limit a script binds as any colleague in seconds. Counted per WeChat identity and per name tried, over a window
 * that starts with the first attempt and lasts 24 h.
 */
export const BIND_LIMITS = { perIdentity: 5, perName: 10, windowMs: 24 * 60 * 60 * 1000 } as const

export interface AttemptCounter {
  count: number
  /** When this window started. */
  since: Date
}

/** The counter as it stands at `now`: a window older than 24 h starts again from zero. */
export function currentWindow(counter: AttemptCounter | null, now: Date): AttemptCounter {
  if (!counter || now.getTime() - new Date(counter.since).getTime() >= BIND_LIMITS.windowMs)
    return { count: 0, since: now }
  return { count: counter.count, since: new Date(counter.since) }
}

/** When the window that refused the caller ends. */
export function retryAt(counter: AttemptCounter): Date {
  return new Date(new Date(counter.since).getTime() + BIND_LIMITS.windowMs)
}

export function limitMessage(at: Date): string {
  return `尝试次数过多，请于 ${formatDateTime(at)} 后再试，或向支部书记索取邀请码绑定`
}
