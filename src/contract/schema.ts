/**
 * A tiny runtime validator for procedure inputs. The client imports only the types; the cloud functions run the
 * checks. Hand-written rather than zod because every message must be Chinese and name the field a member filled in,
 * and because the full zod build would cost the mini-program ~450 KB if it ever leaked into a page.
 */

export interface Issue {
  /** Dotted path of the offending field, e.g. `rows.3.phone`. */
  path: string
  /** Chinese message fit to show a user. */
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] }

export interface Schema<T> {
  readonly label: string
  readonly optional: boolean
  /** What the schema is, for tools that walk the contract (the fuzz and authorization suites generate from it). */
  readonly meta: Meta
  parse(input: unknown, path: string, issues: Issue[]): T | undefined
}

export type Meta =
  | { kind: 'str'; min?: number; max: number; pattern?: RegExp }
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'bool' }
  | { kind: 'oneOf'; values: readonly string[] }
  | { kind: 'instant' }
  | { kind: 'link' }
  | { kind: 'array'; item: Schema<unknown>; min?: number; max?: number }
  | { kind: 'object'; shape: Record<string, Schema<unknown>> }

export type Infer<S> = S extends Schema<infer T> ? T : never

interface Common {
  /** Chinese name of the field, used in messages ("请填写姓名"). */
  label?: string
}

function make<T>(label: string, optional: boolean, meta: Meta, parse: Schema<T>['parse']): Schema<T> {
  return { label, optional, meta, parse }
}

function fail(issues: Issue[], path: string, message: string): undefined {
  issues.push({ path, message })
  return undefined
}

export interface StringOpts extends Common {
  min?: number
  max?: number
  pattern?: RegExp
  /** Message when `pattern` does not match. */
  patternMessage?: string
  /** Trim surrounding white space before checking (default true). */
  trim?: boolean
}

/**
 * C0 controls other than tab and line breaks, DEL and the C1 block: nothing a person types, and NUL in particular
 * breaks searches and exports later. Refused here so that no handler ever stores one.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
      else return true
    } else if (c >= 0xdc00 && c <= 0xdfff) return true
  }
  return false
}

/** Every text field has a ceiling: a field declared without one gets this (the longest free text is an article). */
const DEFAULT_MAX = 1000

function str(opts: StringOpts = {}): Schema<string> {
  const label = opts.label ?? '该项'
  const max = opts.max ?? DEFAULT_MAX
  return make(label, false, { kind: 'str', min: opts.min, max, pattern: opts.pattern }, (input, path, issues) => {
    if (input === undefined || input === null || input === '') return fail(issues, path, `请填写${label}`)
    if (typeof input !== 'string') return fail(issues, path, `${label}应为文字`)
    if (input.length > max * 2 + 100) return fail(issues, path, `${label}最多 ${max} 个字`)
    if (CONTROL.test(input) || hasLoneSurrogate(input))
      return fail(issues, path, `${label}含有无法识别的控制字符，请删除后重试`)
    const value = opts.trim === false ? input : input.trim()
    if (opts.min !== undefined && value.length < opts.min) {
      return fail(issues, path, value.length === 0 ? `请填写${label}` : `${label}至少 ${opts.min} 个字`)
    }
    if (value.length > max) return fail(issues, path, `${label}最多 ${max} 个字`)
    if (opts.pattern && !opts.pattern.test(value)) {
      return fail(issues, path, opts.patternMessage ?? `${label}格式不正确`)
    }
    return value
  })
}

export interface IntOpts extends Common {
  min?: number
  max?: number
}

function int(opts: IntOpts = {}): Schema<number> {
  const label = opts.label ?? '该项'
  return make(label, false, { kind: 'int', min: opts.min, max: opts.max }, (input, path, issues) => {
    if (input === undefined || input === null || input === '') return fail(issues, path, `请填写${label}`)
    if (typeof input !== 'number' || !Number.isInteger(input)) return fail(issues, path, `${label}应为整数`)
    if (opts.min !== undefined && input < opts.min) return fail(issues, path, `${label}不能小于 ${opts.min}`)
    if (opts.max !== undefined && input > opts.max) return fail(issues, path, `${label}不能大于 ${opts.max}`)
    return input
  })
}

function bool(opts: Common = {}): Schema<boolean> {
  const label = opts.label ?? '该项'
  return make(label, false, { kind: 'bool' }, (input, path, issues) => {
    if (typeof input !== 'boolean') return fail(issues, path, `${label}应为是或否`)
    return input
  })
}

function oneOf<const T extends readonly string[]>(values: T, opts: Common = {}): Schema<T[number]> {
  const label = opts.label ?? '该项'
  return make(label, false, { kind: 'oneOf', values }, (input, path, issues) => {
    if (input === undefined || input === null || input === '') return fail(issues, path, `请选择${label}`)
    if (typeof input !== 'string' || !values.includes(input)) return fail(issues, path, `${label}的取值无效`)
    return input as T[number]
  })
}

function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return make(schema.label, true, schema.meta, (input, path, issues) => {
    if (input === undefined || input === null || input === '') return undefined
    return schema.parse(input, path, issues)
  })
}

export interface ArrayOpts extends Common {
  min?: number
  max?: number
}

function array<T>(item: Schema<T>, opts: ArrayOpts = {}): Schema<T[]> {
  const label = opts.label ?? item.label
  return make(label, false, { kind: 'array', item, min: opts.min, max: opts.max }, (input, path, issues) => {
    if (!Array.isArray(input)) return fail(issues, path, `${label}应为列表`)
    if (opts.min !== undefined && input.length < opts.min) return fail(issues, path, `${label}至少 ${opts.min} 项`)
    if (opts.max !== undefined && input.length > opts.max) return fail(issues, path, `${label}最多 ${opts.max} 项`)
    const before = issues.length
    const out = input.map((v, i) => item.parse(v, join(path, String(i)), issues) as T)
    return issues.length === before ? out : undefined
  })
}

type Shape = Record<string, Schema<unknown>>
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S]
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>
}

export interface ObjectOpts<S extends Shape> extends Common {
  /**
   * Pairs of instant fields that must be in order, `[earlier, later]`: checked when both are present (e.g. a start
   * after its end is refused here, with the later field's path).
   */
  order?: ReadonlyArray<readonly [keyof S & string, keyof S & string]>
}

/** Keys nobody sends on purpose: query operators and the names that reach an object's prototype. */
const HOSTILE_KEY = /^\$|^(__proto__|constructor|prototype)$/

function object<S extends Shape>(shape: S, opts: ObjectOpts<S> = {}): Schema<ObjectOf<S>> {
  const label = opts.label ?? '参数'
  return make(label, false, { kind: 'object', shape }, (input, path, issues) => {
    const source = input === undefined || input === null ? {} : input
    if (typeof source !== 'object' || Array.isArray(source)) return fail(issues, path, `${label}格式不正确`)
    const proto = Object.getPrototypeOf(source)
    if (proto !== Object.prototype && proto !== null) return fail(issues, path, `${label}格式不正确`)
    const hostile = Object.keys(source).find((k) => HOSTILE_KEY.test(k))
    if (hostile !== undefined) return fail(issues, join(path, hostile), `${label}中含有不允许的字段`)
    const before = issues.length
    const out: Record<string, unknown> = {}
    // Unknown keys are dropped, never passed through: a handler only ever sees fields it declared.
    for (const [key, schema] of Object.entries(shape)) {
      const value = schema.parse(
        Object.prototype.hasOwnProperty.call(source, key) ? (source as Record<string, unknown>)[key] : undefined,
        join(path, key),
        issues,
      )
      if (value !== undefined) out[key] = value
    }
    if (issues.length !== before) return undefined
    for (const [early, late] of opts.order ?? []) {
      const a = out[early]
      const b = out[late]
      if (typeof a === 'string' && typeof b === 'string' && Date.parse(a) > Date.parse(b)) {
        fail(issues, join(path, late), `${shape[late].label}不能早于${shape[early].label}`)
      }
    }
    return issues.length === before ? (out as ObjectOf<S>) : undefined
  })
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))$/

/** Years an instant may fall in: anything else is a typo (or 1970 from a failed parse) and would misfile records. */
export const INSTANT_YEARS = { min: 2000, max: 2100 } as const

/**
 * A moment as ISO 8601 with an offset (`2026-07-01T09:30:00+08:00`). Only real calendar moments: `2026-02-30`,
 * month 13 or hour 24 are refused rather than rolled over, and the year is 2000–2100.
 */
function instant(opts: Common = {}): Schema<string> {
  const label = opts.label ?? '时间'
  return make(label, false, { kind: 'instant' }, (input, path, issues) => {
    if (input === undefined || input === null || input === '') return fail(issues, path, `请填写${label}`)
    if (typeof input !== 'string') return fail(issues, path, `${label}格式不正确`)
    const m = INSTANT.exec(input)
    if (!m) return fail(issues, path, `${label}格式不正确`)
    const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number)
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
    const real =
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 59 &&
      (m[7] === 'Z' || (Number(m[8]) <= 14 && Number(m[9]) <= 59))
    if (!real || Number.isNaN(Date.parse(input))) return fail(issues, path, `${label}不是有效的日期时间`)
    if (year < INSTANT_YEARS.min || year > INSTANT_YEARS.max) {
      return fail(issues, path, `${label}应在 ${INSTANT_YEARS.min} 年至 ${INSTANT_YEARS.max} 年之间`)
    }
    return input
  })
}

/**
 * A link a page may show or open: a cloud file id (`cloud://…`) or an `https://` address. `javascript:`, `data:`,
 * plain `http:` and anything unparsable are refused.
 */
function link(opts: Common & { max?: number } = {}): Schema<string> {
  const label = opts.label ?? '链接'
  const text = str({ label, max: opts.max ?? 512 })
  return make(label, false, { kind: 'link' }, (input, path, issues) => {
    const value = text.parse(input, path, issues)
    if (value === undefined) return undefined
    if (/^cloud:\/\/[\w.-]+(\/[^\s?#]*)?$/.test(value) && !value.includes('..')) return value
    let url: URL | null = null
    try {
      url = new URL(value)
    } catch {
      url = null
    }
    if (!url || url.protocol !== 'https:' || !url.hostname || url.username || url.password || /\s/.test(value)) {
      return fail(issues, path, `${label}只能是上传的文件或以 https:// 开头的网址`)
    }
    return value
  })
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}

/** Validates `input` against `schema`, collecting every issue rather than stopping at the first. */
export function validate<T>(schema: Schema<T>, input: unknown): Result<T> {
  const issues: Issue[] = []
  const value = schema.parse(input, '', issues)
  return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, issues }
}

export const v = { str, int, bool, oneOf, optional, array, object, instant, link }

/**
 * The revision of the record an editor opened, sent back with its save: the save lands only on that revision
 * (cloudfunctions/_shared/revision.ts). Optional in the schema because a create has none; an edit without it is refused.
 */
export const revision = v.optional(v.int({ label: '打开时的版本', min: 0, max: 1_000_000_000 }))
