import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { importBank } from './fixtures'

// 新增试题 whose 题型 and 题干 are those of a question already in the bank (the id comes from them): the bank keeps
// the question it has — its answer, its explanation, whether it is retired — and the admin is told it is there. Only
// the same new question sent again (a retry) answers as saved.

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await importBank(t)
})
afterEach(() => t.close())

async function stored(stem: string) {
  const rows = (await t.cloud.db().collection('questions').where({ stem }).get()).data
  expect(rows).toHaveLength(1)
  return rows[0] as unknown as { _id: string; answer: number[]; explanation: string | null; status: string }
}

it('a new question with the stem of one in the bank is refused and the bank question is unchanged', async () => {
  const admin = await t.openidOf('陈建国')
  const before = await stored('单选题1（ ）')
  expect(before.answer).toEqual([1])
  const res = await t.call(admin, 'quiz.saveQuestion', {
    type: 'single',
    stem: '单选题1（  ）',
    options: ['甲', '乙', '丙', '丁'],
    answer: [0],
    explanation: '另一位管理员写的解析',
  })
  expect(codeOf(res)).toBe('CONFLICT')
  expect(res.ok ? '' : res.error.message).toContain('已有相同的题目')
  expect(await stored('单选题1（ ）')).toMatchObject({ answer: [1], explanation: '解析单1', status: 'active' })
})

it('a retired question is not brought back by adding it anew with another answer', async () => {
  const admin = await t.openidOf('陈建国')
  const q = await stored('单选题2（ ）')
  await t.ok(admin, 'quiz.retireQuestion', { id: q._id, retired: true })
  const res = await t.call(admin, 'quiz.saveQuestion', {
    type: 'single',
    stem: '单选题2（  ）',
    options: ['错一', '对1', '错二', '错三'],
    answer: [3],
  })
  expect(codeOf(res)).toBe('CONFLICT')
  expect(await stored('单选题2（ ）')).toMatchObject({ answer: [1], status: 'retired' })
})

it('the same new question sent twice (its answer lost) is saved once and answered both times', async () => {
  const admin = await t.openidOf('陈建国')
  const input = {
    type: 'judge' as const,
    stem: '党员有权在党的会议上批评党的任何组织和任何党员',
    options: ['正确', '错误'],
    answer: [0],
    category: '党章',
  }
  const first = await t.ok(admin, 'quiz.saveQuestion', input)
  const again = await t.ok(admin, 'quiz.saveQuestion', input)
  expect(again.question.id).toBe(first.question.id)
  expect(await stored(input.stem)).toMatchObject({ answer: [0], status: 'active' })
})
