/**
 * An activity's extra sign-up fields (衣服尺码, 是否自驾…): what an organiser may define, and what a member's answers
 * must be. The app checks with these before calling; the cloud checks again with the same functions and stores
 * only the cleaned answers.
 */
export interface ExtraFieldRule {
  key: string
  label: string
  type: 'text' | 'select' | 'bool'
  options?: readonly string[]
  required?: boolean
}

/** The answers a 是/否 field takes. */
export const BOOL_ANSWERS = ['是', '否'] as const

/** What is wrong with an organiser's field list, or null: keys must be distinct, a select needs options. */
export function extraFieldsProblem(fields: readonly ExtraFieldRule[]): string | null {
  const keys = fields.map((f) => f.key)
  if (new Set(keys).size !== keys.length) return '报名附加信息的字段标识不能重复'
  const bare = fields.find((f) => f.type === 'select' && !f.options?.length)
  if (bare) return `“${bare.label}”请填写选项`
  return null
}

export type ExtraAnswers = { ok: true; values: Array<{ key: string; value: string }> } | { ok: false; message: string }

/**
 * A member's answers checked against the fields: required ones filled, a select answered with one of its options,
 * a 是/否 field with 是 or 否. Answers are trimmed; empty optional fields and keys the activity does not ask are dropped.
 */
export function checkExtraAnswers(
  fields: readonly ExtraFieldRule[],
  given: Readonly<Record<string, string>>,
): ExtraAnswers {
  const values: Array<{ key: string; value: string }> = []
  for (const f of fields) {
    const v = Object.prototype.hasOwnProperty.call(given, f.key) ? String(given[f.key]).trim() : ''
    if (!v) {
      if (f.required) return { ok: false, message: f.type === 'text' ? `请填写“${f.label}”` : `请选择“${f.label}”` }
      continue
    }
    if (f.type === 'select' && !(f.options ?? []).includes(v))
      return { ok: false, message: `“${f.label}”请从选项中选择` }
    if (f.type === 'bool' && !(BOOL_ANSWERS as readonly string[]).includes(v))
      return { ok: false, message: `“${f.label}”请选择是或否` }
    values.push({ key: f.key, value: v })
  }
  return { ok: true, values }
}
