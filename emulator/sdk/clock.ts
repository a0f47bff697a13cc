import type { Clock } from '../../src/domain/time'

/** A clock tests can set and move; it falls back to real time when not set. */
export interface MutableClock extends Clock {
  set(at: Date | string | null): void
  advance(ms: number): void
}

export function createMutableClock(): MutableClock {
  let fixed: number | null = null
  return {
    now: () => new Date(fixed ?? Date.now()),
    set: (at) => {
      fixed = at === null ? null : new Date(at).getTime()
    },
    advance: (ms) => {
      fixed = (fixed ?? Date.now()) + ms
    },
  }
}
