import dayjs, { Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** China time: every "today", every displayed date, server included. */
export const CHINA_OFFSET_MINUTES = 8 * 60

/** A clock that use cases receive instead of calling `Date.now()`, so tests can fix the time. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock frozen at `at` (tests, benchmarks). */
export function fixedClock(at: Date | string): Clock {
  const t = new Date(at)
  return { now: () => new Date(t) }
}

/** The instant as a dayjs in China time. */
export function china(at: Date | string | number): Dayjs {
  return dayjs(at).utcOffset(CHINA_OFFSET_MINUTES)
}

/** `2026-07-01 09:30` in China time. */
export function formatDateTime(at: Date | string | number): string {
  return china(at).format('YYYY-MM-DD HH:mm')
}

/** `2026-07-01` in China time. */
export function formatDate(at: Date | string | number): string {
  return china(at).format('YYYY-MM-DD')
}

export { greeting } from './china-format'
