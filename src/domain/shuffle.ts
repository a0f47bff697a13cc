/**
 * Seeded shuffling: the same seed always gives the same order, so a member who reopens an attempt sees the same
 * paper, and different members get different orders.
 */

/** FNV-1a, 32 bit: a stable number from a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: a small, fast PRNG with good enough spread for ordering questions. */
export function prng(seed: string): () => number {
  let a = hashString(seed)
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A new array with `items` in the order the seed decides (Fisher–Yates). */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items]
  const rand = prng(seed)
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * The display order of `n` options: `perm[d]` is the original index shown at display position `d`.
 * 判断题 keep 正确/错误 in place (shuffling them only confuses).
 */
export function optionOrder(n: number, seed: string, keep = false): number[] {
  const identity = Array.from({ length: n }, (_, i) => i)
  return keep ? identity : seededShuffle(identity, seed)
}

/** Maps display positions the member chose back to original option indexes. */
export function toOriginal(perm: readonly number[], display: readonly number[]): number[] {
  return [...new Set(display)]
    .filter((d) => d >= 0 && d < perm.length)
    .map((d) => perm[d])
    .sort((a, b) => a - b)
}

/** Maps original option indexes to display positions (to show a member their saved answers or the key). */
export function toDisplay(perm: readonly number[], original: readonly number[]): number[] {
  return original
    .map((o) => perm.indexOf(o))
    .filter((d) => d >= 0)
    .sort((a, b) => a - b)
}
