import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ReflectionRow } from '@/contract/study.contract'
import { china } from '@/domain/time'
import MemberAdminPage from '@/packages/admin/pages/member/index'
import StudyStatsPage from '@/packages/admin/pages/study-stats/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member } from './support/helpers'
import { adminArticle } from './support/study-activity'
import { setPageParams } from './support/taro-fake'

// 学习心得 on the staff screens (issue 14): per article on 阅读统计 (filtered by the branch picked), per member on her
// page (a year at a time), each with its Excel.

let cloud: ReturnType<typeof fakeCloud>
beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
  cloud.reply('member.tree', { tree: [] })
})

const file = { fileID: 'cloud://env/exports/x.xlsx', url: 'http://127.0.0.1/x.xlsx', fileName: 'x.xlsx', count: 2 }

function row(over: Partial<ReflectionRow>): ReflectionRow {
  return {
    id: 'a1_m1',
    articleId: 'a1',
    articleTitle: '学习贯彻全会精神',
    memberId: 'm1',
    name: '钱文静',
    branchId: 'b1',
    branchName: '办公室党支部',
    groupName: '第一党小组',
    text: '学习全会精神，要在服务保障工作中落到实处。',
    updatedAt: '2026-06-21T02:00:00.000Z',
    ...over,
  }
}

const pageOf = (items: ReflectionRow[], total = items.length, page = 1) => ({ items, total, page, pageSize: 20 })

const byBranch = [
  { branchId: 'b1', branchName: '办公室党支部', audience: 4, read: 3 },
  { branchId: 'b2', branchName: '预算处党支部', audience: 5, read: 1 },
]

function statsFor(branchId?: string) {
  return {
    article: adminArticle(),
    audience: 9,
    read: 4,
    notRead: 5,
    averageSeconds: 120,
    byBranch,
    branch: branchId ? { branchId, read: [], notRead: [] } : null,
  }
}

describe('阅读统计: the reflections on the article', () => {
  beforeEach(() => {
    setPageParams({ id: 'a1' })
    cloud.reply('remind.log', { jobs: [], nextManualAt: null, templateId: 'tpl' })
  })
  const requiredStats = () => cloud.reply('study.articleStats', (input) => statsFor(input.branchId))

  test('the committee reads every branch, then the branch she picks, and exports what she sees', async () => {
    requiredStats()
    cloud.reply('study.reflections', (input) =>
      input.branchId === 'b2'
        ? pageOf([
            row({
              id: 'a1_m9',
              memberId: 'm9',
              name: '冯涛',
              branchId: 'b2',
              branchName: '预算处党支部',
              groupName: null,
              text: '结合预算编制工作，深入领会全会精神。',
            }),
          ])
        : pageOf([
            row({
              id: 'a1_m9',
              memberId: 'm9',
              name: '冯涛',
              branchId: 'b2',
              branchName: '预算处党支部',
              groupName: null,
            }),
            row({}),
          ]),
    )
    const { container } = render(<StudyStatsPage />)
    const card = await waitFor(() => {
      const c = container.querySelector('#article-reflections')
      if (!c?.querySelector('[data-reflection-id="a1_m1"]')) throw new Error('not yet')
      return c
    })
    expect(card).toHaveTextContent('学习心得 2 篇')
    expect(card.querySelector('[data-reflection-id="a1_m1"]')).toHaveTextContent(
      '钱文静办公室党支部 · 第一党小组 · 2026-06-21 10:00学习全会精神，要在服务保障工作中落到实处。',
    )
    expect(cloud.calls('study.reflections')[0]).toEqual({ articleId: 'a1', page: 1 })

    fireEvent.click(container.querySelector('[data-branch-id="b2"]')!)
    expect(await screen.findByText('结合预算编制工作，深入领会全会精神。')).toBeInTheDocument()
    expect(cloud.calls('study.reflections').at(-1)).toEqual({ articleId: 'a1', branchId: 'b2', page: 1 })
    expect(container.querySelector('#article-reflections')).toHaveTextContent('学习心得 1 篇')

    cloud.reply('archive.reflections', file)
    fireEvent.click(container.querySelector('#article-reflections-export')!)
    await waitFor(() => expect(cloud.calls('archive.reflections')).toEqual([{ articleId: 'a1', branchId: 'b2' }]))
  })

  test('more than a page: 加载更多 asks for the next one and appends it', async () => {
    requiredStats()
    const first = Array.from({ length: 20 }, (_, i) => row({ id: `a1_m${i}`, memberId: `m${i}`, name: `党员${i}` }))
    cloud.reply('study.reflections', (input) =>
      input.page === 2 ? pageOf([row({ id: 'a1_last', name: '最后一位' })], 21, 2) : pageOf(first, 21),
    )
    render(<StudyStatsPage />)
    fireEvent.click(await screen.findByText('加载更多（已显示 20 / 21）'))
    expect(await screen.findByText('最后一位')).toBeInTheDocument()
    expect(screen.queryByText(/加载更多/)).toBeNull()
  })

  test('none yet: it says so, and there is nothing to export', async () => {
    requiredStats()
    cloud.reply('study.reflections', pageOf([]))
    const { container } = render(<StudyStatsPage />)
    expect(await screen.findByText('还没有人提交学习心得')).toBeInTheDocument()
    expect(container.querySelector('#article-reflections-export')).toBeNull()
  })

  test('an optional article has no reflections card (members write them on required reading only)', async () => {
    cloud.reply('study.articleStats', { ...statsFor(), article: adminArticle({ required: false }) })
    render(<StudyStatsPage />)
    await screen.findByText('学习贯彻全会精神')
    expect(screen.queryByText(/学习心得/)).toBeNull()
    expect(cloud.calls('study.reflections')).toEqual([])
  })
})

describe("a member's page: her reflections by year", () => {
  test('this year first with the article titles; another year on a tap; the Excel of the year shown', async () => {
    useSessionStore.setState({ me: me({ member: member({ id: 'me', role: 'branch_admin', branchId: 'b1' }) }) })
    setPageParams({ id: 'm5' })
    cloud.reply('member.get', { member: member({ id: 'm5', name: '孙浩然' }) })
    const year = china(Date.now()).year()
    cloud.reply('study.memberReflections', (input) =>
      input.year === year
        ? {
            ...pageOf([row({ id: 'a2_m5', articleTitle: '学习《纪律处分条例》', memberId: 'm5', name: '孙浩然' })]),
            year,
          }
        : { ...pageOf([]), year: input.year! },
    )
    const { container } = render(<MemberAdminPage />)
    expect(await screen.findByText('学习《纪律处分条例》')).toBeInTheDocument()
    expect(cloud.calls('study.memberReflections')[0]).toEqual({ memberId: 'm5', year, page: 1 })

    cloud.reply('archive.memberReflections', file)
    fireEvent.click(container.querySelector('#member-reflections-export')!)
    await waitFor(() => expect(cloud.calls('archive.memberReflections')).toEqual([{ memberId: 'm5', year }]))

    fireEvent.click(container.querySelector(`#member-reflections-${year - 1}`)!)
    expect(await screen.findByText(`${year - 1} 年没有提交学习心得`)).toBeInTheDocument()
    expect(container.querySelector('#member-reflections-export')).toBeNull()
  })
})
