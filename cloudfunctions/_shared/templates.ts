/**
 * Subscribe-message templates as one deployment configured them. WeChat gives every template its own id and fixes
 * the keyword keys of its fields (`thing1`, `time3`, …) when the template is picked in the MP console (订阅消息 → 选用),
 * so neither can be a constant in code: both come from the function's environment (cloudbaserc.json `envVariables`,
 * values in `.env.cloud`), are checked when the function starts, and a mismatch is logged loudly and turns that
 * template off (no send, no credit spent) instead of failing every send with 47003 (模板参数不准确).
 *
 * `<NAME>_TEMPLATE_ID` is the template id; `<NAME>_TEMPLATE_KEYS` maps each field this app fills to the template's
 * keyword key, e.g. `title=thing1,category=thing2,deadline=time3` (unset: the keys the README's template has).
 * Field rules: developers.weixin.qq.com/miniprogram/dev/api-backend/open-api/subscribe-message/subscribeMessage.send.html
 * (订阅消息参数值内容限制: thing 20 个以内字符, phrase 5 个以内汉字, time/date 时间格式, …).
 */

/** Keyword kinds WeChat names its keys with (the key is the kind followed by a number). */
export type KeywordKind =
  | 'thing'
  | 'phrase'
  | 'time'
  | 'date'
  | 'name'
  | 'number'
  | 'character_string'
  | 'amount'
  | 'letter'
  | 'symbol'
  | 'phone_number'
  | 'car_number'

/** Longest value WeChat accepts per kind (characters); longer values fail the whole send with 47003. */
const MAX_LENGTH: Partial<Record<KeywordKind, number>> = {
  thing: 20,
  phrase: 5,
  name: 10,
  number: 32,
  character_string: 32,
  letter: 32,
  symbol: 5,
}

export interface TemplateSpec<F extends string> {
  /** What the template is for, in the log and the README. */
  title: string
  /** Environment variable names: `${prefix}_TEMPLATE_ID`, `${prefix}_TEMPLATE_KEYS`. */
  prefix: string
  /** Each field the app fills, and the keyword kinds that can carry it. */
  fields: Record<F, readonly KeywordKind[]>
  /** The keys of the template the README tells the operator to pick, used when `_TEMPLATE_KEYS` is unset. */
  defaultKeys: Record<F, string>
}

export interface Template<F extends string> {
  id: string
  keys: Record<F, string>
}

export const STUDY_REQUIRED: TemplateSpec<'title' | 'category' | 'deadline'> = {
  title: '必学内容提醒',
  prefix: 'STUDY',
  fields: { title: ['thing'], category: ['thing', 'phrase'], deadline: ['time', 'date', 'thing'] },
  defaultKeys: { title: 'thing1', category: 'thing2', deadline: 'time3' },
}

export const REMINDER: TemplateSpec<'item' | 'time' | 'note'> = {
  title: '待办事项提醒',
  prefix: 'REMIND',
  fields: { item: ['thing'], time: ['time', 'date', 'thing'], note: ['thing'] },
  defaultKeys: { item: 'thing1', time: 'time2', note: 'thing3' },
}

export const ACTIVITY_PROMOTED: TemplateSpec<'activity' | 'result' | 'note'> = {
  title: '候补成功通知',
  prefix: 'ACTIVITY',
  fields: { activity: ['thing'], result: ['phrase', 'thing'], note: ['thing'] },
  defaultKeys: { activity: 'thing1', result: 'phrase2', note: 'thing3' },
}

const KEY = /^([a-z_]+?)(\d+)$/

function kindOf(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null
}

/**
 * The template as configured, or null with the reasons: no id (sending off, said once at start), or keys that do not
 * fit the fields (a typo, a field missing, a key of the wrong kind, two fields on one key).
 */
export function readTemplate<F extends string>(
  spec: TemplateSpec<F>,
  env: Record<string, string | undefined> = process.env,
): { template: Template<F> | null; problems: string[] } {
  const id = (env[`${spec.prefix}_TEMPLATE_ID`] ?? '').trim()
  if (!id) return { template: null, problems: [] }
  const raw = (env[`${spec.prefix}_TEMPLATE_KEYS`] ?? '').trim()
  const keys = { ...spec.defaultKeys }
  const problems: string[] = []
  const fields = Object.keys(spec.fields) as F[]
  if (raw) {
    const given = new Map<string, string>()
    for (const part of raw.split(',')) {
      const [field, key] = part.split('=').map((s) => s.trim())
      if (!field || !key) problems.push(`“${part}” 不是 字段=关键词 的形式`)
      else given.set(field, key)
    }
    for (const [field, key] of given) {
      if (!fields.includes(field as F)) problems.push(`未知字段 ${field}（可用：${fields.join('、')}）`)
      else keys[field as F] = key
    }
    for (const f of fields) if (!given.has(f)) problems.push(`缺少字段 ${f} 的关键词`)
  }
  const used = new Map<string, F>()
  for (const f of fields) {
    const key = keys[f]
    const kind = kindOf(key)
    if (!kind || !(spec.fields[f] as readonly string[]).includes(kind))
      problems.push(`字段 ${f} 的关键词 ${key} 应为 ${spec.fields[f].map((k) => `${k}N`).join(' 或 ')}`)
    const twice = used.get(key)
    if (twice) problems.push(`字段 ${twice} 和 ${f} 用了同一个关键词 ${key}`)
    used.set(key, f)
  }
  return problems.length ? { template: null, problems } : { template: { id, keys }, problems: [] }
}

/**
 * Checks templates when a function starts (module load): every problem is logged with console.error, where the
 * CloudBase console's function log shows it, so a deployment with wrong keys is found on its first call.
 */
export function checkTemplatesAtStart(
  specs: ReadonlyArray<TemplateSpec<string>>,
  env: Record<string, string | undefined> = process.env,
  log: (line: string) => void = console.error,
): void {
  for (const spec of specs) {
    const { problems } = readTemplate(spec, env)
    for (const p of problems)
      log(
        `[subscribe-message] 模板配置错误（${spec.title}，${spec.prefix}_TEMPLATE_ID / ${spec.prefix}_TEMPLATE_KEYS）：${p}；该模板已停用，不发送、不扣减订阅次数`,
      )
  }
}

/** The message data for a template: each field under its configured key, cut to what its kind accepts. */
export function templateData<F extends string>(
  template: Template<F>,
  values: Record<F, string>,
): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {}
  for (const f of Object.keys(values) as F[]) {
    const key = template.keys[f]
    const max = MAX_LENGTH[kindOf(key) as KeywordKind]
    const v = values[f]
    out[key] = { value: max && [...v].length > max ? [...v].slice(0, max).join('') : v }
  }
  return out
}
