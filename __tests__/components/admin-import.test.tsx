import './support/mock-boundaries'
import { ERRORS } from '@/contract/errors'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import ImportPage from '@/packages/admin/pages/import/index'
import { ApiError } from '@/services/api-client'
import { fakeCloud } from './support/cloud'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  cloud.uploadFile.mockResolvedValue('cloud://env/imports/roster.csv')
})

function pick(container: HTMLElement, name: string) {
  const input = container.querySelector('#import-file') as HTMLInputElement
  const file = new File(['姓名,手机号,所在支部\n'], name, { type: 'text/csv' })
  fireEvent.change(input, { target: { files: [file] } })
}

const PREVIEW = {
  stage: 'preview' as const,
  confirmToken: 'a'.repeat(64),
  created: 12,
  updated: 3,
  moved: 1,
  reroled: 0,
  unchanged: 0,
  total: 15,
  rows: [
    {
      row: 4,
      kind: 'update' as const,
      name: '钱文静',
      changes: [{ field: '职务', before: '（空）', after: '组织委员' }],
      moved: false,
      reroled: false,
    },
  ],
  unknownColumns: [] as string[],
}

test('a good file is previewed first, and written only when the admin confirms', async () => {
  cloud.reply('member.import', (input) => (input.confirm ? { ...PREVIEW, stage: 'done' as const } : PREVIEW))
  const { container } = render(<ImportPage />)
  pick(container, '花名册.csv')

  expect(await screen.findByText('导入预览（尚未写入）')).toBeInTheDocument()
  expect(container.querySelector('.import-preview-counts')).toHaveTextContent(
    '新增 12 人，更新 3 人（其中调动支部 1 人',
  )
  expect(container.querySelector('.import-preview-change')).toHaveTextContent('职务：（空） → 组织委员')
  expect(cloud.calls('member.import')).toEqual([{ fileID: 'cloud://env/imports/roster.csv' }])

  fireEvent.click(container.querySelector('#import-confirm')!)
  expect(await screen.findByText('导入成功')).toBeInTheDocument()
  expect(container.querySelector('.import-created')).toHaveTextContent('12')
  expect(container.querySelector('.import-updated')).toHaveTextContent('3')
  expect(cloud.calls('member.import')).toEqual([
    { fileID: 'cloud://env/imports/roster.csv' },
    { fileID: 'cloud://env/imports/roster.csv', confirm: 'a'.repeat(64) },
  ])
})

test('cancelling a preview writes nothing', async () => {
  cloud.reply('member.import', PREVIEW)
  const { container } = render(<ImportPage />)
  pick(container, '花名册.csv')
  await screen.findByText('导入预览（尚未写入）')
  fireEvent.click(container.querySelector('#import-cancel')!)
  await waitFor(() => expect(screen.queryByText('导入预览（尚未写入）')).toBeNull())
  expect(cloud.calls('member.import')).toHaveLength(1)
})

test('a file with mistakes lists each row to fix', async () => {
  cloud.fail(
    'member.import',
    new ApiError('IMPORT_INVALID', ERRORS.IMPORT_INVALID, [
      { row: 3, path: '手机号', message: '手机号“1380000”不是 11 位手机号码' },
      { row: 5, path: '所在支部', message: '第 5 行 所在支部：没有名为“后勤党支部”的支部' },
    ]),
  )
  const { container } = render(<ImportPage />)
  pick(container, 'roster.xlsx')

  expect(await screen.findByText('导入文件中有错误，未导入任何数据，请按提示修改后重新导入')).toBeInTheDocument()
  const rows = await waitFor(() => {
    const list = container.querySelectorAll('.import-row-error')
    if (list.length !== 2) throw new Error('rows not shown')
    return list
  })
  expect(rows[0]).toHaveTextContent('第 3 行手机号手机号“1380000”不是 11 位手机号码')
  expect(rows[1]).toHaveTextContent('第 5 行所在支部没有名为“后勤党支部”的支部')
})

test('a file of another type is refused before uploading', async () => {
  const { container } = render(<ImportPage />)
  pick(container, 'roster.pdf')
  await waitFor(() => expect(container.querySelector('#import-file')).not.toBeNull())
  expect(cloud.uploadFile).not.toHaveBeenCalled()
})

test('columns the importer does not know are listed in the preview', async () => {
  cloud.reply('member.import', { ...PREVIEW, unknownColumns: ['序号', '入党时间'] })
  const { container } = render(<ImportPage />)
  pick(container, '花名册.xlsx')
  await screen.findByText('导入预览（尚未写入）')
  expect(container.querySelector('#import-unknown-columns')).toHaveTextContent(
    '以下 2 列未识别，其内容不会导入：“序号”、“入党时间”',
  )
})

test('the template downloads from the archive function', async () => {
  cloud.reply('archive.rosterTemplate', {
    fileID: 'cloud://env/exports/t.xlsx',
    url: 'http://127.0.0.1/t.xlsx',
    fileName: '花名册导入模板.xlsx',
  })
  const { container } = render(<ImportPage />)
  fireEvent.click(container.querySelector('#import-template')!)
  await waitFor(() => expect(cloud.calls('archive.rosterTemplate')).toEqual([{}]))
})

test('a large file is written over several calls: the page shows the progress and goes on until it is done', async () => {
  const steps = [
    { ...PREVIEW, stage: 'writing' as const, progress: { written: 5, total: 15 } },
    { ...PREVIEW, stage: 'writing' as const, progress: { written: 10, total: 15 } },
    { ...PREVIEW, stage: 'done' as const, progress: { written: 15, total: 15 } },
  ]
  let release: () => void = () => undefined
  const gate = new Promise<void>((r) => (release = r))
  let n = 0
  // The fake cloud awaits what an answer returns, so an answer may be a promise (typed as the plain result).
  const answer = async (input: { confirm?: string }) => {
    if (!input.confirm) return PREVIEW
    if (n === 1) await gate // hold the second confirm so the progress can be read on screen
    return steps[n++]
  }
  cloud.reply('member.import', answer as never)
  const { container } = render(<ImportPage />)
  pick(container, '花名册.csv')
  expect(await screen.findByText('导入预览（尚未写入）')).toBeInTheDocument()
  fireEvent.click(container.querySelector('#import-confirm')!)
  expect(await screen.findByText('正在写入：已完成 5 / 15 人，请勿离开本页')).toBeInTheDocument()
  release()
  expect(await screen.findByText('导入成功')).toBeInTheDocument()
  // Every further call carried the same token: the cloud continues the same import.
  const confirms = cloud.calls('member.import').slice(1) as Array<{ confirm?: string }>
  expect(new Set(confirms.map((c) => c.confirm))).toEqual(new Set(['a'.repeat(64)]))
})

test('a confirm call lost on the way is sent again with the same token, and the import still ends', async () => {
  let confirms = 0
  const answer = async (input: { confirm?: string }) => {
    if (!input.confirm) return PREVIEW
    if (++confirms === 1) throw new ApiError('NETWORK', '网络不太稳定，请稍后重试')
    return { ...PREVIEW, stage: 'done' as const }
  }
  cloud.reply('member.import', answer as never)
  const { container } = render(<ImportPage />)
  pick(container, '花名册.csv')
  await screen.findByText('导入预览（尚未写入）')
  fireEvent.click(container.querySelector('#import-confirm')!)
  expect(await screen.findByText('导入成功')).toBeInTheDocument()
  expect(cloud.calls('member.import').slice(1)).toEqual([
    { fileID: 'cloud://env/imports/roster.csv', confirm: 'a'.repeat(64) },
    { fileID: 'cloud://env/imports/roster.csv', confirm: 'a'.repeat(64) },
  ])
})

test('a refused confirm shows its message and the preview is gone', async () => {
  cloud.reply('member.import', PREVIEW)
  cloud.fail('member.import', new ApiError('CONFLICT', '这份花名册由其他管理员确认导入，请重新上传并预览'))
  const { container } = render(<ImportPage />)
  pick(container, '花名册.csv')
  await screen.findByText('导入预览（尚未写入）')
  fireEvent.click(container.querySelector('#import-confirm')!)
  expect(await screen.findByText('这份花名册由其他管理员确认导入，请重新上传并预览')).toBeInTheDocument()
  expect(screen.queryByText('导入预览（尚未写入）')).toBeNull()
})
