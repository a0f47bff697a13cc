import { startTestCloud, type TestCloud } from '../local-cloud'
import { xlsx } from './fixtures'

/**
 * Issue 10: "imports are whole or nothing even when the function is cut off midway". A bank import is a job of the
 * shared runner (quiz/bank-import-job.ts): the planned rows are stored once for the file, written in chunks from a
 * saved cursor, and the next call for the same file goes on from there — every question once, every change audited
 * once, and the answer the admin sees counts the whole file, with the progress while it is being written.
 */
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const N = 300
const rows = (explanation: (i: number) => string): unknown[][] => [
  ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '分类'],
  ...Array.from({ length: N }, (_, i) => [
    '单选',
    `续导入测试题${i}（  ）`,
    '甲',
    '乙',
    '丙',
    '丁',
    'A',
    explanation(i),
    '党章',
  ]),
]
/**
 * The platform stops the function part-way through the rows: after 60 writes the next one never returns, and the
 * call is cut off at its timeout (6 s here). Counting writes, not racing a slowed database against the clock, puts
 * the cut in the middle of the rows however busy the machine is.
 */
const SLOW = () => {
  let writes = 0
  const hold = new Promise<void>(() => {})
  return {
    timeouts: { quiz: 6000 },
    beforeRequest: (action: string) =>
      /insertDocument|modifyDocument/.test(action) && ++writes > 60 ? hold : undefined,
  }
}

it('an import cut off midway is continued by the next call for the same file: every question once, the whole file counted', async () => {
  const admin = await t.openidOf('陈建国')
  const fileID = t.cloud.storage.upload('imports/bank-big.xlsx', await xlsx(rows((i) => `解析${i}`)))
  const cut = await t.call(admin, 'quiz.importBank', { fileID }, SLOW())
  expect(cut).toMatchObject({ errCode: -504002 })
  const partial = await t.count('questions')
  expect(partial).toBeGreaterThan(0)
  expect(partial).toBeLessThan(N)

  // While the cut-off run's lease lasts (it might still be running, as far as the function can tell), a call answers
  // the saved progress and writes nothing.
  const held = await t.ok(admin, 'quiz.importBank', { fileID })
  expect(held).toMatchObject({ stage: 'writing', created: N, progress: { total: N } })
  expect(held.progress!.written).toBeLessThanOrEqual(partial)
  expect(await t.count('questions')).toBe(partial)

  t.cloud.clock.advance(25_000)
  let result = await t.ok(admin, 'quiz.importBank', { fileID })
  while (result.stage === 'writing') result = await t.ok(admin, 'quiz.importBank', { fileID })
  expect(result).toMatchObject({ stage: 'done', created: N, updated: 0, progress: { written: N, total: N } })
  expect(await t.count('questions')).toBe(N)

  // Once more: the same answer, nothing new, nothing doubled.
  expect(await t.ok(admin, 'quiz.importBank', { fileID })).toMatchObject({ stage: 'done', created: N })
  expect(await t.count('questions')).toBe(N)
})

it('a confirmed re-import cut off midway ends with every question changed once and audited once', async () => {
  const admin = await t.openidOf('陈建国')
  await t.ok(admin, 'quiz.importBank', {
    fileID: t.cloud.storage.upload('imports/bank-first.xlsx', await xlsx(rows((i) => `解析${i}`))),
  })
  const fileID = t.cloud.storage.upload('imports/bank-fixed.xlsx', await xlsx(rows((i) => `更正后的解析${i}`)))
  const preview = await t.ok(admin, 'quiz.importBank', { fileID })
  expect(preview).toMatchObject({ stage: 'preview', updated: N })

  const cut = await t.call(admin, 'quiz.importBank', { fileID, confirm: preview.confirmToken }, SLOW())
  expect(cut).toMatchObject({ errCode: -504002 })
  const changed = await t.count('questions', { explanation: t.cloud.db().RegExp({ regexp: '^更正后' }) })
  expect(changed).toBeGreaterThan(0)
  expect(changed).toBeLessThan(N)

  t.cloud.clock.advance(25_000)
  let result = await t.ok(admin, 'quiz.importBank', { fileID, confirm: preview.confirmToken })
  while (result.stage === 'writing')
    result = await t.ok(admin, 'quiz.importBank', { fileID, confirm: preview.confirmToken })
  expect(result).toMatchObject({ stage: 'done', updated: N, progress: { written: N, total: N } })
  expect(await t.count('questions')).toBe(N)
  expect(await t.count('questions', { explanation: t.cloud.db().RegExp({ regexp: '^更正后' }) })).toBe(N)
  expect(await t.count('audit_logs', { action: 'question.import.update' })).toBe(N)
})
