import './support/mock-boundaries'
import { ERRORS } from '@/contract/errors'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import BankPage from '@/packages/admin/pages/bank/index'
import BankImportPage from '@/packages/admin/pages/bank-import/index'
import QuestionEditPage from '@/packages/admin/pages/question-edit/index'
import type { QuestionView } from '@/contract'
import Taro from '@tarojs/taro'
import { typeIntoTextarea } from './support/helpers'
import { setPageParams } from './support/taro-fake'
import { ApiError } from '@/services/api-client'
import { fakeCloud } from './support/cloud'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  cloud.uploadFile.mockResolvedValue('cloud://env/imports/bank.xlsx')
  cloud.reply('quiz.categories', { items: [] })
})

function pick(container: HTMLElement, name: string) {
  const input = container.querySelector('#bank-file') as HTMLInputElement
  fireEvent.change(input, { target: { files: [new File(['题型,题干\n'], name, { type: 'text/csv' })] } })
}

test('the note says which columns the file needs', () => {
  render(<BankImportPage />)
  expect(screen.getByText(/题型（单选\/多选\/判断）、题干、选项A–选项F/)).toBeInTheDocument()
})

test('a file with mistakes lists each row to fix, and nothing is imported', async () => {
  cloud.fail(
    'quiz.importBank',
    new ApiError('IMPORT_INVALID', ERRORS.IMPORT_INVALID, [
      { row: 4, path: '答案', message: '答案中的 E 没有对应的选项' },
      { row: 7, path: '题干', message: '第 7 行 题干：题干不能为空' },
    ]),
  )
  const { container } = render(<BankImportPage />)
  pick(container, '题库.csv')

  expect(await screen.findByText('导入文件中有错误，未导入任何数据，请按提示修改后重新导入')).toBeInTheDocument()
  const rows = container.querySelectorAll('.import-row-error')
  expect(rows).toHaveLength(2)
  expect(rows[0]).toHaveTextContent('第 4 行答案答案中的 E 没有对应的选项')
  expect(rows[1]).toHaveTextContent('第 7 行题干题干不能为空')
  expect(cloud.calls('quiz.importBank')).toEqual([{ fileID: 'cloud://env/imports/bank.xlsx' }])
})

test('a good file shows how many were added and which rows repeat', async () => {
  cloud.reply('quiz.importBank', {
    stage: 'done',
    confirmToken: 'b'.repeat(64),
    created: 35,
    updated: 0,
    total: 37,
    changes: [],
    duplicates: [
      { row: 20, stem: '党的最高领导机关是（ ）', of: 5 },
      { row: 21, stem: '党的根本组织原则是（ ）', of: 'existing' },
    ],
  })
  // 题库管理 stays open beneath the import page, with its category counts.
  cloud.reply('quiz.questions', { items: [], total: 0, page: 1, pageSize: 20 })
  cloud.reply('quiz.categories', { items: [] })
  render(<BankPage />)
  await waitFor(() => expect(cloud.calls('quiz.categories')).toHaveLength(1))
  const { container } = render(<BankImportPage />)
  pick(container, '题库.xlsx')

  expect(await screen.findByText('导入完成')).toBeInTheDocument()
  expect(container.querySelector('.import-created')).toHaveTextContent('35')
  const dups = container.querySelectorAll('.bank-duplicate')
  expect(dups[0]).toHaveTextContent('第 20 行党的最高领导机关是（ ）（与第 5 行重复）')
  expect(dups[1]).toHaveTextContent('第 21 行党的根本组织原则是（ ）（题库中已有）')
  // New questions may bring new categories: the bank's list and counts are fetched again.
  await waitFor(() => expect(cloud.calls('quiz.categories')).toHaveLength(2))
  expect(cloud.calls('quiz.questions')).toHaveLength(2)
})

test('another kind of file is refused before uploading', async () => {
  const { container } = render(<BankImportPage />)
  pick(container, '题库.docx')
  await waitFor(() => expect(container.querySelector('#bank-file')).not.toBeNull())
  expect(cloud.uploadFile).not.toHaveBeenCalled()
})

test('a corrected bank previews the changes to existing questions and writes them only on 确认导入', async () => {
  const preview = {
    stage: 'preview' as const,
    confirmToken: 'c'.repeat(64),
    created: 1,
    updated: 1,
    total: 2,
    duplicates: [],
    changes: [
      {
        row: 3,
        stem: '党的最高领导机关是（ ）',
        changes: [
          { field: '答案', before: 'B', after: 'A' },
          { field: '解析', before: '（空）', after: '党章第十条' },
        ],
      },
    ],
  }
  cloud.reply('quiz.importBank', (input) => (input.confirm ? { ...preview, stage: 'done' as const } : preview))
  const { container } = render(<BankImportPage />)
  pick(container, '题库.xlsx')

  expect(await screen.findByText('导入预览（尚未写入）')).toBeInTheDocument()
  const lines = [...container.querySelectorAll('.import-preview-change')].map((n) => n.textContent)
  expect(lines).toEqual(['答案：B → A', '解析：（空） → 党章第十条'])
  expect(cloud.calls('quiz.importBank')).toHaveLength(1)

  fireEvent.click(container.querySelector('#bank-import-confirm')!)
  expect(await screen.findByText('导入完成')).toBeInTheDocument()
  expect(container.querySelector('.import-changed')).toHaveTextContent('1')
  expect(cloud.calls('quiz.importBank')).toEqual([
    { fileID: 'cloud://env/imports/bank.xlsx' },
    { fileID: 'cloud://env/imports/bank.xlsx', confirm: 'c'.repeat(64) },
  ])
})

test('a large file is written over several calls: the page shows 正在写入 with the count and goes on until it is done', async () => {
  const base = { confirmToken: 'c'.repeat(64), created: 300, updated: 0, total: 300, changes: [], duplicates: [] }
  const steps = [
    { ...base, stage: 'writing' as const, progress: { written: 120, total: 300 } },
    { ...base, stage: 'done' as const, progress: { written: 300, total: 300 } },
  ]
  let release: () => void = () => undefined
  const gate = new Promise<void>((r) => (release = r))
  let n = 0
  let lost = false
  // The fake cloud awaits what an answer returns, so an answer may be a promise (typed as the plain result).
  const answer = async () => {
    // The first call is cut off by the function's timeout: the page calls again for the same file.
    if (!lost) {
      lost = true
      throw new ApiError('NETWORK', '网络不太稳定，请稍后重试')
    }
    if (n === 1) await gate // hold the last call so the progress can be read on screen
    return steps[n++]
  }
  cloud.reply('quiz.importBank', answer as never)
  const { container } = render(<BankImportPage />)
  pick(container, '题库.xlsx')

  expect(await screen.findByText('正在写入：已完成 120 / 300 题，请勿离开本页')).toBeInTheDocument()
  release()
  expect(await screen.findByText('导入完成')).toBeInTheDocument()
  expect(container.querySelector('.import-created')).toHaveTextContent('300')
  expect(container.querySelector('#bank-import-progress')).toBeNull()
  // Every call named the same file: the cloud continues the same import.
  expect(cloud.calls('quiz.importBank')).toEqual([
    { fileID: 'cloud://env/imports/bank.xlsx' },
    { fileID: 'cloud://env/imports/bank.xlsx' },
    { fileID: 'cloud://env/imports/bank.xlsx' },
  ])
})

describe('题库管理 and 编辑试题', () => {
  const question = (over: Partial<QuestionView> = {}): QuestionView => ({
    id: 'q1',
    type: 'single',
    stem: '党的最高领导机关是（ ）',
    options: ['全国代表大会和它所产生的中央委员会', '中央政治局', '中央书记处', '中央军事委员会'],
    answer: [0],
    explanation: null,
    category: '党章',
    status: 'active',
    revision: 0,
    ...over,
  })

  test('a question opened from the list is edited from the row the list holds; the saved stem shows on the list at once', async () => {
    let stem = '党的最高领导机关是（ ）'
    cloud.reply('quiz.questions', () => ({ items: [question({ stem })], total: 1, page: 1, pageSize: 20 }))
    cloud.reply('quiz.categories', { items: [{ category: '党章', count: 1 }] })
    render(<BankPage />)
    fireEvent.click(await screen.findByText('党的最高领导机关是（ ）'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/question-edit/index?id=q1' })

    setPageParams({ id: 'q1' })
    cloud.reply('quiz.saveQuestion', (input) => {
      stem = input.stem
      return { question: question({ stem }) }
    })
    const { container } = render(<QuestionEditPage />)
    await waitFor(() => expect(container.querySelector('#question-save')).not.toBeNull())
    await typeIntoTextarea(container, 'question-stem', '中国共产党的最高领导机关是（ ）')
    fireEvent.click(container.querySelector('#question-save')!)
    await waitFor(() => expect(cloud.calls('quiz.saveQuestion')).toHaveLength(1))
    expect(cloud.calls('quiz.saveQuestion')[0]).toMatchObject({ id: 'q1', stem: '中国共产党的最高领导机关是（ ）' })
    expect(await screen.findByText('中国共产党的最高领导机关是（ ）')).toBeInTheDocument()
  })

  test('opened by a bare link (nothing cached), the question form says where to pick one', async () => {
    setPageParams({ id: 'q9' })
    render(<QuestionEditPage />)
    expect(await screen.findByText('没有找到要编辑的试题')).toBeInTheDocument()
  })

  test('an empty bank says how to fill it, and a failed read offers 重新加载', async () => {
    cloud.fail('quiz.questions', new ApiError('NETWORK', ERRORS.NETWORK))
    cloud.reply('quiz.questions', { items: [], total: 0, page: 1, pageSize: 20 })
    cloud.reply('quiz.categories', { items: [] })
    render(<BankPage />)
    fireEvent.click(await screen.findByText('重新加载'))
    expect(await screen.findByText('题库还是空的')).toBeInTheDocument()
  })
})
