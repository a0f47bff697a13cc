import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StudyArticlesPage from '@/packages/admin/pages/study-articles/index'
import StudyStatsPage from '@/packages/admin/pages/study-stats/index'
import StudyCompletionPage from '@/packages/admin/pages/study-completion/index'
import StudyEditPage from '@/packages/admin/pages/study-edit/index'
import { useSessionStore } from '@/stores/session.store'
import { me, member, typeInto } from './support/helpers'
import { ApiError } from '@/services/api-client'
import { fakeCloud } from './support/cloud'
import { adminArticle } from './support/study-activity'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>
beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
})

test("a secretary's list holds the committee's required reading read-only: it opens her branch's reading, not the editor", async () => {
  cloud.reply('study.adminList', {
    items: [
      adminArticle({ id: 'own', title: '办公室支部资料', required: false, readCount: 6 }),
      adminArticle({ id: 'cm', title: '机关党委必读', required: true, editable: false, readCount: 180 }),
    ],
    total: 2,
    page: 1,
    pageSize: 20,
  })
  const { container } = render(<StudyArticlesPage />)
  expect(await screen.findByText('机关党委必读')).toBeInTheDocument()
  const committee = container.querySelector('[data-article-id="cm"]')!
  expect(committee).toHaveTextContent('机关党委推送 · 只读')
  // The committee's count covers every branch: not shown to her here.
  expect(committee).not.toHaveTextContent('已读 180 人')
  expect(container.querySelector('[data-article-id="own"]')).toHaveTextContent('已读 6 人')
  fireEvent.click(committee)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: expect.stringMatching(/study-stats\/index\?id=cm$/) })
  fireEvent.click(container.querySelector('[data-article-id="own"]')!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: expect.stringMatching(/study-edit\/index\?id=own$/) })
})

test("the committee's required reading, seen by a secretary: her branch's names, 一键提醒 to the unread, no 编辑", async () => {
  setPageParams({ id: 'cm' })
  cloud.reply('study.articleStats', {
    article: adminArticle({ id: 'cm', title: '机关党委必读', required: true, editable: false }),
    audience: 8,
    read: 5,
    notRead: 3,
    averageSeconds: 300,
    byBranch: [{ branchId: 'b1', branchName: '办公室党支部', audience: 8, read: 5 }],
    branch: { branchId: 'b1', read: [], notRead: [{ memberId: 'm2', name: '孙浩然' }] },
  })
  cloud.reply('remind.log', { jobs: [], nextManualAt: null, templateId: 'tpl' })
  cloud.reply('remind.send', { jobId: 'j1', recipients: 3 })
  cloud.reply('study.reflections', { items: [], total: 0, page: 1, pageSize: 20 })
  const { container } = render(<StudyStatsPage />)
  expect(await screen.findByText('提醒尚未读完的党员')).toBeInTheDocument()
  expect(screen.queryByText('编辑')).toBeNull()
  fireEvent.click(container.querySelector('#remind-send')!)
  await waitFor(() => expect(cloud.calls('remind.send')).toEqual([{ kind: 'study', itemId: 'cm' }]))
})

test('the status tabs ask for that status only, and an empty status says how to add an article', async () => {
  cloud.reply('study.adminList', (input) =>
    input.status === 'draft'
      ? { items: [], total: 0, page: 1, pageSize: 20 }
      : {
          items: [adminArticle({ id: 'p1', title: '已发布的资料', required: false })],
          total: 1,
          page: 1,
          pageSize: 20,
        },
  )
  const { container } = render(<StudyArticlesPage />)
  expect(await screen.findByText('已发布的资料')).toBeInTheDocument()
  fireEvent.click(container.querySelector('#study-status-draft')!)
  expect(await screen.findByText('还没有学习资料')).toBeInTheDocument()
  expect(cloud.calls('study.adminList')).toEqual([{ page: 1 }, { status: 'draft', page: 1 }])
})

describe('必读完成情况', () => {
  const completion = (rate: number) => ({
    from: '2026-01-01T00:00:00+08:00',
    to: '2026-06-30T23:59:59+08:00',
    branches: [{ branchId: 'b1', branchName: '办公室党支部', requiredItems: 2, expected: 16, done: 8, rate }],
  })

  test('this year to today first; 查询 asks for the period picked; a failure offers 重新加载', async () => {
    cloud.fail('study.completion', new ApiError('NETWORK', '网络不给力，请检查网络后重试'))
    cloud.reply('study.completion', completion(0.5))
    const { container } = render(<StudyCompletionPage />)
    fireEvent.click(await screen.findByText('重新加载'))
    const row = await waitFor(() => {
      const r = container.querySelector('[data-branch-id="b1"]')
      if (!r) throw new Error('not yet')
      return r
    })
    expect([...row.querySelectorAll('.sc-cell')].map((c) => c.textContent)).toEqual([
      '办公室党支部',
      '2',
      '16',
      '8',
      '50%',
    ])
    const first = cloud.calls('study.completion')[0] as { from: string; to: string }
    expect(first.from).toMatch(/^\d{4}-01-01T00:00:00\+08:00$/)

    fireEvent.change(container.querySelector('#completion-from')!, { target: { value: '2026-03-01' } })
    fireEvent.change(container.querySelector('#completion-to')!, { target: { value: '2026-02-01' } })
    fireEvent.click(container.querySelector('#completion-query')!)
    expect(await screen.findByText('开始日期应早于结束日期')).toBeInTheDocument()
    fireEvent.change(container.querySelector('#completion-to')!, { target: { value: '2026-06-30' } })
    fireEvent.click(container.querySelector('#completion-query')!)
    await waitFor(() =>
      expect(cloud.calls('study.completion').at(-1)).toEqual({
        from: '2026-03-01T00:00:00+08:00',
        to: '2026-06-30T23:59:59+08:00',
      }),
    )
  })

  test('no branch to count says so', async () => {
    cloud.reply('study.completion', { ...completion(0), branches: [] })
    render(<StudyCompletionPage />)
    expect(await screen.findByText('没有可统计的支部')).toBeInTheDocument()
  })
})

describe('编辑学习资料', () => {
  beforeEach(() => {
    useSessionStore.setState({ me: me({ member: member({ role: 'branch_admin', branchId: 'b1' }) }) })
    cloud.reply('member.tree', { tree: [] })
  })

  test('opens the article from the cloud; a saved change shows at once on 学习资料管理 (open beneath it)', async () => {
    let title = '办公室支部资料'
    const own = () => adminArticle({ id: 'own', title, required: false, status: 'draft', audienceBranchIds: ['b1'] })
    cloud.reply('study.adminList', () => ({ items: [own()], total: 1, page: 1, pageSize: 20 }))
    render(<StudyArticlesPage />)
    expect(await screen.findByText('办公室支部资料')).toBeInTheDocument()

    setPageParams({ id: 'own' })
    cloud.reply('study.getArticle', () => ({ article: own() }))
    cloud.reply('study.save', (input) => {
      title = input.title
      return { article: own() }
    })
    const { container } = render(<StudyEditPage />)
    await waitFor(() => expect(container.querySelector('#study-title')).not.toBeNull())
    expect(cloud.calls('study.getArticle')).toEqual([{ articleId: 'own' }])
    await typeInto(container, 'study-title', '办公室支部资料（修订）')
    fireEvent.click(container.querySelector('#study-save')!)
    await waitFor(() => expect(cloud.calls('study.save')).toHaveLength(1))
    expect(cloud.calls('study.save')[0]).toMatchObject({ articleId: 'own', title: '办公室支部资料（修订）' })
    expect(
      await screen.findByText('办公室支部资料（修订）', { selector: '.admin-article-title, *' }),
    ).toBeInTheDocument()
    await waitFor(() => expect(cloud.calls('study.adminList').length).toBeGreaterThan(1))
    // The form holds the saved answer: the article is not read again.
    expect(cloud.calls('study.getArticle')).toHaveLength(1)
  })

  test("reopened after another admin's change, the editor reads the article again and saves on top of that change", async () => {
    setPageParams({ id: 'own' })
    let summary = '旧的摘要'
    cloud.reply('study.getArticle', () => ({
      article: adminArticle({
        id: 'own',
        title: '办公室支部资料',
        summary,
        status: 'draft',
        audienceBranchIds: ['b1'],
      }),
    }))
    cloud.reply('study.save', () => ({ article: adminArticle({ id: 'own' }) }))
    const first = render(<StudyEditPage />)
    expect(await screen.findByDisplayValue('旧的摘要')).toBeInTheDocument()
    first.unmount()

    summary = '另一位管理员改过的摘要'
    const { container } = render(<StudyEditPage />)
    expect(await screen.findByDisplayValue('另一位管理员改过的摘要')).toBeInTheDocument()
    expect(cloud.calls('study.getArticle')).toHaveLength(2)
    await typeInto(container, 'study-title', '办公室支部资料（修订）')
    fireEvent.click(container.querySelector('#study-save')!)
    await waitFor(() => expect(cloud.calls('study.save')).toHaveLength(1))
    expect(cloud.calls('study.save')[0]).toMatchObject({
      title: '办公室支部资料（修订）',
      summary: '另一位管理员改过的摘要',
    })
  })

  test('an article that cannot be read says why and offers 重新加载', async () => {
    setPageParams({ id: 'gone' })
    cloud.fail('study.getArticle', new ApiError('NOT_FOUND', '没有找到该资料'))
    cloud.reply('study.getArticle', { article: adminArticle({ id: 'gone', title: '找回的资料', status: 'draft' }) })
    const { container } = render(<StudyEditPage />)
    fireEvent.click(await screen.findByText('重新加载'))
    expect(await screen.findByDisplayValue('找回的资料')).toBeInTheDocument()
    expect(container.querySelector('#study-save')).not.toBeNull()
  })
})
