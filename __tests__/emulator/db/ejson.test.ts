// The store's own EJSON fast paths (emulator/db/ejson.ts) must give exactly what bson's EJSON gives, since documents
// are stored in it and the client library parses every response with EJSON.
import { createRequire } from 'module'
import { decodeStored, encode } from '../../../emulator/db/ejson'

const bson = createRequire(require.resolve('@cloudbase/database'))('bson')
const { EJSON } = bson

const samples: unknown[] = [
  {},
  {
    a: 1,
    b: -1,
    c: 0,
    d: -0,
    e: 1.5,
    f: -2.25,
    g: 2 ** 31,
    h: -(2 ** 31),
    i: 2 ** 31 - 1,
    j: 2 ** 53,
    k: 2 ** 63,
    l: 1e21,
    m: 1e-7,
  },
  {
    n: NaN,
    o: Infinity,
    p: -Infinity,
    q: Number.MAX_VALUE,
    r: Number.MIN_VALUE,
    s: 123456789012345,
    t: -987654321098765,
  },
  { d1: new Date('2025-01-01T00:00:00Z'), d2: new Date(0), d3: new Date(-1), d4: new Date(8.64e15), d5: new Date(NaN) },
  { s: '', t: 'x"y\\z\n', u: '中文', v: '\u0001', w: '$numberInt', x: true, y: false, z: null, un: undefined },
  { arr: [1, 'a', null, undefined, [2, [3.5]], { k: new Date(5) }, []], nested: { a: { b: { c: [{ d: 1 }] } } } },
  { $weird: 1 },
  { a: { $numberInt: '5' } },
  { a: { $date: 5 } },
  { a: { $oid: '0123456789abcdef01234567' } },
  { __proto__x: 1 },
  // Deliberately past 2^53: the codec must survive numbers JavaScript cannot hold exactly.
  // eslint-disable-next-line no-loss-of-precision
  { big: 9007199254740993, neg: -9007199254740993, longish: 12345678901234567 },
  { re: /a+b/i },
  { n: new bson.Long(5, 0) },
  { dec: bson.Decimal128.fromString('1.5') },
  { id: new bson.ObjectId('0123456789abcdef01234567') },
]

it('encodes exactly as EJSON.stringify in canonical mode', () => {
  for (const v of samples) expect({ v, text: encode(v) }).toEqual({ v, text: EJSON.stringify(v, { relaxed: false }) })
})

it('decodes stored text exactly as EJSON.parse, including what it gets back from its own encoding', () => {
  const texts = [
    ...samples.map((v) => EJSON.stringify(v, { relaxed: false })),
    '{"a":{"$numberLong":"-0"}}',
    '{"a":{"$numberLong":"9007199254740993"}}',
    '{"a":{"$date":{"$numberLong":"-5"}}}',
    '{"a":{"$date":"2025-01-01T00:00:00Z"}}',
    '{"a":{"$numberDouble":"-0.0"}}',
    '{"a":{"$numberInt":"007"}}',
    '{"a":[{"$numberInt":"1"},{"x":{"$numberDouble":"NaN"}}]}',
    '{"a":{"$undefined":true}}',
    '{"a":{"$numberInt":"1","b":2}}',
  ]
  for (const text of texts) {
    const fast = decodeStored(text)
    const ref = EJSON.parse(text)
    expect({ text, fast }).toEqual({ text, fast: ref })
    // toEqual treats -0 and 0 alike; the store must not.
    expect(JSON.stringify(fast, (_k, x) => (Object.is(x, -0) ? '-0' : x))).toBe(
      JSON.stringify(ref, (_k, x) => (Object.is(x, -0) ? '-0' : x)),
    )
  }
})
