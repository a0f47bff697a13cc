import fc from 'fast-check'
import type { Meta, Schema } from '../../../src/contract/schema'

/**
 * Inputs an attacker (or a broken client) sends, generated from a contract schema: every value is guaranteed to fail
 * validation, so the only right answer is a coded error and no write. Each case breaks at least one thing on purpose
 * (wrong type, missing, too long, control characters, operator objects, prototype keys, impossible dates, numbers out of
 * range, bad links) and fills the rest with random JSON and extra fields.
 */

const OPERATOR_OBJECTS = [
  { $ne: null },
  { $gt: '' },
  { $regex: '.*' },
  { $where: 'sleep(1000)' },
  { $in: [] },
  { _bsontype: 'ObjectID' },
]
const HOSTILE_KEYS = ['$ne', '$where', '$set', '__proto__', 'constructor', 'prototype']
const CONTROL = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\ud800']
const BAD_INSTANTS = [
  '2026-13-45T99:99Z',
  '2026-02-30T10:00:00+08:00',
  '2027-02-29T00:00:00Z',
  '2026-07-01T24:00:00Z',
  '1970-01-01T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '2101-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-07-01',
  'now',
  '2026-07-01T09:30:00+99:00',
]
const BAD_LINKS = [
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://example.com/a.png',
  'https://u:p@example.com/',
  '//evil.example/x',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
]

/** Any JSON value that is not a string. */
const notString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constantFrom(...OPERATOR_OBJECTS),
  fc.array(fc.string(), { maxLength: 3 }),
)
const notNumber = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.boolean(),
  fc.constantFrom(...OPERATOR_OBJECTS),
  fc.array(fc.integer(), { maxLength: 3 }),
)
const notBool = fc.oneof(fc.constantFrom('true', 'false', 0, 1), fc.constantFrom(...OPERATOR_OBJECTS))
const withControl = (base: fc.Arbitrary<string>) =>
  fc.tuple(base, fc.constantFrom(...CONTROL), fc.nat()).map(([s, c, at]) => {
    const i = s.length ? at % (s.length + 1) : 0
    return `${s.slice(0, i)}${c}${s.slice(i)}a`
  })

/** A value that `schema` must refuse. */
export function badValue(schema: Schema<unknown>): fc.Arbitrary<unknown> {
  const m: Meta = schema.meta
  switch (m.kind) {
    case 'str': {
      const options: fc.Arbitrary<unknown>[] = [
        notString,
        withControl(fc.string({ maxLength: Math.min(m.max - 2, 20) > 0 ? Math.min(m.max - 2, 20) : 0 })),
        fc.integer({ min: m.max + 1, max: m.max * 3 + 10 }).map((n) => '党'.repeat(n)),
        fc.constant('x'.repeat(100_000)),
      ]
      const pattern = m.pattern
      if (pattern)
        options.push(
          fc
            .string({ minLength: 1, maxLength: Math.min(m.max, 30) })
            .filter((s) => s.trim() !== '' && !pattern.test(s.trim())),
        )
      if (m.min !== undefined && m.min > 1) options.push(fc.constant('字'.repeat(m.min - 1)))
      return fc.oneof(...options)
    }
    case 'int': {
      const options: fc.Arbitrary<unknown>[] = [
        notNumber,
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
      ]
      if (m.min !== undefined) options.push(fc.integer({ min: -1e12, max: m.min - 1 }))
      if (m.max !== undefined) options.push(fc.integer({ min: m.max + 1, max: 1e12 }))
      return fc.oneof(...options)
    }
    case 'bool':
      return notBool
    case 'oneOf':
      return fc.oneof(
        notString,
        fc.string({ minLength: 1 }).filter((s) => !m.values.includes(s)),
        fc.constantFrom('__proto__', 'constructor'),
      )
    case 'instant':
      return fc.oneof(fc.constantFrom(...BAD_INSTANTS), notString)
    case 'link':
      return fc.oneof(fc.constantFrom(...BAD_LINKS), notString)
    case 'array': {
      const options: fc.Arbitrary<unknown>[] = [
        fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.constantFrom(...OPERATOR_OBJECTS)),
        fc.array(badValue(m.item), { minLength: 1, maxLength: 3 }),
      ]
      if (m.max !== undefined) options.push(fc.constant(Array.from({ length: m.max + 1 }, () => 'x')))
      return fc.oneof(...options)
    }
    case 'object':
      return badObject(schema)
  }
}

/** An object input for `schema` (an object schema) that must be refused: one field broken, the rest random. */
export function badObject(schema: Schema<unknown>): fc.Arbitrary<unknown> {
  const m = schema.meta
  if (m.kind !== 'object') return badValue(schema)
  const keys = Object.keys(m.shape)
  const filler = fc.dictionary(fc.constantFrom(...(keys.length ? keys : ['x'])), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: keys.length,
  })
  const extra = fc.dictionary(
    fc
      .string({ minLength: 1, maxLength: 8 })
      .filter((k) => !keys.includes(k) && !/^\$|^(__proto__|constructor|prototype)$/.test(k)),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  )
  const notAnObject = fc.oneof(
    fc.integer(),
    fc.string({ minLength: 1 }),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
    fc.boolean(),
  )
  const hostileKey = fc
    .tuple(filler, fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 1 }))
    .map(([base, k, v]) => {
      const out: Record<string, unknown> = { ...base }
      Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true })
      return out
    })
  const options: fc.Arbitrary<unknown>[] = [notAnObject, hostileKey]
  if (keys.length) {
    const broken = fc
      .tuple(filler, extra, fc.constantFrom(...keys))
      .chain(([base, more, key]) => badValue(m.shape[key]).map((bad) => ({ ...more, ...base, [key]: bad })))
    options.push(broken, broken, broken)
    // Required = refused when absent (a nested object whose fields are all optional is not).
    const required = keys.filter((k) => {
      const issues: Array<{ path: string; message: string }> = []
      m.shape[k].parse(undefined, k, issues)
      return issues.length > 0
    })
    if (required.length) {
      options.push(
        fc.tuple(filler, extra, fc.constantFrom(...required)).map(([base, more, key]) => {
          const out: Record<string, unknown> = { ...more, ...base }
          delete out[key]
          return out
        }),
      )
    }
  }
  return fc.oneof(...options)
}
