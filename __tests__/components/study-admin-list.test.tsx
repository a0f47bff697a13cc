import './support/mock-boundaries'
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { AdminArticle } from '@/contract/study.contract'
import StudyArticlesPage from '@/packages/admin/pages/study-articles/index'
import { useStudyAdminListStore } from '@/stores/study-admin-list.store'
import { fakeCloud } from './support/cloud'
import { articleCard } from './support/study-activity'

let cloud: ReturnType<typeof fakeCloud>
beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useStudyAdminListStore.setState(useStudyAdminListStore.getInitialState())
})

function adminArticle(over: Partial<AdminArticle>): AdminArticle {
  return {
    ...articleCard(),
    status: 'published',
    publishAt: '2026-06-20T01:00:00.000Z',
    audienceBranchIds: [],
    markdown: '正文',
    html: '<p>正文</p>',
    attachments: [],
    readCount: 40,
    editable: true,
    notice: null,
    ...over,
  }
}

test("a secretary's list holds the committee's required reading read-only: it opens her branch's reading, not the editor", async () => {
  cloud.reply('study.adminList', {
    items: [
      adminArticle({ id: 'own', title: '办公室支部资料', readCount: 6 }),
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
