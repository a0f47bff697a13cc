import fc from 'fast-check'
import type { Schema } from '../../../src/contract/schema'

/**
 * The smallest input a schema accepts, generated from it: required fields only, strings at their minimum (or a
 * sample of their pattern), numbers at their floor, the first allowed choice. `ids` names the value to use for a
 * field (an id of an object of one branch or the other); other id-like fields get an id that exists nowhere.
 */
export function minimalInput(schema: Schema<unknown>, ids: Record<string, unknown>, key = ''): unknown {
  const m = schema.meta
  if (key && key in ids) return ids[key]
  switch (m.kind) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, s] of Object.entries(m.shape)) {
        if (k in ids) out[k] = ids[k]
        else if (!s.optional) out[k] = minimalInput(s, ids, k)
      }
      return out
    }
    case 'str': {
      if (m.pattern) {
        const [sample] = fc.sample(
          fc.stringMatching(m.pattern).filter(
            (s) =>
              s.trim() === s &&
              s.length >= (m.min ?? 1) &&
              s.length <= m.max &&
              // eslint-disable-next-line no-control-regex
              !/[\u0000-\u001f\u007f-\u009f]/.test(s),
          ),
          { numRuns: 1, seed: 7 },
        )
        return sample
      }
      if (/id$/i.test(key)) return 'x_matrix_nowhere'
      return '矩阵测试'.padEnd(Math.max(m.min ?? 1, 4), '测').slice(0, Math.max(m.min ?? 1, Math.min(4, m.max)))
    }
    case 'int':
      return Math.max(m.min ?? 1, Math.min(1, m.max ?? 1))
    case 'bool':
      return true
    case 'oneOf':
      return m.values[0]
    case 'instant':
      return '2026-11-24T10:00:00+08:00'
    case 'link':
      return 'https://example.com/a.png'
    case 'array':
      return Array.from({ length: m.min ?? 0 }, () => minimalInput(m.item, ids))
  }
}
