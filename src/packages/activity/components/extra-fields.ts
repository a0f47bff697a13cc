import type { ExtraField } from '@/contract'

/** The first required extra field left empty, or a select answer that is not an option: checked before calling. */
export function extraProblem(fields: ExtraField[], values: Record<string, string>): string | null {
  for (const f of fields) {
    const v = (values[f.key] ?? '').trim()
    if (!v) {
      if (f.required) return f.type === 'text' ? `请填写“${f.label}”` : `请选择“${f.label}”`
      continue
    }
    if (f.type === 'select' && !(f.options ?? []).includes(v)) return `“${f.label}”请从选项中选择`
  }
  return null
}
