// A corrected bank re-imported: existing questions are updated after a preview, never duplicated; a question on a
// test that is still open keeps its options and answer.
import { startTestCloud, type TestCloud } from '../local-cloud'
import { BANK, importBank, publishedQuiz, xlsx } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await importBank(t)
})
afterEach(() => t.close())

const upload = async (rows: unknown[][]) =>
  t.cloud.storage.upload(`imports/fix-${Math.random()}.xlsx`, await xlsx(rows))
// Stems are stored with runs of spaces collapsed (单选题1（  ） → 单选题1（ ）).
const question = async (stem: string) =>
  (
    await t.cloud
      .db()
      .collection('questions')
      .where({ stem: stem.replace(/\s+/g, ' ') })
      .get()
  ).data[0] as {
    _id: string
    answer: number[]
    options: string[]
    explanation: string | null
  }

// 单选题1 with its answer corrected from B to C and a new explanation; 单选题2 unchanged; one new question.
const CORRECTED = [
  BANK[0],
  ['单选', '单选题1（  ）', '错一', '对0', '错二', '错三', 'C', '更正后的解析', '党章'],
  BANK[2],
  ['判断', '一道新判断题', '', '', '', '', '√', '', '党章'],
]

describe('re-importing a corrected bank', () => {
  it('previews what changes, field by field, and writes nothing until confirmed', async () => {
    const admin = await t.openidOf('陈建国')
    const before = await t.count('questions')
    const fileID = await upload(CORRECTED)
    const preview = await t.ok(admin, 'quiz.importBank', { fileID })
    expect(preview).toMatchObject({ stage: 'preview', created: 1, updated: 1, total: 3 })
    expect(preview.changes).toEqual([
      {
        row: 2,
        stem: '单选题1（ ）',
        changes: [
          { field: '答案', before: 'B', after: 'C' },
          { field: '解析', before: '解析单1', after: '更正后的解析' },
        ],
      },
    ])
    expect(preview.duplicates).toEqual([{ row: 3, stem: '单选题2（ ）', of: 'existing' }])
    expect(await t.count('questions')).toBe(before)
    expect((await question('单选题1（  ）')).answer).toEqual([1])

    const done = await t.ok(admin, 'quiz.importBank', { fileID, confirm: preview.confirmToken })
    expect(done).toMatchObject({ stage: 'done', created: 1, updated: 1 })
    // Updated in place: the same question, no second copy.
    expect(await t.count('questions')).toBe(before + 1)
    expect(await t.count('questions', { stem: '单选题1（ ）' })).toBe(1)
    expect(await question('单选题1（  ）')).toMatchObject({ answer: [2], explanation: '更正后的解析' })
    expect(await t.count('audit_logs', { action: 'question.import.update' })).toBe(1)

    // The same file again changes nothing and needs no confirmation.
    const again = await t.ok(admin, 'quiz.importBank', { fileID: await upload(CORRECTED) })
    expect(again).toMatchObject({ stage: 'done', created: 0, updated: 0 })
  })

  it('an edit form opened before the import cannot save over the imported correction', async () => {
    const admin = await t.openidOf('陈建国')
    const q = await question('单选题1（  ）')
    const opened = (await t.ok(admin, 'quiz.questions', { keyword: '单选题1' })).items.find((x) => x.id === q._id)!
    const fileID = await upload(CORRECTED)
    const preview = await t.ok(admin, 'quiz.importBank', { fileID })
    await t.ok(admin, 'quiz.importBank', { fileID, confirm: preview.confirmToken })
    // Her form still shows answer B and the old explanation; she only changes the category.
    const res = await t.call(admin, 'quiz.saveQuestion', {
      id: q._id,
      revision: opened.revision,
      type: 'single',
      stem: opened.stem,
      options: opened.options,
      answer: opened.answer,
      explanation: opened.explanation ?? undefined,
      category: '条例',
    })
    expect(res.ok || res.error.code).toBe('EDITED_ELSEWHERE')
    expect(await question('单选题1（  ）')).toMatchObject({ answer: [2], explanation: '更正后的解析' })
  })

  it('refuses a confirmation that no longer matches the bank', async () => {
    const admin = await t.openidOf('陈建国')
    const fileID = await upload(CORRECTED)
    const preview = await t.ok(admin, 'quiz.importBank', { fileID })
    // Someone edits the question in between.
    const q = await question('单选题1（  ）')
    await t.ok(admin, 'quiz.saveQuestion', {
      id: q._id,
      revision: 0,
      type: 'single',
      stem: '单选题1（ ）',
      options: q.options,
      answer: [3],
      category: '党章',
    })
    const res = await t.call(admin, 'quiz.importBank', { fileID, confirm: preview.confirmToken })
    expect(res.ok || res.error.code).toBe('CONFLICT')
    expect((await question('单选题1（  ）')).answer).toEqual([3])
  })

  it('keeps the options and answer of a question on a test that is still open; its explanation may change', async () => {
    const admin = await t.openidOf('陈建国')
    const q = await question('单选题1（  ）')
    await publishedQuiz(t, {
      mode: 'fixed',
      draw: undefined,
      fixedQuestionIds: [q._id],
      points: { single: 2, multi: 4, judge: 1 },
      passMark: 1,
    })
    const res = await t.call(admin, 'quiz.importBank', { fileID: await upload(CORRECTED) })
    expect(res.ok).toBe(false)
    if (!res.ok)
      expect(res.error.details).toEqual([
        { row: 2, path: '答案', message: expect.stringContaining('选项和答案在测试截止前不能修改') },
      ])
    expect((await question('单选题1（  ）')).answer).toEqual([1])

    const fileID = await upload([
      BANK[0],
      ['单选', '单选题1（  ）', '错一', '对0', '错二', '错三', 'B', '新解析', '党章'],
    ])
    const onlyExplanation = await t.ok(admin, 'quiz.importBank', { fileID })
    expect(onlyExplanation.stage).toBe('preview')
    const done = await t.ok(admin, 'quiz.importBank', { fileID, confirm: onlyExplanation.confirmToken })
    expect(done.stage).toBe('done')
    expect(await question('单选题1（  ）')).toMatchObject({ answer: [1], explanation: '新解析' })
  })
})
