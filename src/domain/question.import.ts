import { JUDGE_OPTIONS, OPTION_LETTERS, type QuestionType } from './question.types'

/** A question read from a bank file, ready to store. */
export interface ParsedQuestion {
  row: number
  type: QuestionType
  stem: string
  options: string[]
  /** Correct option indexes. */
  answer: number[]
  explanation: string | null
  category: string | null
  /** Normalised type + stem: two questions with the same key are the same question. */
  key: string
}

export interface ImportError {
  row: number
  field: string
  message: string
}

export interface Duplicate {
  row: number
  stem: string
  /** The earlier row of the same file, or 'existing' for a question already in the bank. */
  of: number | 'existing'
}

export type BankParse =
  { ok: true; questions: ParsedQuestion[]; duplicates: Duplicate[] } | { ok: false; errors: ImportError[] }

const HEADERS = {
  type: ['题型', '题目类型', '试题类型', '类型'],
  stem: ['题干', '题目', '试题', '题目内容', '问题'],
  answer: ['答案', '正确答案', '参考答案', '标准答案'],
  explanation: ['解析', '答案解析', '试题解析'],
  category: ['分类', '类别', '题目分类', '知识点'],
} as const

/** Full-width ASCII (Ａ，１) to half-width, non-breaking and ideographic spaces to plain ones, trimmed. */
export function normaliseText(cell: unknown): string {
  if (cell === undefined || cell === null) return ''
  return String(cell)
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u00a0\u3000]/g, ' ')
    .trim()
}

/** Trimmed text with odd spaces made plain; punctuation kept as typed (stems and options are Chinese text). */
function clean(cell: unknown): string {
  if (cell === undefined || cell === null) return ''
  return String(cell)
    .replace(/[\u00a0\u3000]/g, ' ')
    .trim()
}

function headerName(cell: unknown): string {
  return normaliseText(cell).replace(/\s+/g, '').toUpperCase()
}

/** The option column an A–F header names (`选项A`, `A`, `选项 a`, `Ａ`), or -1. */
function optionIndex(header: string): number {
  const m = header.match(/^(?:选项)?([A-F])$/)
  return m ? OPTION_LETTERS.indexOf(m[1] as (typeof OPTION_LETTERS)[number]) : -1
}

interface Columns {
  type?: number
  stem?: number
  answer?: number
  explanation?: number
  category?: number
  options: number[]
}

function findHeader(rows: readonly unknown[][]): { index: number; cols: Columns } | null {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const names = rows[i].map(headerName)
    const cols: Columns = { options: [] }
    for (const [field, spellings] of Object.entries(HEADERS) as Array<[keyof typeof HEADERS, readonly string[]]>) {
      const at = names.findIndex((n) => spellings.includes(n))
      if (at >= 0) cols[field] = at
    }
    names.forEach((n, at) => {
      const o = optionIndex(n)
      if (o >= 0) cols.options[o] = at
    })
    if (cols.stem !== undefined && cols.answer !== undefined) return { index: i, cols }
  }
  return null
}

export function parseType(text: string): QuestionType | null {
  const t = text.replace(/\s+/g, '').toLowerCase()
  if (/单选|单项/.test(t) || t === 'single') return 'single'
  if (/多选|多项/.test(t) || t === 'multi' || t === 'multiple') return 'multi'
  if (/判断|是非/.test(t) || t === 'judge') return 'judge'
  return null
}

const TRUE_WORDS = ['正确', '对', '√', '✓', '✔', '是', 'T', 'TRUE', 'Y', 'A']
const FALSE_WORDS = ['错误', '错', '×', '✗', '✘', 'X', '否', 'F', 'FALSE', 'N', 'B']

/** 判断 answers as people type them: 正确/错误, 对/错, √/×, T/F. */
export function parseJudgeAnswer(text: string): number | null {
  const t = normaliseText(text).replace(/\s+/g, '').toUpperCase()
  if (TRUE_WORDS.includes(t)) return 0
  if (FALSE_WORDS.includes(t)) return 1
  return null
}

/** Choice answers as people type them: `A`, `ABD`, `A,B,D`, `A、B、D`, `a b d`, full-width letters. */
export function parseChoiceAnswer(text: string): number[] | null {
  const t = normaliseText(text)
    .toUpperCase()
    .replace(/[\s,，、;；/|和]+/g, '')
  if (!t || !/^[A-Z]+$/.test(t)) return null
  const out = [...new Set(t.split('').map((c) => c.charCodeAt(0) - 65))]
  return out.sort((a, b) => a - b)
}

/** The identity of a question for duplicate checks: its type and its stem without spaces and punctuation. */
export function questionKey(type: QuestionType, stem: string): string {
  return `${type}:${normaliseText(stem)
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase()}`
}

/**
 * Reads a question-bank sheet in the layout committees use, forgiving about how answers and headers are typed and
 * strict about what is really wrong. Any error means nothing is imported.
 */
export function parseQuestionBank(
  sheet: readonly unknown[][],
  existingKeys: ReadonlySet<string> = new Set(),
): BankParse {
  const header = findHeader(sheet)
  if (!header)
    return {
      ok: false,
      errors: [{ row: 1, field: '表头', message: '没有找到表头：应包含“题型”“题干”“选项A…”“答案”等列' }],
    }
  const { cols } = header
  const errors: ImportError[] = []
  if (cols.type === undefined) errors.push({ row: header.index + 1, field: '表头', message: '缺少“题型”列' })
  if (errors.length) return { ok: false, errors }

  const questions: ParsedQuestion[] = []
  const duplicates: Duplicate[] = []
  const seen = new Map<string, number>()
  for (let i = header.index + 1; i < sheet.length; i++) {
    const row = i + 1
    const cells = sheet[i]
    const get = (at: number | undefined) => (at === undefined ? '' : clean(cells[at]))
    const optionCells = OPTION_LETTERS.map((_, o) => get(cols.options[o]))
    if ([get(cols.type), get(cols.stem), get(cols.answer), ...optionCells].every((c) => c === '')) continue
    const err = (field: string, message: string) => errors.push({ row, field, message })
    const before = errors.length

    const type = parseType(get(cols.type))
    if (!get(cols.type)) err('题型', '题型不能为空（单选、多选或判断）')
    else if (!type) err('题型', `题型“${get(cols.type)}”无法识别，应为单选、多选或判断`)
    const stem = get(cols.stem).replace(/\s+/g, ' ')
    if (!stem) err('题干', '题干不能为空')
    else if (stem.length > 500) err('题干', '题干不能超过 500 字')

    let options: string[] = []
    let answer: number[] = []
    const answerText = get(cols.answer)
    if (type === 'judge') {
      options = [...JUDGE_OPTIONS]
      const a = parseJudgeAnswer(answerText)
      if (!answerText) err('答案', '答案不能为空')
      else if (a === null) err('答案', `判断题答案“${answerText}”无法识别，应为正确/错误、对/错或√/×`)
      else answer = [a]
    } else if (type) {
      const last = optionCells.reduce((acc, c, o) => (c ? o : acc), -1)
      options = optionCells.slice(0, last + 1)
      const gap = options.findIndex((c) => !c)
      if (gap >= 0) err(`选项${OPTION_LETTERS[gap]}`, `选项${OPTION_LETTERS[gap]}为空，但后面还有选项`)
      else if (options.length < 2) err('选项', '选择题至少需要两个选项')
      const a = parseChoiceAnswer(answerText)
      if (!answerText) err('答案', '答案不能为空')
      else if (!a) err('答案', `答案“${answerText}”无法识别，应为选项字母，如 A 或 ABD`)
      else {
        const missing = a.filter((x) => x >= options.length)
        if (missing.length)
          err('答案', `答案中的 ${missing.map((x) => String.fromCharCode(65 + x)).join('、')} 没有对应的选项`)
        else if (type === 'single' && a.length > 1) err('答案', `单选题只能有一个答案，填写的是“${answerText}”`)
        else answer = a
      }
    }

    if (errors.length !== before || !type) continue
    const key = questionKey(type, stem)
    if (existingKeys.has(key)) {
      duplicates.push({ row, stem, of: 'existing' })
      continue
    }
    if (seen.has(key)) {
      duplicates.push({ row, stem, of: seen.get(key)! })
      continue
    }
    seen.set(key, row)
    questions.push({
      row,
      type,
      stem,
      options,
      answer,
      explanation: get(cols.explanation) || null,
      category: get(cols.category) || null,
      key,
    })
  }
  if (!errors.length && !questions.length && !duplicates.length)
    errors.push({ row: header.index + 2, field: '题干', message: '文件中没有题目' })
  return errors.length ? { ok: false, errors } : { ok: true, questions, duplicates }
}
