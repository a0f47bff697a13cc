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

/** Text a form could hold: Chinese, Latin, digits and punctuation, no control characters. */
const TEXT_CHARS = [...'党建支部会议学习测试活动志愿服务纪实评议投票民主生活abcXYZ0189 ，。、！？-_()《》']

/**
 * Any input a schema accepts, generated from it: optional fields present or not, strings of any allowed length, numbers
 * anywhere in range, every choice, instants across 2000–2100, https and cloud links, arrays of allowed sizes; fields
 * named in `ids` draw from those values (real ids of either branch, or none), so the handler behind the validator
 * meets objects it may and may not see.
 */
export function validInput(
  schema: Schema<unknown>,
  ids: Record<string, readonly string[]>,
  key = '',
): fc.Arbitrary<unknown> {
  const m = schema.meta
  if (key && ids[key]) return fc.constantFrom(...ids[key])
  switch (m.kind) {
    case 'object': {
      const required: Record<string, fc.Arbitrary<unknown>> = {}
      const optional: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [k, s] of Object.entries(m.shape)) (s.optional ? optional : required)[k] = validInput(s, ids, k)
      return fc.tuple(fc.record(required), fc.record(optional, { requiredKeys: [] })).map(([a, b]) => ({ ...a, ...b }))
    }
    case 'str': {
      if (m.pattern) {
        // fast-check cannot generate from a case-insensitive pattern; what matches without the flag matches with it.
        const pattern = new RegExp(m.pattern.source, m.pattern.flags.replace('i', ''))
        return fc.stringMatching(pattern).filter(
          (s) =>
            s.trim() === s &&
            s.length >= (m.min ?? 1) &&
            s.length <= m.max &&
            // eslint-disable-next-line no-control-regex
            !/[\u0000-\u001f\u007f-\u009f]/.test(s),
        )
      }
      const min = Math.max(m.min ?? 0, 0)
      const max = Math.min(m.max, min + 40)
      return fc
        .array(fc.constantFrom(...TEXT_CHARS), { minLength: min, maxLength: max })
        .map((cs) => cs.join('').trim())
        .map((s) => (s.length >= min ? s : s.padEnd(min, '党')))
    }
    case 'int':
      return fc.integer({ min: m.min ?? -1000, max: m.max ?? 100_000 })
    case 'bool':
      return fc.boolean()
    case 'oneOf':
      return fc.constantFrom(...m.values)
    case 'instant':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString())
    case 'link':
      return fc.constantFrom('https://example.com/a.png', 'cloud://env-1a2b.656e-env-1a2b/meeting-photos/x.jpg')
    case 'array':
      return fc.array(validInput(m.item, ids), {
        minLength: m.min ?? 0,
        maxLength: Math.min(m.max ?? 5, (m.min ?? 0) + 4),
      })
  }
}
