import { startTestCloud, type TestCloud } from '../local-cloud'
import { xlsx } from './fixtures'

/**
 * Issue 10: "imports are whole or nothing even when the function is cut off midway". A bank import writes each
 * question under the natural key of its type and stem, so a run cut off by the timeout is completed by importing the
 * same file again: every question once, none doubled.
 */
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const N = 300
const ROWS: unknown[][] = [
  ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '分类'],
  ...Array.from({ length: N }, (_, i) => [
    '单选',
    `续导入测试题${i}（  ）`,
    '甲',
    '乙',
    '丙',
    '丁',
    'A',
    `解析${i}`,
    '党章',
  ]),
]

it('an import cut off midway is completed by importing the same file again: every question once', async () => {
  const admin = await t.openidOf('陈建国')
  const fileID = t.cloud.storage.upload('imports/bank-big.xlsx', await xlsx(ROWS))
  const cut = await t.call(admin, 'quiz.importBank', { fileID }, { dbDelayMs: 60, timeouts: { quiz: 1500 } })
  expect(cut).toMatchObject({ errCode: -504002 })
  const partial = await t.count('questions')
  expect(partial).toBeGreaterThan(0)
  expect(partial).toBeLessThan(N)

  const again = await t.ok(admin, 'quiz.importBank', { fileID })
  expect(again.stage).toBe('done')
  expect(await t.count('questions')).toBe(N)
  // Once more: nothing new, nothing doubled.
  await t.ok(admin, 'quiz.importBank', { fileID })
  expect(await t.count('questions')).toBe(N)
})
