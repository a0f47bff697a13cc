import ExcelJS from 'exceljs'
import type { PaperQuestion } from '../../../src/contract/quiz.contract'
import type { TestCloud } from '../local-cloud'

/** A small bank: 6 单选, 4 多选, 4 判断. The answer is always the option whose text starts with "对". */
export const BANK: unknown[][] = [
  ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '分类'],
  ...Array.from({ length: 6 }, (_, i) => [
    '单选',
    `单选题${i + 1}（  ）`,
    '错一',
    `对${i}`,
    '错二',
    '错三',
    'B',
    `解析单${i + 1}`,
    '党章',
  ]),
  ...Array.from({ length: 4 }, (_, i) => [
    '多选',
    `多选题${i + 1}（  ）`,
    `对甲${i}`,
    '错甲',
    `对乙${i}`,
    '错乙',
    'A、C',
    `解析多${i + 1}`,
    '条例',
  ]),
  ...Array.from({ length: 4 }, (_, i) => [
    '判断',
    `判断题${i + 1}`,
    '',
    '',
    '',
    '',
    i % 2 ? '错' : '对',
    `解析判${i + 1}`,
    '党章',
  ]),
]

export async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('题库')
  rows.forEach((r) => ws.addRow(r))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export async function importBank(t: TestCloud, rows: unknown[][] = BANK) {
  const admin = await t.openidOf('陈建国')
  const fileID = t.cloud.storage.upload(`imports/bank-${Math.random()}.xlsx`, await xlsx(rows))
  return importUntilWritten(t, admin, fileID)
}

/**
 * Imports a bank file as the bank-import page does: a large file (or a slow machine) makes the function stop itself
 * before its timeout and answer 'writing' with its progress, and the same call again continues where it stopped.
 */
export async function importUntilWritten(t: TestCloud, admin: string, fileID: string) {
  let res = await t.ok(admin, 'quiz.importBank', { fileID })
  for (let calls = 1; res.stage === 'writing'; calls++) {
    if (calls > 50) throw new Error(`bank import still writing after ${calls} calls`)
    res = await t.ok(admin, 'quiz.importBank', { fileID })
  }
  return res
}

/** Publishes a test open now for an hour, 30 minutes long: 3 单选 (2 points), 2 多选 (4), 2 判断 (1) = 16 points. */
export async function publishedQuiz(t: TestCloud, over: Record<string, unknown> = {}) {
  const admin = await t.openidOf('陈建国')
  const now = t.cloud.clock.now()
  const { quiz } = await t.ok(admin, 'quiz.saveQuiz', {
    title: `七一党内法规测试${Math.random().toString(36).slice(2, 6)}`,
    openAt: new Date(now.getTime() - 60_000).toISOString(),
    closeAt: new Date(now.getTime() + 3600_000).toISOString(),
    durationMin: 30,
    mode: 'random',
    draw: { single: 3, multi: 2, judge: 2 },
    points: { single: 2, multi: 4, judge: 1 },
    passMark: 10,
    ...over,
  })
  await t.ok(admin, 'quiz.publishQuiz', { quizId: quiz.id })
  return { admin, quiz }
}

/** The display positions of the right answer, read from the option texts (the bank marks them with 对/正确). */
export function rightChoice(q: PaperQuestion, bankRows: unknown[][] = BANK): number[] {
  if (q.type === 'judge') {
    const row = bankRows.find((r) => r[1] === q.stem)!
    return [row[6] === '对' ? q.options.indexOf('正确') : q.options.indexOf('错误')]
  }
  return q.options.map((o, i) => (o.startsWith('对') ? i : -1)).filter((i) => i >= 0)
}
