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
  parse(input: unknown, path: string, issues: Issue[]): T | undefined
}

export type Infer<S> = S extends Schema<infer T> ? T : never

interface Common {
  /** Chinese name of the field, used in messages ("请填写姓名"). */
  label?: string
}

function make<T>(label: string, optional: boolean, parse: Schema<T>['parse']): Schema<T> {
  return { label, optional, parse }
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

function str(opts: StringOpts = {}): Schema<string> {
  const label = opts.label ?? '该项'
  return make(label, false, (input, path, issues) => {
    if (input === undefined || input === null || input === '') return fail(issues, path, `请填写${label}`)
    if (typeof input !== 'string') return fail(issues, path, `${label}应为文字`)
    const value = opts.trim === false ? input : input.trim()
    if (opts.min !== undefined && value.length < opts.min) {
      return fail(issues, path, value.length === 0 ? `请填写${label}` : `${label}至少 ${opts.min} 个字`)
    }
    if (opts.max !== undefined && value.length > opts.max) return fail(issues, path, `${label}最多 ${opts.max} 个字`)
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
  return make(label, false, (input, path, issues) => {
    if (input === undefined || input === null || input === '') return fail(issues, path, `请填写${label}`)
    if (typeof input !== 'number' || !Number.isInteger(input)) return fail(issues, path, `${label}应为整数`)
    if (opts.min !== undefined && input < opts.min) return fail(issues, path, `${label}不能小于 ${opts.min}`)
    if (opts.max !== undefined && input > opts.max) return fail(issues, path, `${label}不能大于 ${opts.max}`)
    return input
  })
}

function bool(opts: Common = {}): Schema<boolean> {
  const label = opts.label ?? '该项'
  return make(label, false, (input, path, issues) => {
    if (typeof input !== 'boolean') return fail(issues, path, `${label}应为是或否`)
    return input
  })
}

function oneOf<const T extends readonly string[]>(values: T, opts: Common = {}): Schema<T[number]> {
  const label = opts.label ?? '该项'
  return make(label, false, (input, path, issues) => {
    if (input === undefined || input === null || input === '') return fail(issues, path, `请选择${label}`)
    if (typeof input !== 'string' || !values.includes(input)) return fail(issues, path, `${label}的取值无效`)
    return input as T[number]
  })
}

function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return make(schema.label, true, (input, path, issues) => {
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
  return make(label, false, (input, path, issues) => {
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

function object<S extends Shape>(shape: S, opts: Common = {}): Schema<ObjectOf<S>> {
  const label = opts.label ?? '参数'
  return make(label, false, (input, path, issues) => {
    const source = input === undefined || input === null ? {} : input
    if (typeof source !== 'object' || Array.isArray(source)) return fail(issues, path, `${label}格式不正确`)
    const before = issues.length
    const out: Record<string, unknown> = {}
    // Unknown keys are dropped, never passed through: a handler only ever sees fields it declared.
    for (const [key, schema] of Object.entries(shape)) {
      const value = schema.parse((source as Record<string, unknown>)[key], join(path, key), issues)
      if (value !== undefined) out[key] = value
    }
    return issues.length === before ? (out as ObjectOf<S>) : undefined
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

export const v = { str, int, bool, oneOf, optional, array, object }
